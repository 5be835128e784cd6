import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { writeAtomicallyWith } from "../util/cache-files.js";
import { CheckedRecordReader, CheckedRecordWriter } from "./checked-records.js";
import type { CachedParse, ContentCache } from "../parse/content-cache.js";
import { emptyContentCache } from "../parse/content-cache.js";
import type { ExcerptStore } from "../render/excerpt-store.js";
import type { ParsedContent } from "../parse/content-file.js";
import { keepExcerpt } from "../parse/content-file.js";

/** The folder Curio keeps its caches in, inside the digest; safe to delete at any time. */
export const CACHE_DIR = ".curio-cache";

/**
 * The cache file's format: 3 checks every record with a digest (see `checked-records.ts`); 4
 * keeps a scoop's excerpt as the parse result's `excerptHtml`.
 */
const FORMAT = "curio-content-cache/4";
/** The header's digest seed: a file of another format never passes as this one. */
const HEADER_SEED = Buffer.from(FORMAT);

/** The cache file's first record. */
interface CacheHeader {
  readonly format: typeof FORMAT;
  readonly curio: string;
  readonly key: string;
}

/** One file's record: its path, the digest of its bytes, and its parse result (with its excerpt). */
type CacheRecord = [path: string, digest: string, parsed: ParsedContent];

/**
 * Loads the persistent content cache: a header, then one record per file, a V8-serialized
 * `[path, digest, parsed]`, each checked by a digest over it (`CheckedRecordReader`).
 * A missing, unreadable or foreign-version file, or a damaged header, gives an empty cache (the
 * build parses everything); a damaged record is dropped (its file is parsed again), and so is
 * what follows a length that cannot be right. Damage never crashes, nor reaches the site. The
 * file is read in chunks: reading it whole held a buffer as large as the cache (98 MB at 10,000
 * scoops) until the next full garbage collection. Each scoop's excerpt goes to `excerpts` as
 * it is read.
 */
export async function loadContentCache(
  dir: string,
  curioVersion: string,
  excerpts: ExcerptStore,
): Promise<ContentCache> {
  let reader: CheckedRecordReader | undefined;
  try {
    reader = await CheckedRecordReader.open(path.join(dir, "content.bin"));
    const first = await reader.next(HEADER_SEED);
    if (typeof first === "string") return emptyContentCache();
    const header = deserialize(first.body) as Partial<CacheHeader> | null;
    if (
      header?.format !== FORMAT ||
      header.curio !== curioVersion ||
      typeof header.key !== "string"
    ) {
      return emptyContentCache();
    }
    const seed = first.digest;
    const files = new Map<string, CachedParse>();
    let damaged = false;
    for (;;) {
      const read = await reader.next(seed);
      if (read === "end") break;
      const record = read === "bad" ? undefined : recordOf(read.body);
      if (!record) {
        damaged = true;
        continue;
      }
      files.set(record[0], { digest: record[1], parsed: keepExcerpt(record[2], excerpts) });
    }
    // A file that did not end cleanly after its last record is written again at the next save.
    if (!reader.readToEnd) damaged = true;
    return { key: header.key, files, ...(damaged ? { dirty: true } : {}) };
  } catch {
    return emptyContentCache();
  } finally {
    await reader?.close();
  }
}

/** A checked record's value, when it has a record's shape. */
function recordOf(body: Uint8Array): CacheRecord | undefined {
  let value: unknown;
  try {
    value = deserialize(body);
  } catch {
    return undefined;
  }
  return Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === "string" &&
    typeof value[1] === "string" &&
    typeof value[2] === "object" &&
    value[2] !== null
    ? (value as CacheRecord)
    : undefined;
}

/**
 * Saves the content cache atomically (to a temporary file, then renamed), one record at a
 * time: serializing it whole took a buffer as large as the cache (100 MB at 10,000 scoops) at
 * the end of every cold build.
 */
export function saveContentCache(
  dir: string,
  curioVersion: string,
  cache: ContentCache,
  excerpts: ExcerptStore,
  options: {
    /** Called every few hundred records: a large build collects the garbage saving makes. */
    readonly pace?: () => void;
  } = {},
): Promise<void> {
  return writeAtomicallyWith(path.join(dir, "content.bin"), async (handle) => {
    const writer = new CheckedRecordWriter(handle);
    const header: CacheHeader = { format: FORMAT, curio: curioVersion, key: cache.key };
    const seed = await writer.add(HEADER_SEED, serialize(header));
    if (!seed) throw new Error("the content cache's header is too large");
    let count = 0;
    for (const [p, entry] of cache.files) {
      const record: CacheRecord = [p, entry.digest, withExcerpt(entry.parsed, excerpts)];
      await writer.add(seed, serialize(record));
      if (++count % 256 === 0) options.pace?.();
    }
    await writer.flush();
  });
}

/** A parse result as the cache file keeps it: a scoop's with its excerpt HTML. */
function withExcerpt(parsed: ParsedContent, excerpts: ExcerptStore): ParsedContent {
  return parsed.entity?.kind === "scoop"
    ? { ...parsed, excerptHtml: excerpts.get(parsed.file) }
    : parsed;
}
