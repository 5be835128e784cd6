import { readFileSync } from "node:fs";
import path from "node:path";
import type { ContentCache } from "./parse/content-cache.js";
import { digest } from "./util/digest.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { error, hasErrors } from "./diagnostics/diagnostic.js";
import { ioDiagnostic, isSystemError } from "./diagnostics/io-error.js";
import type { SiteIndex } from "./index/site-index.js";
import { indexSite } from "./index/site-index.js";
import type { DigestIssues } from "./index/digest-issues.js";
import { indexDigestIssues } from "./index/digest-issues.js";
import { indexLocalImages } from "./index/local-images.js";
import type { Sources } from "./load/read-sources.js";
import { readSources } from "./load/read-sources.js";
import type { Scoop, SiteConfig } from "./model.js";
import type { MarkdownRenderer } from "./parse/markdown.js";
import { createMarkdownRenderer } from "./parse/markdown.js";
import { loadMarkdownPlugins, pluginRef } from "./load/markdown-plugins.js";
import { parseConfig } from "./parse/parse-config.js";
import type { ParseMany } from "./parse/parse-content.js";
import { parseContent } from "./parse/parse-content.js";
import { REQUIRED_TEMPLATES } from "./plan/page-templates.js";
import { planSite } from "./plan/plan-site.js";
import type { Route } from "./plan/routes.js";
import { isFeedRoute } from "./plan/routes.js";
import type { ExcerptStore } from "./render/excerpt-store.js";
import { memoryExcerpts } from "./render/excerpt-store.js";
import type { Renderer } from "./render/renderer.js";
import type { ImageCache } from "./render/resize-images.js";
import { resizeImages } from "./render/resize-images.js";
import type { SearchCache, SearchIndex } from "./search/search-index.js";
import { makeSearchIndex, searchRoutes } from "./search/search-index.js";
import { searchLanguage, searchRecords } from "./search/search-records.js";
import type { FeedMemo } from "./render/render-route.js";
import { createRenderer } from "./render/renderer.js";
import type { Theme } from "./render/theme.js";
import { loadTheme } from "./render/theme.js";
import type { ViewHelpers } from "./render/view-helpers.js";
import { createViewHelpers } from "./render/view-helpers.js";
import { failpoint } from "./util/failpoint.js";
import { BuildInterrupted, throwIfInterrupted } from "./util/interrupt.js";
import { assembleSite } from "./assemble/site-rules.js";
import type { Writer } from "./write/writer.js";
import { FolderWriter } from "./write/writer.js";

/** What to build: the digest, and the options that change what it produces. */
export interface BuildInput {
  /** The digest's folder. */
  readonly root: string;
  /** The output folder, relative to the root (default `dist`), for the default writer. */
  readonly outDir?: string | undefined;
  /** Overrides the config's `baseUrl` (`--base-url`). */
  readonly baseUrl?: string | undefined;
  /** Keep the base URL's path, on this origin: `curio serve` previews the site at its own address. */
  readonly previewOrigin?: string | undefined;
  /** Publish scoops marked `draft: true`. */
  readonly drafts?: boolean | undefined;
  /** Publish scoops dated after `now`. */
  readonly future?: boolean | undefined;
  /** Publish the digest issue of the week or month under way too (`--include-current`). */
  readonly includeCurrent?: boolean | undefined;
  /** The default theme's folder (tests may point elsewhere). */
  readonly themeDir?: string | undefined;
  /**
   * False: no search index, even when the config asks for one (`curio check` and `digest send`
   * publish nothing). The search page is planned all the same.
   */
  readonly searchIndex?: boolean | undefined;
  /** Let the default writer replace files Curio did not write (`--clean`). */
  readonly clean?: boolean | undefined;
  /** The current time in ms: decides which scoops are scheduled, never printed into output. */
  readonly now: number;
  /** Curio's version: part of every route's signature and of the cache's key. */
  readonly curioVersion?: string | undefined;
  /** Warnings fail the build as errors do, before anything is written (`--strict`). */
  readonly strict?: boolean | undefined;
}

/**
 * Optional machinery for large sites and rebuilds, passed in; a plain build needs none of it
 * (see docs/architecture.md). Each one changes how fast a build is, never what it produces.
 */
export interface Wings {
  /** How the sources are read (default: all of them, from the disk). A rebuilder re-reads only changed files. */
  readonly load?: () => Promise<Sources>;
  /** Parse results of earlier builds by file: a memoized parse (read and updated). */
  readonly cache?: ContentCache | undefined;
  /** Parses the files the cache does not answer, e.g. on worker threads (default: here). */
  readonly parseMany?: ParseMany | undefined;
  /** Smaller copies of local images made by earlier builds (default: none, all are made). */
  readonly images?: ImageCache | undefined;
  /** Search indexes made by earlier builds (default: none, Pagefind makes it). */
  readonly search?: SearchCache | undefined;
  /** Where excerpt HTML is kept (default: memory; large sites use a scratch file). */
  readonly excerpts?: ExcerptStore | undefined;
  /** Where the routes go (default: the output folder, `FolderWriter`). */
  readonly writer?: Writer | undefined;
  /**
   * Told when every content file is parsed, with the sources as the build keeps them from then
   * on (content files by digest, without their bytes): a rebuilder that keeps the sources for
   * the next build takes these, and lets go of the bytes (35 MB at 10,000 scoops).
   */
  readonly onParsed?: ((sources: Sources) => void) | undefined;
  /** Called between pages: a large site collects garbage there (`src/large-site/memory-pacer.ts`). */
  readonly settle?: (() => void) | undefined;
  /** Told how far rendering is. */
  readonly onProgress?: ((progress: BuildProgress) => void) | undefined;
  /** Aborted to stop the build (Ctrl+C): it stops before the output folder changes. */
  readonly signal?: AbortSignal | undefined;
}

/** How far a build is. */
export interface BuildProgress {
  readonly stage: "reading" | "rendering" | "writing";
  readonly done?: number;
  readonly total?: number;
}

/** The stages of the recipe, in order. */
export const STAGES = ["load", "parse", "assemble", "index", "plan", "render", "write"] as const;
/** A stage of the recipe. */
export type Stage = (typeof STAGES)[number];
/** Milliseconds spent in each stage (`curio build --timings`). */
export type StageTimings = Readonly<Record<Stage, number>>;

/** Counts for the build summary. */
export interface SiteStats {
  readonly pages: number;
  /** Feed files: RSS, Atom and JSON Feed of the site and of every topic, curator and tag. */
  readonly feeds: number;
  readonly scoops: number;
  readonly topics: number;
  readonly curators: number;
  readonly tags: number;
  /** Scoops held back because they are dated in the future: file and ISO date. */
  readonly scheduled: readonly { readonly file: string; readonly date: string }[];
  /** Digest issues published, all topics together. */
  readonly issues: number;
  /**
   * When the week or month under way ends, if it has scoops (ms since the epoch): its issue is
   * published by the first build after that.
   */
  readonly nextIssueAt?: number;
  readonly drafts: number;
}

/**
 * Everything a build made on its way to the output, as plain data: what `curio serve` patches
 * after an edit (`src/incremental/patch-site.ts`) instead of building again.
 */
export interface PlannedSite {
  readonly config: SiteConfig;
  readonly theme: Theme;
  readonly markdown: MarkdownRenderer;
  readonly index: SiteIndex;
  readonly routes: readonly Route[];
  readonly stats: SiteStats;
  /** The digest of every content file's bytes, by path. */
  readonly versions: ReadonlyMap<string, string>;
  /** Content files in the order they were read: the order of their diagnostics. */
  readonly contentFiles: readonly string[];
  /** Diagnostics in report order: config and theme, each file's own, cross-file, planning. */
  readonly diagnostics: {
    readonly early: readonly Diagnostic[];
    readonly files: ReadonlyMap<string, readonly Diagnostic[]>;
    readonly site: readonly Diagnostic[];
    readonly plan: readonly Diagnostic[];
  };
  /** Published scoops by file, as the routes hold them. */
  readonly scoopByFile: ReadonlyMap<string, Scoop>;
  readonly helpers: ViewHelpers;
  /** Theme assets and static files by asset route name. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** A digest of what every page may read besides its own data. */
  readonly globals: string;
  /** The search index, once made: its files are among `files` and its routes among `routes`. */
  readonly search?: SearchIndex;
}

/** What every build result says. */
interface ResultBase {
  readonly diagnostics: readonly Diagnostic[];
  /** The output folder (absolute). */
  readonly outDir: string;
  /** The text of a source file, for code frames in reports. */
  readonly sourceText: (file: string) => string | undefined;
  /** Output paths written: new or changed files. */
  readonly written: readonly string[];
  /** Output paths deleted because nothing produces them any more. */
  readonly deleted: readonly string[];
  /** How many outputs were already up to date. */
  readonly unchanged: number;
  /** Number of files written (`written.length`). */
  readonly files: number;
}

/** A build that wrote the site: all of it (`full`), nothing (`up-to-date`) or a patch (`patched`). */
export interface BuildSucceeded extends ResultBase {
  readonly ok: true;
  /**
   * `full`: built from the sources; `up-to-date`: nothing had changed since the last build,
   * answered from its record; `patched`: `curio serve` re-rendered only the pages an edit shows.
   */
  readonly mode: "full" | "up-to-date" | "patched";
  readonly stats: SiteStats;
  /** The site's base path (`/digest/`). */
  readonly basePath: string;
  /** How many routes were rendered (the rest were known to be unchanged). */
  readonly rendered?: number;
  /** Milliseconds per stage (a full build only). */
  readonly timings?: StageTimings;
  /** What the build made, for rebuilds (a full or patched build only). */
  readonly site?: PlannedSite;
}

/** A build that failed: the output folder was left as it was. */
export interface BuildFailed extends ResultBase {
  readonly ok: false;
  readonly mode?: never;
  /** The counts, when the site got as far as planning. */
  readonly stats?: SiteStats;
  readonly timings?: StageTimings;
}

/** What a build did. */
export type BuildResult = BuildSucceeded | BuildFailed;

/**
 * The whole recipe, once: load → parse → assemble → index → plan → render → write. Each stage
 * is one named call, timed; the middle ones are pure. Whatever makes large sites and rebuilds
 * fast comes in as `wings`; without any, this is the plain build. The output changes only when
 * every stage succeeded.
 */
export async function buildSite(input: BuildInput, wings: Wings = {}): Promise<BuildResult> {
  const root = path.resolve(input.root);
  const outDir = path.resolve(root, input.outDir ?? "dist");
  const version = input.curioVersion ?? "";
  const writer =
    wings.writer ??
    new FolderWriter({ root, outDir, curioVersion: version, clean: input.clean ?? false });
  const excerpts = wings.excerpts ?? memoryExcerpts();
  const clock = stageClock();
  let sourceText: (file: string) => string | undefined = () => undefined;
  const failed = (diagnostics: readonly Diagnostic[], stats?: SiteStats): BuildFailed => ({
    ok: false,
    diagnostics,
    ...(stats ? { stats } : {}),
    outDir,
    sourceText,
    written: [],
    deleted: [],
    unchanged: 0,
    files: 0,
    timings: clock.timings(),
  });

  try {
    wings.onProgress?.({ stage: "reading" });
    let sources = await clock.time("load", () =>
      wings.load ? wings.load() : readSources(root, input.themeDir),
    );
    sourceText = textLookup(sources);
    const refused = await writer.prepare();
    if (refused) return failed([refused]);
    failpoint("parse");

    // parse: the config and the theme, then every content file on its own.
    const early = [...sources.problems];
    const { config, diagnostics: configProblems } = parseConfig(sources.config, input);
    const { theme, diagnostics: themeProblems } = loadTheme(sources.theme);
    early.push(...configProblems, ...themeProblems);
    if (!config || !theme || hasErrors(early)) return failed(early);
    const { plugins, diagnostics: pluginProblems } = await loadMarkdownPlugins(
      root,
      config.markdown,
    );
    early.push(...pluginProblems);
    if (hasErrors(early)) return failed(early);
    const markdown = createMarkdownRenderer(config.origin, config.basePath, {
      gfm: config.markdown.gfm,
      plugins,
    });
    const { parsed, versions } = await clock.time("parse", () =>
      parseContent(
        sources.content,
        { config, markdown, plugins: plugins.map(pluginRef) },
        {
          excerpts,
          cache: wings.cache,
          cacheKey: digest(
            JSON.stringify([
              version,
              config.timezone,
              config.origin,
              config.basePath,
              config.excerptWords,
              config.markdown.gfm,
              plugins.map((p) => [p.kind, p.name, p.version, p.options]),
            ]),
          ),
          parseMany: wings.parseMany,
        },
      ),
    );
    // From here on, code frames read content files from the disk: their bytes are not kept
    // through rendering (35 MB at 10,000 scoops).
    sources = digestedSources(sources, versions);
    sourceText = textLookup(sources);
    wings.onParsed?.(sources);

    const publish = {
      drafts: input.drafts ?? false,
      future: input.future ?? false,
      now: input.now,
    };
    const statics = sources.statics.map((f) => f.path);
    const site = clock.time("assemble", () =>
      assembleSite(parsed, sources.topicDirs, sources.strays, publish, statics),
    );
    const fileProblems = new Map(parsed.map((p) => [p.file, p.diagnostics]));
    const diagnostics = [...early, ...parsed.flatMap((p) => p.diagnostics), ...site.diagnostics];
    if (hasErrors(diagnostics)) return failed(diagnostics);

    const index = clock.time("index", () =>
      indexSite(config, site.curators, site.topics, site.scoops),
    );
    const images = clock.time("index", () =>
      indexLocalImages(
        sources.statics,
        index.scoops.flatMap((s) => s.image ?? []),
        config.images.widths,
      ),
    );
    diagnostics.push(...images.diagnostics);
    const digests = clock.time("index", () =>
      indexDigestIssues(
        index,
        { now: input.now, includeCurrent: input.includeCurrent ?? false },
        site.notes,
      ),
    );
    diagnostics.push(...digests.diagnostics);

    const plan = clock.time("plan", () => {
      const missing = missingTemplates(theme);
      if (missing) return { routes: [], diagnostics: [missing] };
      return planSite({
        index,
        assets: theme.assets.map((a) => a.name),
        statics,
        images: images.images,
        digests,
      });
    });
    diagnostics.push(...plan.diagnostics);
    if (hasErrors(diagnostics)) return failed(diagnostics);
    const stats = statsOf(plan.routes, index, site, digests);
    if (input.strict && failsStrict(diagnostics)) return failed(diagnostics, stats);

    const files = new Map<string, Uint8Array>([
      ...theme.assets.map((a) => [a.name, a.bytes] as const),
      ...sources.statics.map((f) => [f.path, f.bytes] as const),
    ]);
    const planned: PlannedSite = {
      config,
      theme,
      markdown,
      index,
      routes: plan.routes,
      stats,
      versions,
      contentFiles: sources.content.map((f) => f.path),
      diagnostics: {
        early,
        files: fileProblems,
        site: site.diagnostics,
        plan: [...images.diagnostics, ...digests.diagnostics, ...plan.diagnostics],
      },
      scoopByFile: new Map(index.scoops.map((s) => [s.file, s])),
      helpers: createViewHelpers(index, theme.assetHashes, images.images, digests),
      files,
      // Everything any page may read besides its own data: the version, the config, the
      // theme, and every topic and curator (templates look them up by id).
      globals: digest(
        JSON.stringify([
          version,
          config,
          sources.theme.map((f) => [f.name, digest(f.bytes)]),
          [...site.topics, ...site.curators].map((x) => [x.file, versions.get(x.file)]),
          // Pages print local images' sizes and copies, and link the digests that have issues.
          [...images.images],
          [...digests.byTopic].map(([topic, issues]) => [topic, issues.map((i) => i.period)]),
        ]),
      ),
    };

    // render → write: local images' smaller copies first (made asynchronously), then each page
    // as the writer asks for it; render time is counted apart. The search index is made by
    // Pagefind's own program while the pages render, and written after them.
    const copies = await clock.time("render", () =>
      resizeImages(
        [...images.images.values()].flatMap((i) => i.variants),
        files,
        wings.images,
      ),
    );
    if (hasErrors(copies.diagnostics))
      return failed([...plannedDiagnostics(planned), ...copies.diagnostics], stats);
    for (const [name, bytes] of copies.files) files.set(name, bytes);
    const search =
      config.search && (input.searchIndex ?? true)
        ? searchIndexOf(planned, wings.search)
        : undefined;
    const renderer = clock.timed("render", rendererFor(planned, excerpts));
    // The search index's files are asset routes like the others, copied from `files`.
    const searchFilesOf = (made: SearchIndex) => {
      for (const [name, bytes] of made.files) files.set(name, bytes);
      return searchRoutes(made);
    };
    wings.settle?.();
    throwIfInterrupted(wings.signal);
    const written = await clock.time("write", () =>
      writer.write(planned.routes, renderer, {
        ...(search ? { later: search.then((s) => s.index && searchFilesOf(s.index)) } : {}),
        onProgress: (done, total) => {
          wings.settle?.();
          wings.onProgress?.({ stage: "rendering", done, total });
        },
        ...(wings.signal ? { signal: wings.signal } : {}),
      }),
    );
    const searched = await search;
    const all = [
      ...plannedDiagnostics(planned),
      ...renderer.diagnostics,
      ...(searched?.problem ? [searched.problem] : []),
    ];
    if (!written.committed) return failed([...all, ...written.diagnostics], stats);
    return {
      ok: true,
      mode: "full",
      diagnostics: all,
      stats,
      basePath: config.basePath,
      outDir,
      sourceText,
      written: written.written,
      deleted: written.deleted,
      unchanged: written.unchanged,
      files: written.written.length,
      timings: clock.timings(),
      site: searched?.index
        ? {
            ...planned,
            routes: [...planned.routes, ...searchRoutes(searched.index)],
            search: searched.index,
          }
        : planned,
    };
  } catch (e) {
    if (e instanceof BuildInterrupted || !isSystemError(e)) throw e;
    // A file-system failure (a folder that cannot be listed, a vanished file): reported with
    // its path, never a crash.
    return failed([ioDiagnostic(e, "read", root)]);
  }
}

/**
 * Whether `--strict` fails a build with these diagnostics: any warning does. Rendering adds no
 * warnings, so the check is made once the site is planned, before anything is written.
 */
export function failsStrict(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "warning");
}

/** Every diagnostic of a planned site up to rendering, in report order. */
export function plannedDiagnostics(site: PlannedSite): Diagnostic[] {
  const d = site.diagnostics;
  const all = [...d.early];
  for (const file of site.contentFiles) {
    const found = d.files.get(file);
    if (found !== undefined && found.length > 0) all.push(...found);
  }
  all.push(...d.site, ...d.plan);
  return all;
}

/** The renderer of a planned site, reading excerpts from `excerpts`. */
export function rendererFor(
  site: PlannedSite,
  excerpts: ExcerptStore,
  feedMemo?: FeedMemo,
): Renderer {
  return createRenderer({ ...site, excerpts, feedMemo });
}

/**
 * Makes the search index of a planned site's published scoops (through `cache`); a failure is
 * reported as a diagnostic.
 */
export function searchIndexOf(
  site: PlannedSite,
  cache: SearchCache | undefined,
): Promise<{ readonly index?: SearchIndex; readonly problem?: Diagnostic }> {
  const { config } = site;
  const records = searchRecords(site.scoopByFile.values(), site.index);
  return makeSearchIndex(records, searchLanguage(config.language), cache).then(
    (index) => ({ index }),
    (e: unknown) => ({
      problem: error(
        "search-index-failed",
        `the search index could not be made: ${(e as Error)?.message ?? String(e)}`,
        {},
        "run `npm install` again; to build without search, set `search: false` in curio.config.yaml",
      ),
    }),
  );
}

/** The error for a theme that lacks templates the plan needs, if it does. */
function missingTemplates(theme: Theme): Diagnostic | undefined {
  const missing = REQUIRED_TEMPLATES.filter((t) => !theme.has(t));
  if (missing.length === 0) return undefined;
  return error(
    "template-missing",
    `the theme has no template for: ${missing.join(", ")}`,
    {},
    "add the missing .eta files to templates/, or remove your override folder to use the default theme",
  );
}

/** The build summary's counts. */
function statsOf(
  routes: readonly Route[],
  index: SiteIndex,
  site: { scheduled: readonly Scoop[]; drafts: readonly Scoop[] },
  digests: DigestIssues,
): SiteStats {
  return {
    pages: routes.filter((r) => r.format === "html").length,
    feeds: routes.filter(isFeedRoute).length,
    scoops: index.scoops.length,
    topics: index.topics.length,
    curators: index.curators.length,
    tags: index.tags.length,
    scheduled: site.scheduled.map((s) => ({ file: s.file, date: s.date.iso })),
    issues: [...digests.byTopic.values()].reduce((n, list) => n + list.length, 0),
    ...(digests.nextIssueAt === undefined ? {} : { nextIssueAt: digests.nextIssueAt }),
    drafts: site.drafts.length,
  };
}

/**
 * Times each stage. A stage that throws something other than an interruption or a file-system
 * error is reported as a failure of that stage, with the original as its cause.
 */
function stageClock() {
  const spent: Record<Stage, number> = {
    load: 0,
    parse: 0,
    assemble: 0,
    index: 0,
    plan: 0,
    render: 0,
    write: 0,
  };
  const wrap = (stage: Stage, e: unknown): unknown =>
    e instanceof BuildInterrupted || isSystemError(e) || e instanceof StageFailed
      ? e
      : new StageFailed(stage, e);
  function time<T>(stage: Stage, run: () => T): T {
    const started = performance.now();
    let result: T;
    try {
      result = run();
    } catch (e) {
      spent[stage] += performance.now() - started;
      throw wrap(stage, e);
    }
    if (!(result instanceof Promise)) {
      spent[stage] += performance.now() - started;
      return result;
    }
    return result.then(
      (value: unknown) => {
        spent[stage] += performance.now() - started;
        return value;
      },
      (e: unknown) => {
        spent[stage] += performance.now() - started;
        throw wrap(stage, e);
      },
    ) as T;
  }
  /** The renderer with its time counted in `stage` (and taken out of the stage it runs within). */
  function timed(stage: Stage, renderer: Renderer): Renderer {
    return {
      ...renderer,
      render: (route) => {
        const started = performance.now();
        try {
          return renderer.render(route);
        } catch (e) {
          throw wrap(stage, e);
        } finally {
          const ms = performance.now() - started;
          spent[stage] += ms;
          spent.write -= ms;
        }
      },
    };
  }
  return {
    time,
    timed,
    timings: (): StageTimings => ({ ...spent }),
  };
}

/** An unexpected failure inside a stage of the build: a bug, reported with its stage. */
export class StageFailed extends Error {
  constructor(
    readonly stage: Stage,
    cause: unknown,
  ) {
    super(`the ${stage} stage failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = "StageFailed";
  }
}

/**
 * The text of a source file by root-relative path, for code frames (indexed on first use).
 * Content files kept only by digest are read from the disk.
 */
export function textLookup(sources: Sources): (file: string) => string | undefined {
  let byPath: Map<string, Uint8Array | undefined> | undefined;
  const decoder = new TextDecoder();
  return (file) => {
    if (!byPath) {
      byPath = new Map();
      for (const f of sources.content) byPath.set(f.path, f.bytes);
      for (const f of sources.theme) byPath.set(f.path, f.bytes);
      if (sources.config) byPath.set(sources.config.path, sources.config.bytes);
    }
    if (!byPath.has(file)) return undefined;
    let bytes = byPath.get(file);
    if (bytes === undefined) {
      try {
        bytes = readFileSync(path.join(sources.root, file));
      } catch {
        return undefined;
      }
    }
    return decoder.decode(bytes);
  };
}

/**
 * The sources with content files kept by digest only: once parsed, their bytes are not
 * needed again (450 MB at 100,000 scoops, through the whole render).
 */
export function digestedSources(sources: Sources, versions: ReadonlyMap<string, string>): Sources {
  return {
    ...sources,
    content: sources.content.map((f) => {
      const d = versions.get(f.path);
      // Already digested (every unchanged file when `curio serve` patches): kept as it is.
      return d === undefined || ("digest" in f && f.digest === d) ? f : { path: f.path, digest: d };
    }),
  };
}
