import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";

/** The digest's own folders, which an output folder may never be or lie in. */
export const PROTECTED_FOLDERS = ["content", "templates", "static", ".git"];

/**
 * The real path of `p`: symbolic links resolved, and for a path that does not exist yet, its
 * nearest existing ancestor's real path with the rest appended.
 */
export function realPathOf(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  for (let dir = abs; ; dir = path.dirname(dir)) {
    try {
      return path.join(realpathSync.native(dir), ...rest.reverse());
    } catch {
      if (path.dirname(dir) === dir) return abs;
      rest.push(path.basename(dir));
    }
  }
}

/** A folder's identity on the disk (device and inode), or undefined when it does not exist. */
function identity(p: string): string | undefined {
  try {
    const s = statSync(p, { bigint: true });
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
}

/** `p` and each of its ancestors up to the file system's root, nearest first. */
function selfAndAncestors(p: string): string[] {
  const out = [p];
  for (let d = p; path.dirname(d) !== d; d = path.dirname(d)) out.push(path.dirname(d));
  return out;
}

/**
 * Whether `child` is `dir` or lies inside it, judged by real paths and by the folders' identity
 * on the disk, so symbolic links and a case-insensitive file system cannot hide it.
 */
export function isSameOrInside(child: string, dir: string): boolean {
  const dirId = identity(dir);
  if (dirId === undefined) return false;
  return selfAndAncestors(realPathOf(child)).some((d) => identity(d) === dirId);
}

/**
 * Checks that `outDir` may be written into: it must not be the file system's root, the digest
 * or one of its ancestors, a `.git` folder or anything in one, the digest's content, templates
 * or static folder (or inside them), or its cache folder itself. Undefined when it is safe.
 */
export function unsafeOutDir(root: string, outDir: string): Diagnostic | undefined {
  const real = realPathOf(outDir);
  const refuse = (why: string) =>
    error(
      "bad-out-dir",
      `refusing to build into ${outDir}: ${why}`,
      {},
      "choose an output folder of its own, such as dist/ (the default)",
    );
  if (path.dirname(real) === real) return refuse("it is the root of the file system");
  if (isSameOrInside(root, real)) {
    return refuse(
      identity(real) === identity(root)
        ? "it is the digest's own folder"
        : "it holds the digest's own folder",
    );
  }
  if (selfAndAncestors(real).some((d) => path.basename(d).toLowerCase() === ".git"))
    return refuse("it is a git repository's internal folder");
  for (const name of PROTECTED_FOLDERS) {
    if (isSameOrInside(real, path.join(root, name)))
      return refuse(`it is or lies in the digest's ${name}/ folder`);
  }
  if (identity(real) !== undefined && identity(real) === identity(path.join(root, ".curio-cache")))
    return refuse("it is the digest's cache folder");
  try {
    if (!statSync(real).isDirectory()) return refuse("it is a file, not a folder");
  } catch {
    // Does not exist yet: it will be made.
  }
  return undefined;
}
