import type { Dirent, Stats } from "node:fs";
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
} from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";

/**
 * What a path in the digest is, judged without reading it: only regular files (and folders)
 * whose real path lies inside the folder they belong to are read. Everything else gets a reason
 * a curator can act on.
 */
export type Inspected =
  | { readonly kind: "file"; readonly abs: string; readonly size: number }
  | { readonly kind: "dir"; readonly abs: string; readonly real: string }
  | { readonly kind: "skip"; readonly reason: string };

/**
 * Looks at `abs` (which must lie in `within`, a real path): follows symbolic links only to
 * places inside `within`, and tells files and folders from FIFOs, devices, sockets, dangling
 * links and link loops.
 */
export function inspect(abs: string, within: string): Inspected {
  let l: Stats;
  try {
    l = lstatSync(abs);
  } catch (e) {
    return { kind: "skip", reason: `it cannot be read (${(e as NodeJS.ErrnoException).code})` };
  }
  let real = abs;
  let s = l;
  if (l.isSymbolicLink()) {
    try {
      real = realpathSync.native(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return {
        kind: "skip",
        reason:
          code === "ELOOP"
            ? "it is a symbolic link loop"
            : code === "ENOENT"
              ? "it is a symbolic link to nothing (dangling)"
              : `it is a symbolic link that cannot be followed (${code})`,
      };
    }
    if (!isInside(real, within))
      return { kind: "skip", reason: "it is a symbolic link to a place outside the digest" };
    try {
      s = lstatSync(real);
    } catch (e) {
      return { kind: "skip", reason: `it cannot be read (${(e as NodeJS.ErrnoException).code})` };
    }
  }
  if (s.isFile()) return { kind: "file", abs: real, size: s.size };
  if (s.isDirectory()) {
    // A folder's own real path is checked too: a link higher up (content/ itself) may lead out.
    const dirReal = l.isSymbolicLink() ? real : realOf(abs);
    if (!isInside(dirReal, within))
      return { kind: "skip", reason: "it is a folder outside the digest (reached through a link)" };
    return { kind: "dir", abs, real: dirReal };
  }
  return { kind: "skip", reason: `it is not a regular file (${kindOf(s)})` };
}

function realOf(abs: string): string {
  try {
    return realpathSync.native(abs);
  } catch {
    return abs;
  }
}

function kindOf(s: Stats): string {
  if (s.isFIFO()) return "a named pipe";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "a device";
  if (s.isSocket()) return "a socket";
  return "a special file";
}

/** Whether the real path `p` is `dir` or lies inside it. */
export function isInside(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/**
 * Reads a regular file without following it anywhere new: opened non-blocking (a FIFO swapped
 * in since it was inspected cannot hang the build), checked again to be a regular file of at
 * most `maxBytes`, and read whole. Throws a `FileRefused` otherwise.
 */
export function readRegularFile(abs: string, maxBytes = Infinity): Uint8Array {
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) throw new FileRefused(`it is not a regular file (${kindOf(s)})`);
    if (s.size > maxBytes) throw new FileRefused("too large", s.size);
    const out = Buffer.allocUnsafe(s.size);
    let at = 0;
    while (at < s.size) {
      const n = readSync(fd, out, at, s.size - at, at);
      if (n === 0) break;
      at += n;
    }
    return at === s.size ? out : out.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/** A file that was not read, and why. */
export class FileRefused extends Error {
  constructor(
    readonly reason: string,
    readonly size?: number,
  ) {
    super(reason);
    this.name = "FileRefused";
  }
}

/** A folder entry whose name is valid UTF-8, or the reason it is skipped. */
export type NamedEntry =
  | {
      readonly ok: true;
      readonly name: string;
      /** A regular file, as the folder listing says: no stat needed to tell. */
      readonly regular: boolean;
    }
  | { readonly ok: false; readonly shown: string };

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A folder's entry names, sorted; names that are not valid UTF-8 (which no URL or slug can
 * carry) are returned as skipped, shown with replacement characters. None when it is missing.
 */
export async function namesIn(dir: string): Promise<NamedEntry[]> {
  let raw: Dirent<Buffer>[];
  try {
    raw = await readdir(dir, { encoding: "buffer", withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return [];
    throw e;
  }
  const out: NamedEntry[] = raw.map((d) => {
    try {
      return { ok: true, name: UTF8.decode(d.name), regular: d.isFile() };
    } catch {
      return { ok: false, shown: new TextDecoder().decode(d.name) };
    }
  });
  const key = (e: NamedEntry) => (e.ok ? e.name : e.shown);
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
