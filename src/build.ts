import path from "node:path";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { hasErrors } from "./diagnostics/diagnostic.js";
import type { SiteStats } from "./generate-site.js";
import { generateSite } from "./generate-site.js";
import { readSources } from "./load/read-sources.js";
import type { BuildDeps, BuildOptions, BuildResult } from "./site-builder.js";
import { SiteBuilder, textLookup } from "./site-builder.js";

export type { BuildDeps, BuildOptions, BuildProgress, BuildResult } from "./site-builder.js";
export { SiteBuilder } from "./site-builder.js";

/**
 * The whole recipe, once: load → (parse → validate → index → plan → render) → write.
 * Unchanged files are neither parsed nor written again when `.curio-cache/` holds an earlier
 * build's results; the output folder changes only when everything succeeded.
 */
export async function build(
  options: BuildOptions,
  deps: BuildDeps = { now: Date.now },
): Promise<BuildResult> {
  const builder = new SiteBuilder(options, deps);
  try {
    return await builder.build();
  } finally {
    builder.close();
  }
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
  const sources = await readSources(path.resolve(options.root), options.themeDir);
  const site = await generateSite(sources, {
    baseUrl: options.baseUrl,
    drafts: options.drafts ?? false,
    future: options.future ?? false,
    now: deps.now(),
  });
  for (const file of site.outputs()) void file;
  const diagnostics = [...site.diagnostics, ...site.renderDiagnostics];
  return {
    ok: !hasErrors(diagnostics),
    diagnostics,
    ...(site.stats ? { stats: site.stats } : {}),
    sourceText: textLookup(sources),
  };
}
