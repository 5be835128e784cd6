import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { writeAtomicallyWith } from "../util/cache-files.js";
import { CheckedRecordReader, CheckedRecordWriter } from "./checked-records.js";
import type { CachedParse, ContentCache } from "../parse/content-cache.js";
import { emptyContentCache } from "../parse/content-cache.js";
import type { ExcerptStore } from "../render/excerpt-store.js";
import type { ParsedContent } from "../parse/content-file.js";

/** The folder Curio keeps its caches in, inside the digest; safe to delete at any time. */
export const CACHE_DIR = ".curio-cache";

/**
 * The cache file's format: 3 checks every record with a digest (see `checked-records.ts`); 5
 * keeps a scoop's excerpt beside its parse result, as UTF-8 bytes (4 kept it as a string, which
 * V8 writes as UTF-16 when it holds any character past Latin-1: 89 MB at 10,000 scoops against
 * 57 MB); 6 keeps the positions of `image` and `avatar`, for the check that their files exist.
 */
const FORMAT = "curio-content-cache/6";
/** The header's digest seed: a file of another format never passes as this one. */
const HEADER_SEED = Buffer.from(FORMAT);

/** The cache file's first record. */
interface CacheHeader {
  readonly format: typeof FORMAT;
  readonly curio: string;
  readonly key: string;
}

/**
 * One file's record: its path, the digest of its bytes, its parse result (without its excerpt)
 * and, for a scoop, its excerpt's HTML in UTF-8.
 */
type CacheRecord =
  | [path: string, digest: string, parsed: ParsedContent]
  | [path: string, digest: string, parsed: ParsedContent, excerpt: Uint8Array];

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
      // The excerpt's bytes are a view into the reader's buffer: the store copies them now.
      if (record[3]) excerpts.put(record[0], record[3]);
      files.set(record[0], { digest: record[1], parsed: record[2] });
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
    (value.length === 3 || (value.length === 4 && value[3] instanceof Uint8Array)) &&
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
      const record: CacheRecord =
        entry.parsed.entity?.kind === "scoop"
          ? [p, entry.digest, entry.parsed, excerpts.getBytes(p)]
          : [p, entry.digest, entry.parsed];
      await writer.add(seed, serialize(record));
      if (++count % 256 === 0) options.pace?.();
    }
    await writer.flush();
  });
}
