import path from "node:path";
import type { Diagnostic } from "./diagnostic.js";
import { error, withCause } from "./diagnostic.js";

/** What an operating-system error code means to a curator, and what to do about it. */
const KNOWN: Record<string, { what: string; hint: string }> = {
  ENOSPC: { what: "the disk is full", hint: "free some disk space and build again" },
  EDQUOT: { what: "the disk quota is used up", hint: "free some space and build again" },
  EROFS: {
    what: "the file system is read-only",
    hint: "build into a folder on a writable disk with --out",
  },
  EACCES: {
    what: "permission denied",
    hint: "check the folder's owner and permissions (ls -ld), or build into another folder with --out",
  },
  EPERM: {
    what: "the operation is not permitted",
    hint: "check the folder's owner, permissions and attributes, or build into another folder with --out",
  },
  EBUSY: {
    what: "the file or folder is busy",
    hint: "close what holds it open (an editor, a server) and build again",
  },
  ENOTDIR: {
    what: "a file or link stands where a folder is needed",
    hint: "move that file out of the output folder, or build into an empty folder with --out",
  },
  EISDIR: {
    what: "a folder stands where a file is needed",
    hint: "move that folder out of the output folder, or build into an empty folder with --out",
  },
  EXDEV: {
    what: "a folder in the output folder is on another disk (a mount point)",
    hint: "Curio moves finished files within the output folder: unmount that folder, or build elsewhere with --out",
  },
  EMFILE: {
    what: "too many files are open",
    hint: "raise the open-file limit (ulimit -n) and build again",
  },
  EIO: { what: "the disk reported an input/output error", hint: "check the disk and build again" },
  ENAMETOOLONG: { what: "a file name is too long", hint: "use shorter slugs or a shorter --out" },
  EILSEQ: {
    what: "a file name is not valid for this file system",
    hint: "rename the file with plain UTF-8 characters",
  },
};

/** Whether `e` is an error from the operating system (it has an errno code). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string";
}

/**
 * A diagnostic for a failed read or write: what was being done, the path (relative to the digest
 * when inside it), what the system said, and how to fix it. Never a stack trace: the system
 * error is kept as the diagnostic's (non-enumerable) `cause`, for a debugger or a bug report.
 */
export function ioDiagnostic(e: NodeJS.ErrnoException, doing: string, root: string): Diagnostic {
  const code = e.code ?? "EIO";
  const known = KNOWN[code];
  const where = e.path ? ` ${shownPath(e.path, root)}` : "";
  const what = known?.what ?? e.message.replace(/^[A-Z]+: /, "").split(",")[0] ?? code;
  return withCause(
    error(
      "io-error",
      `could not ${doing}${where}: ${what} (${code})`,
      {},
      known?.hint ?? "check the path and its permissions, then build again",
    ),
    e,
  );
}

function shownPath(p: string, root: string): string {
  const rel = path.relative(root, p);
  return rel === ""
    ? "."
    : rel.startsWith("..") || path.isAbsolute(rel)
      ? p
      : rel.split(path.sep).join("/");
}
