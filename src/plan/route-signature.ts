import { hash } from "node:crypto";
import type { Route } from "./routes.js";

/** Above this length, an object's key is replaced by its digest (keeps keys of big lists short). */
const INLINE_LIMIT = 512;

/**
 * A route's signature: a digest of everything its output can depend on (the site-wide
 * `globals`, and every value reachable from the route), where a content entity stands for the
 * path and digest of the file it came from. Same signature, same output: the route need not be
 * rendered. Objects shared between routes (a topic's scoop list, the topic entries on every
 * home page) are keyed once per build; small objects are keyed inline, large ones by digest.
 */
export function createRouteSignatures(
  globals: string,
  versionOfFile: (file: string) => string | undefined,
  tagName: (tag: string) => string = (tag) => tag,
): (route: Route) => string {
  const memo = new WeakMap<object, string>();

  const key = (value: unknown, remember = true): string => {
    switch (typeof value) {
      case "string":
        return `${value.length}'${value}`;
      case "number":
      case "boolean":
        return String(value);
      case "undefined":
        return "u";
      case "object":
        break;
      default:
        return typeof value;
    }
    if (value === null) return "n";
    const obj = value as Record<string, unknown>;
    const cached = memo.get(obj);
    if (cached !== undefined) return cached;
    let out: string;
    const file = typeof obj.file === "string" ? obj.file : undefined;
    const version = file === undefined || Array.isArray(obj) ? undefined : versionOfFile(file);
    if (version !== undefined) {
      // A scoop, topic or curator: its source file's path (its id, slug and topic come from
      // it) and digest, plus what assembling the site may set (a scoop's curator may come from
      // its topic) and its tags' shown names; digested to a fixed length, because every page
      // that lists the entity holds its key for the whole build (10,000 scoops' keys in full
      // held 10 MB more at the peak of a render).
      const tags = Array.isArray(obj.tags)
        ? (obj.tags as string[]).map(tagName).join("\u0001")
        : "";
      out = `v${hash("sha1", `${version}${key(file)}${key(obj.curatorId)}${key(tags)}`, "base64url")}`;
    } else if (obj instanceof Uint8Array) {
      out = `b${hash("sha1", obj, "base64url")}`;
    } else {
      const parts: string[] = [];
      if (Array.isArray(obj)) {
        for (const item of obj) parts.push(key(item));
        out = `[${parts.join(",")}]`;
      } else if (obj instanceof Map) {
        for (const [k, v] of obj) parts.push(`${key(k)}:${key(v)}`);
        out = `M{${parts.join(",")}}`;
      } else {
        // Keys come in the order the planning code creates them: the same on every build.
        for (const k in obj) if (k !== "sources") parts.push(`${k}:${key(obj[k])}`);
        out = `{${parts.join(",")}}`;
      }
      if (out.length > INLINE_LIMIT) out = `#${hash("sha1", out, "base64url")}`;
    }
    if (remember) memo.set(obj, out);
    return out;
  };

  // A route is keyed once: its key is not remembered (10,000 scoop pages' keys held 9 MB).
  return (route) => hash("sha1", `${globals}\u0000${key(route, false)}`, "base64url");
}
