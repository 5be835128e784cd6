import { createHash } from "node:crypto";
import type { Route } from "./routes.js";

/**
 * A route's signature: a digest of everything its output can depend on (the site-wide
 * `globals`, and every value reachable from the route), where a content entity stands for the
 * digest of the file it came from. Same signature, same output: the route need not be rendered.
 * Objects shared between routes (a topic's scoop list, the topic entries on every home page)
 * are digested once per build.
 */
export function createRouteSignatures(
  globals: string,
  versionOfFile: (file: string) => string | undefined,
): (route: Route) => string {
  const memo = new WeakMap<object, string>();

  const sig = (value: unknown): string => {
    if (value === null || value === undefined) return "∅";
    switch (typeof value) {
      case "string":
        return `s${value.length}:${value}`;
      case "number":
      case "boolean":
        return `${typeof value}:${String(value)}`;
      case "object":
        break;
      default:
        return typeof value;
    }
    const obj = value as Record<string, unknown>;
    const cached = memo.get(obj);
    if (cached !== undefined) return cached;
    let out: string;
    const file = typeof obj.file === "string" ? obj.file : undefined;
    const version = file === undefined ? undefined : versionOfFile(file);
    if (version !== undefined && !Array.isArray(obj)) {
      // A scoop, topic or curator: its source file's digest, plus fields set while assembling
      // the site (a scoop's curator may come from its topic).
      out = `v:${version}:${sig(obj.curatorId)}`;
    } else if (obj instanceof Uint8Array) {
      out = `b:${createHash("sha1").update(obj).digest("base64url")}`;
    } else {
      const h = createHash("sha1");
      if (Array.isArray(obj)) {
        for (const item of obj) h.update(sig(item)).update("\u0000");
      } else if (obj instanceof Map) {
        for (const [k, v] of obj) h.update(sig(k)).update("=").update(sig(v)).update("\u0000");
      } else {
        for (const key of Object.keys(obj).sort()) {
          if (key === "sources") continue;
          h.update(key).update("=").update(sig(obj[key])).update("\u0000");
        }
      }
      out = h.digest("base64url");
    }
    memo.set(obj, out);
    return out;
  };

  return (route) =>
    createHash("sha1").update(globals).update("\u0000").update(sig(route)).digest("base64url");
}
