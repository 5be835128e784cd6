import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import type { KeptScoop, SpilledScoop } from "../validate/stored-scoop.js";
import { isInMemory } from "../validate/stored-scoop.js";
import type { ParsedContent } from "../validate/content-file.js";
import type { ContentCache } from "./content-cache.js";

/** Bytes gathered before one write to the file. */
const CHUNK_BYTES = 1 << 20;

const decoder = new TextDecoder();

/**
 * A scratch file that holds scoops' excerpts while a build (or `curio serve`) runs, so memory
 * holds only where each one is. Excerpts are the largest thing a build keeps (42 MB at 10,000
 * scoops, 420 MB at 100,000); each is read back when a page or feed shows it, from the page
 * cache, in a few microseconds.
 *
 * The file is deleted as soon as it is opened where the system allows it (it lives on while
 * open), otherwise when it is closed. Excerpts are appended and never rewritten: an edited
 * scoop's new excerpt is appended, the old one is left unread.
 */
export class ExcerptFile {
  private readonly fd: number;
  private readonly file: string | undefined;
  /** Bytes appended but not yet written, and where they start in the file. */
  private pending = Buffer.allocUnsafe(CHUNK_BYTES);
  private pendingSize = 0;
  private written = 0;
  private scratch = Buffer.allocUnsafe(64 * 1024);
  private closed = false;
  /** What spilled scoops inherit: their excerpt, read back from this file. */
  private readonly proto: object;

  private constructor(fd: number, file: string | undefined) {
    this.fd = fd;
    this.file = file;
    const text = (at: number, length: number) => this.text(at, length);
    this.proto = Object.create(Object.prototype, {
      excerptHtml: {
        get(this: SpilledScoop): string {
          return text(this.excerptAt, this.excerptLength);
        },
      },
      excerptText: {
        get(this: SpilledScoop): string {
          return text(this.excerptAt + this.excerptLength, this.excerptTextLength);
        },
      },
    }) as object;
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

  /**
   * The scoop with its excerpt moved to this file: a scoop whose `excerptHtml` and
   * `excerptText` read it back. A scoop already moved is returned as it is.
   */
  spill(kept: KeptScoop): KeptScoop {
    if (!isInMemory(kept) || this.closed) return kept;
    const { excerptBytes, excerptTextBytes, ...rest } = kept;
    const at = this.append(excerptBytes);
    this.append(excerptTextBytes);
    const spilled = Object.create(this.proto) as Record<string, unknown>;
    Object.assign(spilled, rest, {
      excerptAt: at,
      excerptLength: excerptBytes.length,
      excerptTextLength: excerptTextBytes.length,
    });
    return spilled as unknown as SpilledScoop;
  }

  /** A parse result whose scoop (if it is one) has its excerpt moved to this file. */
  spillParsed(parsed: ParsedContent): ParsedContent {
    const entity = parsed.entity;
    if (entity?.kind !== "scoop" || !isInMemory(entity.scoop) || this.closed) return parsed;
    return { ...parsed, entity: { kind: "scoop", scoop: this.spill(entity.scoop) } };
  }

  /** Moves the excerpt of every scoop in the content cache that still holds its own. */
  spillCache(cache: ContentCache): void {
    for (const [file, entry] of cache.files) {
      const parsed = this.spillParsed(entry.parsed);
      if (parsed !== entry.parsed) cache.files.set(file, { digest: entry.digest, parsed });
    }
  }

  /** Closes the file (and deletes it, where that was not done on opening). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
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
    if (this.closed) throw new Error("the excerpt file was closed while its scoops were in use");
    if (length === 0) return "";
    if (at + length > this.written) this.flush();
    if (length > this.scratch.length) this.scratch = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, this.scratch, done, length - done, at + done);
      if (n === 0) throw new Error(`the excerpt file ended at ${at + done}, before ${at + length}`);
      done += n;
    }
    return decoder.decode(this.scratch.subarray(0, length));
  }
}
