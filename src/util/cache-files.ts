import { mkdir, open, rename, rm } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import path from "node:path";

/**
 * The cache file of one kind (`manifest`, `build`) for one output folder: output folders get
 * their own files, named after their absolute path.
 */
export function cacheFileFor(cacheDir: string, kind: string, outDir: string): string {
  const name = path
    .resolve(outDir)
    .replace(/[^a-zA-Z0-9]+/g, "_")
    .slice(-80);
  return path.join(cacheDir, `${kind}-${name}.json`);
}

/** Writes a file atomically: to a temporary name first, then renamed over the old one. */
export function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  return writeAtomicallyWith(file, (handle) => handle.writeFile(data));
}

/**
 * Writes a file atomically through `write`, which may write it in pieces to the open handle:
 * to a temporary name first, renamed over the old file once `write` has finished. On failure
 * the temporary file is removed and the error rethrown.
 */
export async function writeAtomicallyWith(
  file: string,
  write: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await open(tmp, "w");
  try {
    try {
      await write(handle);
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (e) {
    // A failed write leaves the old file as it was, and no temporary file behind.
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}
