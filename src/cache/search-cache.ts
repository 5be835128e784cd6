import { readFileSync } from "node:fs";
import type { SearchCache, SearchIndex } from "../search/search-index.js";
import { writeAtomically } from "../util/cache-files.js";
import { digest } from "../util/digest.js";

/** The cache file's name in the cache folder. */
export const SEARCH_CACHE_FILE = "search-index.bin";

/** The first line of the cache file: what follows it, and a digest to check it by. */
interface Header {
  readonly format: "curio-search-index";
  readonly key: string;
  readonly digest: string;
  /** Each file's output path and length, in the order their bytes follow. */
  readonly files: readonly (readonly [string, number])[];
}

/**
 * The last search index, kept between builds in one file of `.curio-cache/` and in memory:
 * a build whose scoops did not change (a template or config edit, a CI build with the cache
 * restored) reuses it instead of running Pagefind, which takes seconds at 10,000 scoops. The
 * file is checked by a digest of its bytes; a damaged one is made again, never published.
 */
export class SearchFileCache implements SearchCache {
  private last: SearchIndex | undefined;
  private dirty = false;

  /** `file`: where the index is kept between processes; none: in memory only (`--no-cache`). */
  constructor(readonly file: string | undefined) {}

  get(key: string): SearchIndex | undefined {
    if (this.last?.key === key) return this.last;
    const read = this.file === undefined ? undefined : readIndexFile(this.file);
    if (read?.key !== key) return undefined;
    this.last = read;
    return read;
  }

  put(index: SearchIndex): void {
    this.last = index;
    this.dirty = true;
  }

  /** Writes the index made since the last save, if any. */
  async save(): Promise<void> {
    if (!this.dirty || !this.last || this.file === undefined) return;
    const files = [...this.last.files];
    const body = Buffer.concat(files.map(([, bytes]) => bytes));
    const header: Header = {
      format: "curio-search-index",
      key: this.last.key,
      digest: digest(body),
      files: files.map(([name, bytes]) => [name, bytes.length]),
    };
    await writeAtomically(
      this.file,
      Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]),
    );
    this.dirty = false;
  }
}

/** The index a cache file holds, or undefined when it is missing, damaged or of another format. */
function readIndexFile(file: string): SearchIndex | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const end = bytes.indexOf(10);
  if (end < 0) return undefined;
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(0, end).toString("utf8")) as Header;
  } catch {
    return undefined;
  }
  const body = bytes.subarray(end + 1);
  if (header.format !== "curio-search-index" || digest(body) !== header.digest) return undefined;
  const files = new Map<string, Uint8Array>();
  let at = 0;
  for (const [name, length] of header.files) {
    files.set(name, body.subarray(at, at + length));
    at += length;
  }
  return at === body.length ? { key: header.key, files } : undefined;
}
