import path from "node:path";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { error, hasErrors } from "./diagnostics/diagnostic.js";
import type { SiteStats } from "./generate-site.js";
import { generateSite } from "./generate-site.js";
import type { Sources } from "./load/read-sources.js";
import { readSources } from "./load/read-sources.js";
import { writeSiteAtomically } from "./write/write-site.js";

/** What `curio build` is asked to do. */
export interface BuildOptions {
  /** The digest's folder. */
  readonly root: string;
  /** The output folder (default `<root>/dist`). */
  readonly outDir?: string;
  readonly baseUrl?: string | undefined;
  readonly drafts?: boolean;
  readonly future?: boolean;
  /** The default theme's folder (tests may point elsewhere). */
  readonly themeDir?: string;
}

/** Side effects a build may use, passed in so tests control them. */
export interface BuildDeps {
  /** The current time in ms: decides which scoops are scheduled, never printed into output. */
  readonly now: () => number;
}

/** What a build did. */
export interface BuildResult {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly stats?: SiteStats;
  /** Number of files written to the output folder. */
  readonly files: number;
  readonly outDir: string;
  /** The text of a source file, for code frames in reports. */
  readonly sourceText: (file: string) => string | undefined;
}

/**
 * The whole recipe: load → (parse → validate → index → plan → render) → write.
 * The output folder is replaced only when everything succeeded.
 */
export async function build(
  options: BuildOptions,
  deps: BuildDeps = { now: Date.now },
): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const outDir = path.resolve(root, options.outDir ?? "dist");
  const { site, sourceText } = await loadAndGenerate(options, deps);
  const unsafe = unsafeOutDir(root, outDir);
  if (unsafe) return { ok: false, diagnostics: [unsafe], files: 0, outDir, sourceText };
  if (hasErrors(site.diagnostics) || !site.stats) {
    return { ok: false, diagnostics: site.diagnostics, files: 0, outDir, sourceText };
  }
  const { written, committed } = await writeSiteAtomically(
    outDir,
    site.outputs(),
    () => !hasErrors(site.renderDiagnostics),
  );
  const diagnostics = [...site.diagnostics, ...site.renderDiagnostics];
  return { ok: committed, diagnostics, stats: site.stats, files: written, outDir, sourceText };
}

/** load, then the pure stages up to a lazily rendered site. */
async function loadAndGenerate(options: Omit<BuildOptions, "outDir">, deps: BuildDeps) {
  const sources = await readSources(path.resolve(options.root), options.themeDir);
  const site = generateSite(sources, {
    baseUrl: options.baseUrl,
    drafts: options.drafts ?? false,
    future: options.future ?? false,
    now: deps.now(),
  });
  return { site, sourceText: textLookup(sources) };
}

/** What `curio check` found. */
export interface CheckResult {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly stats?: SiteStats;
  readonly sourceText: (file: string) => string | undefined;
}

/**
 * Validates everything a build would, including rendering every page in memory (so template
 * errors are found), and writes nothing.
 */
export async function check(
  options: Omit<BuildOptions, "outDir">,
  deps: BuildDeps = { now: Date.now },
): Promise<CheckResult> {
  const { site, sourceText } = await loadAndGenerate(options, deps);
  for (const file of site.outputs()) void file;
  const diagnostics = [...site.diagnostics, ...site.renderDiagnostics];
  return {
    ok: !hasErrors(diagnostics),
    diagnostics,
    ...(site.stats ? { stats: site.stats } : {}),
    sourceText,
  };
}

/** The output folder must not be the digest itself, hold it, or sit in its content or templates. */
function unsafeOutDir(root: string, outDir: string): Diagnostic | undefined {
  const inside = (dir: string, child: string) => child === dir || child.startsWith(dir + path.sep);
  if (
    inside(outDir, root) ||
    ["content", "templates"].some((d) => inside(path.join(root, d), outDir))
  ) {
    return error(
      "bad-out-dir",
      `the output folder ${outDir} would replace the digest's own files`,
      {},
      "choose an output folder of its own, such as dist/ (the default)",
    );
  }
  return undefined;
}

function textLookup(sources: Sources): (file: string) => string | undefined {
  const byPath = new Map<string, Uint8Array>();
  for (const f of sources.content) byPath.set(f.path, f.bytes);
  for (const f of sources.theme) byPath.set(f.path, f.bytes);
  if (sources.config) byPath.set(sources.config.path, sources.config.bytes);
  const decoder = new TextDecoder();
  return (file) => {
    const bytes = byPath.get(file);
    return bytes === undefined ? undefined : decoder.decode(bytes);
  };
}
