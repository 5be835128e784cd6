import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SiteStats } from "../build.js";
import { listSources } from "../load/read-sources.js";
import { cacheFileFor, writeAtomically } from "../util/cache-files.js";
import { digest } from "../util/digest.js";

/**
 * What the last successful build of an output folder saw and did: a digest of its inputs'
 * names, sizes, inodes and modification and change times, and its result. When nothing
 * changed since (and the output folder is as it left it), a build has nothing to do: it
 * answers from the record. It is saved with a digest of its text, and loaded only when intact.
 */
export interface BuildRecord {
  readonly format: "curio-build-record";
  readonly curio: string;
  readonly outDir: string;
  /** Digest of the options and of every input's path, size, inode, mtime and ctime. */
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
  /** The newest modification or change time among the inputs (ms). */
  readonly newest: number;
}

/**
 * Stats every input (no reading): the config, content, theme files and static files, and
 * digests their paths, sizes, inodes, and modification and change times with the build's
 * options. As in git's index, the change time (ctime) is what catches an edit whose
 * modification time was set back by hand (`touch -d`, `utimes`): no user can set a ctime, and
 * an editor that saves by replacing the file gives it a new inode.
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
      // In nanoseconds, as bigints: exact times, and inodes beyond 2^53 stay exact.
      const s = await stat(files[i]!, { bigint: true });
      newest = Math.max(newest, Number(s.mtimeMs), Number(s.ctimeMs));
      lines[i] = `${files[i]}\t${s.size}\t${s.mtimeNs}\t${s.ctimeNs}\t${s.ino}`;
    }
  };
  await Promise.all(Array.from({ length: Math.min(64, files.length) }, worker));
  return {
    // Strays and skipped files (links, FIFOs) change the warnings a build reports.
    key: digest(
      `${JSON.stringify(options)}\n${listing.strays.join("\n")}\n${JSON.stringify(listing.problems)}\n${lines.join("\n")}`,
    ),
    newest,
  };
}

/** Changes within this long before a scan may share an mtime with a later change: not trusted. */
export const RACY_MS = 2000;

function recordPath(cacheDir: string, outDir: string): string {
  return cacheFileFor(cacheDir, "build", outDir);
}

/** The saved file's format: 2 wraps the record with a digest of its text. */
const FILE_FORMAT = "curio-build-record/2";
const FILE_START = `{"format":"${FILE_FORMAT}","check":"`;
/** A saved record: its digest (27 base64url characters), then the record's JSON text. */
const SAVED = /^([A-Za-z0-9_-]{27})","record":(.*)\}$/s;

const count = z.number().int().nonnegative();
const diagnosticSchema = z.strictObject({
  severity: z.enum(["error", "warning"]),
  code: z.string(),
  file: z.string().optional(),
  line: count.optional(),
  column: count.optional(),
  message: z.string(),
  hint: z.string().optional(),
});
const statsSchema = z.strictObject({
  pages: count,
  feeds: count,
  scoops: count,
  topics: count,
  curators: count,
  tags: count,
  scheduled: z.array(z.strictObject({ file: z.string(), date: z.string() })),
  drafts: count,
  issues: count,
  nextIssueAt: z.number().finite().optional(),
});
/** Every field of a build record, checked: a record answers for a build, so all must be right. */
const recordSchema = z.strictObject({
  format: z.literal("curio-build-record"),
  curio: z.string(),
  outDir: z.string(),
  inputs: z.string(),
  scannedAt: z.number().finite(),
  nextChange: z.number().finite().nullable(),
  stats: statsSchema,
  diagnostics: z.array(diagnosticSchema),
  basePath: z.string().optional(),
});

/**
 * Loads the record of `outDir`'s last build, if it is this Curio's, intact (its digest
 * matches) and has a record's shape in every field. Anything else is no record: the build
 * does its work.
 */
export async function loadBuildRecord(
  cacheDir: string,
  outDir: string,
  curio: string,
): Promise<BuildRecord | undefined> {
  let text: string;
  try {
    text = await readFile(recordPath(cacheDir, outDir), "utf8");
  } catch {
    return undefined;
  }
  const saved = text.startsWith(FILE_START) ? SAVED.exec(text.slice(FILE_START.length)) : null;
  if (!saved || digest(saved[2]!) !== saved[1]) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(saved[2]!);
  } catch {
    return undefined;
  }
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const record: BuildRecord = parsed.data;
  return record.curio === curio && record.outDir === path.resolve(outDir) ? record : undefined;
}

/** Saves a build record atomically, with a digest of its text. */
export function saveBuildRecord(cacheDir: string, record: BuildRecord): Promise<void> {
  const json = JSON.stringify(record);
  return writeAtomically(
    recordPath(cacheDir, record.outDir),
    `${FILE_START}${digest(json)}","record":${json}}`,
  );
}
