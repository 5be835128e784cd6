import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import type { ExcerptStore } from "../render/excerpt-store.js";

/** Bytes gathered before one write to the file. */
const CHUNK_BYTES = 1 << 20;
/** Blocks read from the file, and how many are kept (4 MB). */
const BLOCK_BYTES = 64 * 1024;
const CACHED_BLOCKS = 64;
/** How many of the last excerpts read are kept as text. */
const RECENT_TEXTS = 8;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * An excerpt store in a scratch file, for large sites: memory holds only where each excerpt
 * is. Excerpt HTML is the largest thing a build keeps (33 MB at 10,000 scoops, 330 MB at
 * 100,000); a scoop's page and feed entries read it back, mostly in file order, through a small
 * block cache.
 *
 * The file is deleted as soon as it is opened where the system allows it (it lives on while
 * open), otherwise when it is closed. Excerpts are appended and never rewritten: an edited
 * scoop's new excerpt is appended, the old one is left unread.
 */
export class ExcerptFile implements ExcerptStore {
  private readonly fd: number;
  private readonly file: string | undefined;
  /** Where each file's excerpt is: its start in the file and its length in bytes. */
  private readonly where = new Map<string, { readonly at: number; readonly length: number }>();
  /** Bytes appended but not yet written, and where they start in the file. */
  private pending = Buffer.allocUnsafe(CHUNK_BYTES);
  private pendingSize = 0;
  private written = 0;
  private scratch = Buffer.allocUnsafe(64 * 1024);
  /** Full blocks of the file, least recently used first. */
  private readonly blocks = new Map<number, Buffer>();
  /** The last excerpts read, by position. */
  private readonly recent = new Map<number, { length: number; text: string }>();
  private closed = false;

  private constructor(fd: number, file: string | undefined) {
    this.fd = fd;
    this.file = file;
  }

  /**
   * Opens a new excerpt file in `dir` (made if missing). Undefined when that is not possible
   * (a read-only folder, say): the build then keeps excerpts in memory, as small builds do.
   */
  static open(dir: string): ExcerptFile | undefined {
    let file: string | undefined = path.join(
      dir,
      `excerpts-${process.pid}-${randomBytes(4).toString("hex")}.tmp`,
    );
    let fd: number;
    try {
      mkdirSync(dir, { recursive: true });
      fd = openSync(file, "wx+");
    } catch {
      return undefined;
    }
    try {
      unlinkSync(file);
      file = undefined;
    } catch {
      // Windows cannot delete an open file: it is deleted on close.
    }
    return new ExcerptFile(fd, file);
  }

  /** Appends the excerpt to the file and remembers where it is. */
  put(file: string, html: string | Uint8Array): void {
    if (this.closed) throw new Error("the excerpt file was closed while the build used it");
    const bytes = typeof html === "string" ? encoder.encode(html) : html;
    this.where.set(file, { at: this.append(bytes), length: bytes.length });
  }

  /** The excerpt kept for a file, read back from the file ("" when none). */
  get(file: string): string {
    const where = this.where.get(file);
    return where === undefined ? "" : this.text(where.at, where.length);
  }

  /** The excerpt's bytes, through the block cache (valid until the next read). */
  getBytes(file: string): Uint8Array {
    const where = this.where.get(file);
    if (where === undefined || where.length === 0) return new Uint8Array(0);
    if (this.closed) throw new Error("the excerpt file was closed while the build used it");
    if (where.at + where.length > this.written) this.flush();
    return this.bytes(where.at, where.length);
  }

  /** Forgets where a file's excerpt is (its bytes stay in the file, unread). */
  delete(file: string): void {
    this.where.delete(file);
  }

  /** Closes the file (and deletes it, where that was not done on opening). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.where.clear();
    closeSync(this.fd);
    if (this.file !== undefined) {
      try {
        unlinkSync(this.file);
      } catch {
        // Already gone.
      }
    }
  }

  private append(bytes: Uint8Array): number {
    const at = this.written + this.pendingSize;
    if (this.pendingSize + bytes.length > this.pending.length) this.flush();
    if (bytes.length > this.pending.length) {
      this.writeAll(bytes);
    } else {
      this.pending.set(bytes, this.pendingSize);
      this.pendingSize += bytes.length;
    }
    return at;
  }

  private flush(): void {
    if (this.pendingSize === 0) return;
    this.writeAll(this.pending.subarray(0, this.pendingSize));
    this.pendingSize = 0;
  }

  private writeAll(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) {
      done += writeSync(this.fd, bytes, done, bytes.length - done, this.written + done);
    }
    this.written += bytes.length;
  }

  private text(at: number, length: number): string {
    if (this.closed) throw new Error("the excerpt file was closed while the build used it");
    if (length === 0) return "";
    // Templates often read an excerpt twice in a row (`if (s.excerptText)`, then show it).
    const recent = this.recent.get(at);
    if (recent !== undefined && recent.length === length) return recent.text;
    if (at + length > this.written) this.flush();
    const text = decoder.decode(this.bytes(at, length));
    if (this.recent.size >= RECENT_TEXTS) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(at, { length, text });
    return text;
  }

  /** The bytes at `at`, through the block cache; valid until the next read. */
  private bytes(at: number, length: number): Uint8Array {
    const first = Math.floor(at / BLOCK_BYTES);
    const last = Math.floor((at + length - 1) / BLOCK_BYTES);
    if (first === last) {
      const block = this.block(first);
      if (block) return block.subarray(at - first * BLOCK_BYTES, at - first * BLOCK_BYTES + length);
    }
    if (length > this.scratch.length) this.scratch = Buffer.allocUnsafe(length);
    this.readAt(this.scratch, length, at);
    return this.scratch.subarray(0, length);
  }

  /**
   * One block of the file, read whole and kept among the most recently used. Only full blocks
   * are kept: the file only grows, so a full block never changes. Excerpts shown together
   * (a topic's scoop pages, in order) sit next to each other in the file, so one read serves
   * several: 8,400 reads instead of 21,500 for the pages and feeds of 10,000 scoops.
   */
  private block(index: number): Buffer | undefined {
    const cached = this.blocks.get(index);
    if (cached) {
      this.blocks.delete(index);
      this.blocks.set(index, cached);
      return cached;
    }
    if ((index + 1) * BLOCK_BYTES > this.written) return undefined;
    // Once all are in use, the least recently used block's buffer is read into: reading the
    // file through fresh buffers left one garbage buffer per block read (33 MB while saving
    // the cache of 10,000 scoops) until the next full collection.
    let block: Buffer;
    if (this.blocks.size >= CACHED_BLOCKS) {
      const [oldest, buffer] = this.blocks.entries().next().value!;
      this.blocks.delete(oldest);
      block = buffer;
    } else {
      block = Buffer.allocUnsafeSlow(BLOCK_BYTES);
    }
    this.blocks.set(index, block);
    this.readAt(block, BLOCK_BYTES, index * BLOCK_BYTES);
    return block;
  }

  private readAt(target: Buffer, length: number, at: number): void {
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, target, done, length - done, at + done);
      if (n === 0) throw new Error(`the excerpt file ended at ${at + done}, before ${at + length}`);
      done += n;
    }
  }
}
