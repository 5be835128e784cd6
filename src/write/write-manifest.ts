import { readdir, readFile } from "node:fs/promises";
import { cacheFileFor, writeAtomically } from "../cache/cache-files.js";
import path from "node:path";

/** What was written to an output folder: per output file, its route signature and content hash. */
export interface WriteManifest {
  readonly format: "curio-write-manifest";
  readonly curio: string;
  /** The absolute output folder the entries describe. */
  readonly outDir: string;
  /** By output path (a map in memory, an object in the saved JSON). */
  readonly entries: ReadonlyMap<string, ManifestEntry>;
}

/** One output file in the manifest. */
export interface ManifestEntry {
  /** The route signature it was rendered from. */
  readonly sig: string;
  /** The digest of its bytes. */
  readonly hash: string;
}

/** Where the manifest of an output folder is kept: one file per output folder, in the cache. */
export function manifestPath(cacheDir: string, outDir: string): string {
  return cacheFileFor(cacheDir, "manifest", outDir);
}

/**
 * Loads the manifest of `outDir`, and trusts it only if it was written by this version of
 * Curio for this folder and the folder still holds exactly the files it lists. Anything else
 * (no manifest, a corrupted one, files added or removed by hand) gives undefined: the build
 * then writes the whole folder afresh.
 */
export async function loadManifest(
  file: string,
  outDir: string,
  curioVersion: string,
): Promise<WriteManifest | undefined> {
  let manifest: Omit<WriteManifest, "entries"> & { entries: Record<string, ManifestEntry> };
  try {
    manifest = JSON.parse(await readFile(file, "utf8")) as typeof manifest;
  } catch {
    return undefined;
  }
  if (
    manifest?.format !== "curio-write-manifest" ||
    manifest.curio !== curioVersion ||
    manifest.outDir !== path.resolve(outDir) ||
    typeof manifest.entries !== "object" ||
    manifest.entries === null
  ) {
    return undefined;
  }
  const present = await listOutput(outDir);
  if (present === undefined) return undefined;
  const entries = new Map(Object.entries(manifest.entries));
  if (present.length !== entries.size || present.some((f) => !entries.has(f))) return undefined;
  return { ...manifest, entries };
}

/** Saves a manifest atomically. */
export function saveManifest(file: string, manifest: WriteManifest): Promise<void> {
  return writeAtomically(
    file,
    JSON.stringify({ ...manifest, entries: Object.fromEntries(manifest.entries) }),
  );
}

async function listOutput(dir: string): Promise<string[] | undefined> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
  } catch {
    return undefined;
  }
}
