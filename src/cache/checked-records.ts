import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";

/**
 * A file of checked records, as the content cache keeps them. Each record is framed as
 *
 *     digest (20 bytes) | length (4 bytes, little-endian) | body (length bytes)
 *
 * where the digest is the SHA-1 of a seed, the length bytes and the body. The seed ties a
 * record to what comes before it (the cache uses its format for the header, and the header's
 * digest for every other record), so a record is only accepted where it was written. The digest
 * finds damage (a bit flip, a torn write, garbage), not forgery: whoever can write the cache can
 * write the sources too.
 */

/** Bytes of a record's digest. */
const DIGEST_BYTES = 20;
/** Bytes before a record's body: its digest and its length. */
const FRAME_BYTES = DIGEST_BYTES + 4;
/**
 * The largest record read: one content file's parse, and a content file is at most 2 MB. A
 * larger length is damage; it is never allocated (a length of 3 GB aborted Node natively).
 */
const MAX_RECORD_BYTES = 256 * 1024 * 1024;
/** Records are read and written in chunks of about this size: memory stays flat. */
const CHUNK_BYTES = 1 << 20;

/** The digest of a record: SHA-1 of the seed, then of its length and body as framed. */
function recordDigest(seed: Uint8Array, ...framed: Uint8Array[]): Buffer {
  const hash = createHash("sha1").update(seed);
  for (const part of framed) hash.update(part);
  return hash.digest();
}

/** What reading one record gave. */
export type CheckedRead =
  /** A record whose digest matches: its body is valid until the next read. */
  | { readonly body: Uint8Array; readonly digest: Buffer }
  /** A whole record whose digest does not match: dropped, and the records after it are read. */
  | "bad"
  /**
   * No more records: the file ended, or what is left cannot be a record (a length beyond the
   * end of the file, or a file ending inside a record).
   */
  | "end";

/** Reads a file of checked records, one record at a time, a chunk at a time. */
export class CheckedRecordReader {
  private buffer = Buffer.alloc(CHUNK_BYTES);
  /** The unread bytes in `buffer`. */
  private start = 0;
  private end = 0;
  /** Where in the file `buffer[start]` is. */
  private offset = 0;
  private ended = false;

  private constructor(
    private readonly handle: FileHandle,
    /** The file's size when opened: no length read from the file may reach beyond it. */
    private readonly size: number,
  ) {}

  /** Opens a file of checked records; throws when it cannot be opened. */
  static async open(file: string): Promise<CheckedRecordReader> {
    const handle = await open(file, "r");
    try {
      return new CheckedRecordReader(handle, (await handle.stat()).size);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  /** Reads the next record, checking its digest with `seed`. */
  async next(seed: Uint8Array): Promise<CheckedRead> {
    if (this.ended || !(await this.fill(FRAME_BYTES))) return this.stop();
    const length = this.buffer.readUInt32LE(this.start + DIGEST_BYTES);
    // Bounds first: the length comes from the file, and only what is left of it can be read.
    if (length > MAX_RECORD_BYTES || length > this.size - this.offset - FRAME_BYTES)
      return this.stop();
    if (!(await this.fill(FRAME_BYTES + length))) return this.stop();
    const at = this.start;
    this.start += FRAME_BYTES + length;
    this.offset += FRAME_BYTES + length;
    const digest = recordDigest(seed, this.buffer.subarray(at + DIGEST_BYTES, this.start));
    if (!digest.equals(this.buffer.subarray(at, at + DIGEST_BYTES))) return "bad";
    return { body: this.buffer.subarray(at + FRAME_BYTES, this.start), digest };
  }

  /** True once every byte of the file was read as whole records (damaged ones included). */
  get readToEnd(): boolean {
    return this.ended && this.offset === this.size;
  }

  /** Closes the file. */
  close(): Promise<void> {
    return this.handle.close();
  }

  private stop(): "end" {
    this.ended = true;
    return "end";
  }

  /** Makes at least `size` bytes available from `start`; false when the file ends first. */
  private async fill(size: number): Promise<boolean> {
    while (this.end - this.start < size) {
      if (this.start + size > this.buffer.length) {
        // Move what is left to the front (into a larger buffer for a large record).
        const target = size > this.buffer.length ? Buffer.alloc(size) : this.buffer;
        this.buffer.copy(target, 0, this.start, this.end);
        this.buffer = target;
        this.end -= this.start;
        this.start = 0;
      }
      const { bytesRead } = await this.handle.read(
        this.buffer,
        this.end,
        this.buffer.length - this.end,
        this.offset + (this.end - this.start),
      );
      if (bytesRead === 0) return false;
      this.end += bytesRead;
    }
    return true;
  }
}

/** Writes checked records to an open file, gathered into chunks of about 1 MB. */
export class CheckedRecordWriter {
  private chunk: Buffer[] = [];
  private size = 0;

  constructor(private readonly handle: FileHandle) {}

  /**
   * Adds a record, its digest made with `seed`, and gives the digest (a seed for later records).
   * A record larger than `MAX_RECORD_BYTES` is left out (undefined): it would not be read back.
   */
  async add(seed: Uint8Array, body: Uint8Array): Promise<Buffer | undefined> {
    if (body.length > MAX_RECORD_BYTES) return undefined;
    const frame = Buffer.alloc(FRAME_BYTES);
    frame.writeUInt32LE(body.length, DIGEST_BYTES);
    const digest = recordDigest(seed, frame.subarray(DIGEST_BYTES), body);
    digest.copy(frame, 0);
    this.chunk.push(frame, Buffer.from(body.buffer, body.byteOffset, body.length));
    this.size += FRAME_BYTES + body.length;
    if (this.size >= CHUNK_BYTES) await this.flush();
    return digest;
  }

  /** Writes what was added and not yet written. */
  async flush(): Promise<void> {
    if (this.size === 0) return;
    await this.handle.writeFile(Buffer.concat(this.chunk, this.size));
    this.chunk = [];
    this.size = 0;
  }
}
