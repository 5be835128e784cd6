import { readFileSync } from "node:fs";
import type { AssetRoute } from "../plan/routes.js";
import { digest } from "../util/digest.js";
import type { SearchRecord } from "./search-records.js";
import type * as pagefindModule from "pagefind";

/** Where the search index and Pagefind's scripts are published. */
export const SEARCH_DIR = "pagefind";

/** Pagefind's other search interfaces (its web component, its modular UI, its highlighter): the theme uses its default UI. */
const UNUSED = /^pagefind-(component-ui|modular-ui|highlight)\./;

/** The files of a search index, by output path (`pagefind/…`), with the key they were made for. */
export interface SearchIndex {
  /** A digest of the records, the language and Pagefind's version: same key, same files. */
  readonly key: string;
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/**
 * Search indexes made by earlier builds, by key: a build whose scoops did not change (a
 * template or config edit, a CI build with the cache restored) skips Pagefind.
 */
export interface SearchCache {
  get(key: string): SearchIndex | undefined;
  put(index: SearchIndex): void;
}

/** Pagefind's version, from its package (which exports no `package.json`). */
const PAGEFIND_VERSION = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.resolve("pagefind")), "utf8")) as {
    version: string;
  }
).version;

/** The key of the index `records` give in `language`. */
function searchKey(records: readonly SearchRecord[], language: string): string {
  return digest(JSON.stringify([PAGEFIND_VERSION, language, records]));
}

/**
 * Makes the search index of `records` with Pagefind (its Node API, which runs Pagefind's own
 * program beside Node): the index, one fragment per record, the filters, and Pagefind's search
 * scripts and styles, all under `pagefind/`. Records go in the order given and Pagefind names
 * its files by their content, so the same records give the same files. A cached index with the
 * same key is used as it is.
 */
export async function makeSearchIndex(
  records: readonly SearchRecord[],
  language: string,
  cache?: SearchCache,
): Promise<SearchIndex> {
  const key = searchKey(records, language);
  const cached = cache?.get(key);
  if (cached) return cached;
  const made = await withPagefind(async (pagefind) => {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind did not start: ${errors.join("; ")}`);
    try {
      const added = await Promise.all(
        records.map((r) =>
          index.addCustomRecord({
            url: r.url,
            content: r.content,
            language,
            meta: { ...r.meta },
            filters: Object.fromEntries(Object.entries(r.filters).map(([k, v]) => [k, [...v]])),
          }),
        ),
      );
      const failed = added.flatMap((r) => r.errors);
      if (failed.length > 0) throw new Error(`Pagefind refused a record: ${failed.join("; ")}`);
      const { files, errors: fileErrors } = await index.getFiles();
      if (fileErrors.length > 0) throw new Error(`Pagefind failed: ${fileErrors.join("; ")}`);
      return files;
    } finally {
      await index.deleteIndex();
    }
  });
  const files = new Map(
    made
      .filter((f) => !UNUSED.test(f.path))
      .map((f) => [`${SEARCH_DIR}/${f.path}`, new Uint8Array(f.content)] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const result = { key, files };
  cache?.put(result);
  return result;
}

/** The asset routes that publish a search index's files. */
export function searchRoutes(search: SearchIndex): AssetRoute[] {
  return [...search.files.keys()].map((outputPath) => ({
    format: "asset",
    url: `/${outputPath}`,
    outputPath,
    name: outputPath,
    sources: [],
  }));
}

type Pagefind = typeof pagefindModule;
let users = 0;

/**
 * Runs `use` with Pagefind's program started, and stops the program when no build uses it any
 * more (Pagefind keeps one program per Node process: `curio serve` may index while a build
 * still does).
 */
async function withPagefind<T>(use: (pagefind: Pagefind) => Promise<T>): Promise<T> {
  const pagefind = await import("pagefind");
  users++;
  try {
    return await use(pagefind);
  } finally {
    if (--users === 0) await pagefind.close();
  }
}
