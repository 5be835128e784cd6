import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { warning } from "../diagnostics/diagnostic.js";
import type { LinkCheckOptions, LinkStatus } from "./check-link.js";
import { checkLink } from "./check-link.js";
import type { LinkCache } from "./link-cache.js";

/** A scoop's source link, and the file that names it. */
export interface SourceLink {
  /** Root-relative path of the scoop file. */
  readonly file: string;
  readonly url: string;
}

/** How `checkSources` works. */
export interface CheckSourcesOptions extends LinkCheckOptions {
  /** The digest's folder: files are read from it to place each warning on its `url:` line. */
  readonly root: string;
  /** Links asked about at once (default 8). */
  readonly concurrency?: number;
  /** Answers of the last day; updated with the new ones. */
  readonly cache?: LinkCache;
}

/**
 * Checks every scoop's source link (each URL once, `concurrency` at a time; answers of the last
 * day come from the cache) and returns a warning for each dead or moved one, at its `url:` line:
 * `link-dead` and `link-moved`, in the files' order.
 */
export async function checkSources(
  sources: readonly SourceLink[],
  options: CheckSourcesOptions,
): Promise<Diagnostic[]> {
  const urls = [...new Set(sources.map((s) => s.url))];
  const status = new Map<string, LinkStatus>();
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      const known = options.cache?.get(url);
      const found = known ?? (await checkLink(url, options));
      if (!known) options.cache?.set(url, found);
      status.set(url, found);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency ?? 8, urls.length) }, worker),
  );

  const diagnostics: Diagnostic[] = [];
  for (const source of [...sources].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : 0,
  )) {
    const s = status.get(source.url)!;
    if (s.state === "live") continue;
    const position = await urlPosition(path.join(options.root, source.file));
    diagnostics.push(
      s.state === "moved"
        ? warning(
            "link-moved",
            `the source ${source.url} has ${s.detail} to ${s.location}`,
            { file: source.file, position },
            `update \`url:\` to ${s.location}`,
          )
        : warning(
            "link-dead",
            `the source ${source.url} is dead: ${s.detail}`,
            { file: source.file, position },
            `find where the article went (search for its title, or its copy on https://web.archive.org/web/*/${source.url}) and update \`url:\`, or say in the insight that it is gone`,
          ),
    );
  }
  return diagnostics;
}

/** Where a scoop file's `url:` value starts (line 1 when it cannot be found). */
async function urlPosition(file: string): Promise<{ line: number; column: number }> {
  const text = await readFile(file, "utf8").catch(() => "");
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l) => /^url\s*:/.test(l));
  if (i < 0) return { line: 1, column: 1 };
  const m = /^url\s*:\s*/.exec(lines[i]!)!;
  return { line: i + 1, column: m[0].length + 1 };
}
