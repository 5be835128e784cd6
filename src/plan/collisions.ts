import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";
import type { Route } from "./routes.js";

/**
 * An error for every route whose output path (ignoring case) an earlier route already has,
 * naming the sources of both; a static file that would replace a generated file is named as such.
 */
export function collisions(routes: readonly Route[]): Diagnostic[] {
  const seen = new Map<string, Route>();
  const out: Diagnostic[] = [];
  for (const r of routes) {
    const key = r.outputPath.toLowerCase();
    const first = seen.get(key);
    if (!first) {
      seen.set(key, r);
      continue;
    }
    const files = [...new Set([...first.sources, ...r.sources])];
    const staticFile = [first, r].find((x) => x.format === "asset" && x.sources.length > 0);
    const generated = [first, r].find((x) => x !== staticFile);
    out.push(
      staticFile && generated && generated.sources.length === 0
        ? error(
            "url-collision",
            `the static file ${staticFile.sources[0]} would replace the file Curio writes at ${generated.url}`,
            { file: staticFile.sources[0]! },
            "move or rename the static file",
          )
        : error(
            "url-collision",
            `two pages would be written to ${r.outputPath}${files.length ? `: from ${files.join(" and ")}` : ""}`,
            files[0] === undefined ? {} : { file: files[files.length - 1]! },
            "rename one of them (file name, `slug:`, tag or topic folder) so their URLs differ",
          ),
    );
  }
  return out;
}
