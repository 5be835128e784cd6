import { open } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import path from "node:path";
import { DefaultDeserializer, serialize } from "node:v8";
import { writeAtomicallyWith } from "./cache-files.js";
import type { CachedParse, ContentCache } from "./content-cache.js";
import { emptyContentCache } from "./content-cache.js";
import type { ExcerptFile } from "./excerpt-file.js";
import type { ParsedContent } from "../validate/content-file.js";
import { inMemory, isInMemory } from "../validate/stored-scoop.js";

/** The folder Curio keeps its caches in, inside the digest; safe to delete at any time. */
export const CACHE_DIR = ".curio-cache";

const FORMAT = "curio-content-cache/2";

/** The cache file's first record. */
interface CacheHeader {
  readonly format: typeof FORMAT;
  readonly curio: string;
  readonly key: string;
  readonly count: number;
}

/** Records are written in chunks of about this size: memory stays flat whatever the cache's size. */
const CHUNK_BYTES = 1 << 20;

/**
 * Loads the persistent content cache: a header, then one record per file, each a 4-byte
 * length and a V8-serialized `[path, digest, parsed]`. A missing, unreadable, truncated,
 * corrupted or foreign-version cache is never trusted: an empty cache is returned instead,
 * and the build parses everything. The file is read in chunks: reading it whole held a buffer
 * as large as the cache (98 MB at 10,000 scoops) until the next full garbage collection.
 * With `excerpts`, each scoop's excerpt is moved there as it is read.
 */
export async function loadContentCache(
  dir: string,
  curioVersion: string,
  excerpts?: ExcerptFile,
): Promise<ContentCache> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path.join(dir, "content.bin"), "r");
    const records = readRecords(handle);
    const next = async (): Promise<unknown> => {
      const record = await records.next();
      if (record.done) throw new Error("truncated");
      return deserializeCopying(record.value);
    };
    const header = (await next()) as Partial<CacheHeader>;
    if (
      header?.format !== FORMAT ||
      header.curio !== curioVersion ||
      typeof header.key !== "string" ||
      typeof header.count !== "number"
    ) {
      return emptyContentCache();
    }
    const files = new Map<string, CachedParse>();
    for (let i = 0; i < header.count; i++) {
      const record = (await next()) as [string, string, CachedParse["parsed"]];
      if (!Array.isArray(record) || typeof record[0] !== "string" || typeof record[1] !== "string")
        return emptyContentCache();
      const parsed = excerpts ? excerpts.spillParsed(record[2]) : record[2];
      files.set(record[0], { digest: record[1], parsed });
    }
    if (!(await records.next()).done) return emptyContentCache();
    return { key: header.key, files };
  } catch {
    return emptyContentCache();
  } finally {
    await handle?.close();
  }
}

/**
 * The length-prefixed records of a file, read a chunk at a time. Throws when the file ends
 * inside a record.
 */
async function* readRecords(handle: FileHandle): AsyncGenerator<Uint8Array> {
  let buffer = Buffer.alloc(CHUNK_BYTES);
  let start = 0;
  let end = 0;
  let eof = false;
  // Makes at least `size` bytes available from `start`; false when the file ends first.
  const fill = async (size: number): Promise<boolean> => {
    while (end - start < size && !eof) {
      if (start + size > buffer.length) {
        // Move what is left of the chunk to the front (into a larger buffer for a large record).
        const target = size > buffer.length ? Buffer.alloc(size) : buffer;
        buffer.copy(target, 0, start, end);
        buffer = target;
        end -= start;
        start = 0;
      }
      const { bytesRead } = await handle.read(buffer, end, buffer.length - end, null);
      if (bytesRead === 0) eof = true;
      end += bytesRead;
    }
    return end - start >= size;
  };
  while (await fill(4)) {
    const length = buffer.readUInt32LE(start);
    if (!(await fill(4 + length))) throw new Error("truncated");
    yield buffer.subarray(start + 4, start + 4 + length);
    start += 4 + length;
  }
  if (end > start) throw new Error("truncated");
}

/**
 * `v8.deserialize` gives byte arrays (a stored scoop's excerpt) as views into the buffer it
 * reads, and the cache is read through one reused buffer: this deserializer copies each byte
 * array out (to its own exact size, so no record's buffer is kept alive either).
 */
class CopyingDeserializer extends DefaultDeserializer {
  /** Node's documented hook for reading host objects, which typed arrays are. */
  _readHostObject(): unknown {
    const base = DefaultDeserializer.prototype as unknown as { _readHostObject(): unknown };
    const read = base._readHostObject.call(this);
    return read instanceof Uint8Array ? new Uint8Array(read) : read;
  }
}

function deserializeCopying(bytes: Uint8Array): unknown {
  const deserializer = new CopyingDeserializer(bytes as Buffer);
  deserializer.readHeader();
  return deserializer.readValue() as unknown;
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
  options: {
    /** Called every few hundred records: a large build collects the garbage saving makes. */
    readonly pace?: () => void;
  } = {},
): Promise<void> {
  return writeAtomicallyWith(path.join(dir, "content.bin"), async (handle) => {
    let chunk: Buffer[] = [];
    let size = 0;
    const flush = async () => {
      if (size === 0) return;
      await handle.writeFile(Buffer.concat(chunk, size));
      chunk = [];
      size = 0;
    };
    const add = async (value: unknown) => {
      const body = serialize(value);
      const length = Buffer.alloc(4);
      length.writeUInt32LE(body.length);
      chunk.push(length, body);
      size += 4 + body.length;
      if (size >= CHUNK_BYTES) await flush();
    };
    const header: CacheHeader = {
      format: FORMAT,
      curio: curioVersion,
      key: cache.key,
      count: cache.files.size,
    };
    await add(header);
    let count = 0;
    for (const [p, entry] of cache.files) {
      await add([p, entry.digest, storable(entry.parsed)]);
      if (++count % 256 === 0) options.pace?.();
    }
    await flush();
  });
}

/** A parse result as the cache file keeps it: a spilled scoop's excerpt is read back. */
function storable(parsed: ParsedContent): ParsedContent {
  const entity = parsed.entity;
  if (entity?.kind !== "scoop" || isInMemory(entity.scoop)) return parsed;
  return { ...parsed, entity: { kind: "scoop", scoop: inMemory(entity.scoop) } };
}
