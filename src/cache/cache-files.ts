import { mkdir, rename, writeFile } from "node:fs/promises";
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
export async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}
