/**
 * Curio's programmatic interface, what `import … from "curio"` gives: build or check a digest
 * from a script, as `curio build` and `curio check` do, with the types of the config, the
 * content and the diagnostics. Documented in docs/library.md.
 */
import path from "node:path";
import type { BuildResult, SiteStats } from "./build.js";
import { buildSite, failsStrict } from "./build.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { hasErrors } from "./diagnostics/diagnostic.js";
import type { BuildDeps, BuildOptions } from "./incremental/rebuilder.js";
import { Rebuilder } from "./incremental/rebuilder.js";
import { memoryWriter } from "./write/writer.js";
import { CACHE_DIR } from "./cache/cache-store.js";
import { LinkCache } from "./links/link-cache.js";
import { checkSources } from "./links/check-sources.js";

export type {
  BuildFailed,
  BuildInput,
  BuildProgress,
  BuildResult,
  BuildSucceeded,
  SiteStats,
  StageTimings,
  Wings,
} from "./build.js";
export { buildSite, STAGES } from "./build.js";
export type {
  CallToAction,
  CardSettings,
  Curator,
  DigestCadence,
  EmailSettings,
  FeedSettings,
  ImageSettings,
  MarkdownSettings,
  PluginSetting,
  Scoop,
  ScoopComment,
  ShareTarget,
  SiteConfig,
  Topic,
  Via,
} from "./model.js";
export type { Diagnostic, Position, Severity } from "./diagnostics/diagnostic.js";
export { hasErrors } from "./diagnostics/diagnostic.js";
export { formatReport } from "./diagnostics/format-diagnostics.js";
export type { DiagnosticCode, ErrorCode, WarningCode } from "./diagnostics/catalog.js";
export { CATALOG } from "./diagnostics/catalog.js";
export type { BuildDeps, BuildOptions } from "./incremental/rebuilder.js";
export { Rebuilder } from "./incremental/rebuilder.js";

/**
 * Builds a digest into its output folder as `curio build` does: with the content cache and the
 * write record in `.curio-cache/` (unless `cache: false`), so an unchanged digest is answered
 * from the last build's record and only changed files are parsed and written.
 */
export async function build(
  options: BuildOptions,
  deps: BuildDeps = { now: Date.now },
): Promise<BuildResult> {
  const rebuilder = new Rebuilder(options, deps);
  try {
    const result = await rebuilder.build();
    // The last build's record answered, with its warnings: --strict fails it all the same (the
    // output folder is as that build left it). A new build fails before it writes (`buildSite`).
    if (
      options.strict &&
      result.ok &&
      result.mode === "up-to-date" &&
      failsStrict(result.diagnostics)
    )
      return {
        ok: false,
        diagnostics: result.diagnostics,
        stats: result.stats,
        outDir: result.outDir,
        sourceText: result.sourceText,
        written: [],
        deleted: [],
        unchanged: 0,
        files: 0,
      };
    return result;
  } finally {
    rebuilder.close();
  }
}

/** What `curio check` found. */
export interface CheckResult {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly stats?: SiteStats;
  readonly sourceText: (file: string) => string | undefined;
}

/** What `check` checks besides what a build would. */
export interface CheckOptions extends Omit<BuildOptions, "outDir"> {
  /**
   * Also check every published scoop's source link (`curio check --links`): dead and moved
   * links are warnings at their `url:` line. Answers are kept a day in `.curio-cache/links.json`
   * (unless `cache: false`).
   */
  readonly links?: boolean | { readonly timeoutMs?: number; readonly concurrency?: number };
}

/**
 * Validates everything a build would, including rendering every page in memory (so template
 * errors are found), and writes nothing (but the link cache, with `links`).
 */
export async function check(
  options: CheckOptions,
  deps: Pick<BuildDeps, "now"> & { readonly fetch?: typeof globalThis.fetch } = { now: Date.now },
): Promise<CheckResult> {
  const root = path.resolve(options.root);
  const { links, ...buildOptions } = options;
  const result = await buildSite(
    { ...buildOptions, root, now: deps.now(), searchIndex: false },
    { writer: memoryWriter({ keep: false }) },
  );
  const diagnostics = [...result.diagnostics];
  if (links && result.ok && result.site) {
    const settings = typeof links === "object" ? links : {};
    const cache =
      options.cache === false
        ? undefined
        : await LinkCache.open(path.join(root, CACHE_DIR), deps.now());
    const sources = [...result.site.scoopByFile.values()].flatMap((s) =>
      s.url === undefined ? [] : [{ file: s.file, url: s.url }],
    );
    diagnostics.push(
      ...(await checkSources(sources, {
        root,
        ...settings,
        ...(cache ? { cache } : {}),
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      })),
    );
    await cache?.save();
  }
  return {
    ok: !hasErrors(diagnostics) && !(options.strict && failsStrict(diagnostics)),
    diagnostics,
    ...(result.stats ? { stats: result.stats } : {}),
    sourceText: result.sourceText,
  };
}
