import { readFile, stat } from "node:fs/promises";
import { cacheFileFor, writeAtomically } from "./cache-files.js";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SiteStats } from "../generate-site.js";
import { listSources } from "../load/read-sources.js";
import { digest } from "./digest.js";

/**
 * What the last successful build of an output folder saw and did: a digest of its inputs'
 * names, sizes and modification times, and its result. When nothing changed since (and the
 * output folder is as it left it), a build has nothing to do: it answers from the record.
 */
export interface BuildRecord {
  readonly format: "curio-build-record";
  readonly curio: string;
  readonly outDir: string;
  /** Digest of the options and of every input's path, size and mtime. */
  readonly inputs: string;
  /** When the inputs were scanned (ms). Files modified just before it are not trusted. */
  readonly scannedAt: number;
  /** The earliest date a scheduled scoop goes live (ms): the output changes then. */
  readonly nextChange: number | null;
  readonly stats: SiteStats;
  readonly diagnostics: readonly Diagnostic[];
  readonly basePath?: string;
}

/** What scanning the inputs found. */
export interface InputScan {
  readonly key: string;
  /** The newest modification time among the inputs (ms). */
  readonly newest: number;
}

/**
 * Stats every input (no reading): the config, content, theme files and static files, and
 * digests their paths, sizes and modification times with the build's options.
 */
export async function scanInputs(
  root: string,
  themeDir: string | undefined,
  options: unknown,
): Promise<InputScan> {
  const listing = await listSources(root, themeDir);
  const files = [
    ...(listing.config ? [path.join(root, listing.config)] : []),
    ...listing.content.map((f) => path.join(root, f)),
    ...listing.theme.map((t) => t.abs),
    ...listing.statics.map((f) => path.join(root, f)),
  ];
  const lines: string[] = new Array(files.length);
  let newest = 0;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const s = await stat(files[i]!);
      newest = Math.max(newest, s.mtimeMs);
      lines[i] = `${files[i]}\t${s.size}\t${s.mtimeMs}\t${s.ino}`;
    }
  };
  await Promise.all(Array.from({ length: Math.min(64, files.length) }, worker));
  return {
    key: digest(`${JSON.stringify(options)}\n${listing.strays.join("\n")}\n${lines.join("\n")}`),
    newest,
  };
}

/** Changes within this long before a scan may share an mtime with a later change: not trusted. */
export const RACY_MS = 2000;

function recordPath(cacheDir: string, outDir: string): string {
  return cacheFileFor(cacheDir, "build", outDir);
}

/** Loads the record of `outDir`'s last build, if it is this Curio's and readable. */
export async function loadBuildRecord(
  cacheDir: string,
  outDir: string,
  curio: string,
): Promise<BuildRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(recordPath(cacheDir, outDir), "utf8")) as BuildRecord;
    return record.format === "curio-build-record" &&
      record.curio === curio &&
      record.outDir === path.resolve(outDir)
      ? record
      : undefined;
  } catch {
    return undefined;
  }
}

/** Saves a build record atomically. */
export function saveBuildRecord(cacheDir: string, record: BuildRecord): Promise<void> {
  return writeAtomically(recordPath(cacheDir, record.outDir), JSON.stringify(record));
}
