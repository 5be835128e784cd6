import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { error, hasErrors } from "./diagnostics/diagnostic.js";
import { indexSite } from "./index/site-index.js";
import type { SiteIndex } from "./index/site-index.js";
import type { SourceFile, Sources } from "./load/read-sources.js";
import type { Scoop, SiteConfig } from "./model.js";
import type { MarkdownRenderer } from "./parse/markdown.js";
import type { EntityRoutes } from "./plan/replace-scoops.js";
import { replaceScoops, routesByEntity } from "./plan/replace-scoops.js";
import { LayeredMap } from "./util/layered-map.js";
import { feedFormats } from "./plan/urls.js";
import type { FeedContext } from "./render/feed-entry.js";
import type { Theme } from "./render/theme.js";
import type { ViewHelpers } from "./render/view-helpers.js";
import type { ParsedContent } from "./validate/content-file.js";
import { decodeText } from "./parse/decode-text.js";
import type { YamlFields } from "./parse/front-matter.js";
import { parseYamlFields } from "./parse/front-matter.js";
import { createMarkdownRenderer } from "./parse/markdown.js";
import { planSite } from "./plan/plan-site.js";
import type { Route } from "./plan/routes.js";
import { isFeedRoute } from "./plan/routes.js";
import { feedContext, renderRoute } from "./render/render-route.js";
import { loadTheme, TemplateError } from "./render/theme.js";
import { createViewHelpers } from "./render/view-helpers.js";
import { CONFIG_FILE, validateConfig } from "./validate/config-file.js";
import { parseFileSafely } from "./validate/parse-file-safely.js";
import { PARALLEL_THRESHOLD, parseInWorkers } from "./parse/parse-pool.js";
import type { ContentCache } from "./cache/content-cache.js";
import { emptyContentCache } from "./cache/content-cache.js";
import type { ExcerptFile } from "./cache/excerpt-file.js";
import { digest } from "./cache/digest.js";
import { createRouteSignatures } from "./plan/route-signature.js";
import type { PublishOptions } from "./validate/site-rules.js";
import { assembleSite } from "./validate/site-rules.js";
import type { OutputFile } from "./write/write-site.js";
import type { RenderedContent } from "./util/join-bytes.js";
import { contentBytes } from "./util/join-bytes.js";
import type { KeptScoop } from "./validate/stored-scoop.js";
import { copyScoop, scoopOf } from "./validate/stored-scoop.js";

/** Options that change what a build produces. */
export interface GenerateOptions extends PublishOptions {
  /** Overrides the config's `baseUrl` (`--base-url`). */
  readonly baseUrl?: string | undefined;
  /** Serve the site's base path from this origin instead (`curio serve`). */
  readonly previewOrigin?: string | undefined;
  /**
   * Parse results of earlier builds, by file: files whose bytes have not changed are not parsed
   * again. Read and updated in place.
   */
  readonly cache?: ContentCache;
  /**
   * Where scoops' excerpts are moved once parsed (or loaded from the cache), so the build does
   * not hold them all in memory; without it they stay in memory. Passed in, like the cache.
   */
  readonly excerpts?: ExcerptFile;
  /** Worker threads for parsing when there are many files to parse (default 1: none). */
  readonly jobs?: number;
  /** Curio's version: part of the cache key and of every route's signature. */
  readonly curioVersion?: string;
}

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
  readonly drafts: number;
}

/** The planned site: diagnostics so far, and (when there are no errors) its routes and outputs. */
export interface GeneratedSite {
  /** Diagnostics of every stage up to planning; rendering may add more (see `renderDiagnostics`). */
  readonly diagnostics: readonly Diagnostic[];
  readonly index?: SiteIndex;
  readonly routes?: readonly Route[];
  readonly stats?: SiteStats;
  /**
   * Renders every route lazily, one file at a time. A template that fails on a page is
   * recorded in `renderDiagnostics` and the page is skipped, so all failures are reported.
   */
  readonly outputs: () => Iterable<OutputFile>;
  readonly renderDiagnostics: Diagnostic[];
  /**
   * Renders one route. A template failure is recorded in `renderDiagnostics` (once per
   * template, line and reason) and gives undefined.
   */
  readonly render?: (route: Route) => RenderedContent | undefined;
  /** A digest of everything a route's output depends on: equal signatures, equal output. */
  readonly signature?: (route: Route) => string;
  /** The digest of every content file's bytes, by path. */
  readonly versions?: ReadonlyMap<string, string>;
  /**
   * The site after these content files changed, when they are scoops whose edits keep the
   * site's shape (only what they show changed); undefined when the site must be generated again.
   * Updates the content cache.
   */
  readonly patch?: (changed: readonly SourceFile[], now: number) => PatchedSite | undefined;
  /** Does now what the first `patch` would have to do first (`curio serve` calls it when idle). */
  readonly prepareForPatches?: () => void;
}

/** A site patched after an edit, and the routes whose output may have changed. */
export interface PatchedSite {
  readonly site: GeneratedSite;
  readonly changed: readonly Route[];
}

/**
 * The pure middle of the pipeline: parse → validate → index → plan, with render as a lazy
 * sequence. Takes what `load` read and never touches the disk itself; only an `excerpts` file,
 * when one is passed in, is written and read through.
 */
export async function generateSite(
  sources: Sources,
  options: GenerateOptions,
): Promise<GeneratedSite> {
  const renderDiagnostics: Diagnostic[] = [];
  const none = { outputs: () => [], renderDiagnostics };
  const diagnostics: Diagnostic[] = [...(sources.problems ?? [])];

  let configParsed: YamlFields | undefined;
  if (sources.config) {
    const decoded = decodeText(CONFIG_FILE, sources.config.bytes);
    if (decoded.diagnostic) diagnostics.push(decoded.diagnostic);
    else {
      configParsed = parseYamlFields(CONFIG_FILE, decoded.text);
      diagnostics.push(...configParsed.diagnostics);
    }
  }
  const { config, diagnostics: configDiagnostics } = validateConfig(
    configParsed && !hasErrors(configParsed.diagnostics) ? configParsed : undefined,
    { baseUrl: options.baseUrl, previewOrigin: options.previewOrigin },
  );
  diagnostics.push(...configDiagnostics);
  const { theme, diagnostics: themeDiagnostics } = loadTheme(sources.theme);
  diagnostics.push(...themeDiagnostics);
  if (!config || hasErrors(diagnostics)) return { diagnostics, ...none };
  const earlyDiagnostics = [...diagnostics];

  const markdown = createMarkdownRenderer(config.origin, config.basePath);
  const cache = options.cache ?? emptyContentCache();
  const cacheKey = digest(
    JSON.stringify([options.curioVersion ?? "", config.timezone, config.origin, config.basePath]),
  );
  if (cache.key !== cacheKey) {
    cache.key = cacheKey;
    cache.files.clear();
    cache.dirty = true;
  }
  const versions = new Map<string, string>();
  const misses: SourceFile[] = [];
  for (const source of sources.content) {
    const version = source.bytes ? digest(source.bytes) : source.digest;
    versions.set(source.path, version);
    const hit = cache.files.get(source.path);
    if (hit && hit.digest === version) continue;
    if (!source.bytes) {
      // Only a builder whose cache holds the file passes it without bytes.
      throw new Error(`${source.path} was passed without its bytes, and is not in the cache`);
    }
    misses.push(source);
  }
  const jobs = options.jobs ?? 1;
  const excerpts = options.excerpts;
  const keep = (parsed: ParsedContent) => (excerpts ? excerpts.spillParsed(parsed) : parsed);
  const fresh =
    jobs > 1 && misses.length >= PARALLEL_THRESHOLD
      ? await parseInWorkers(misses, config, jobs, {
          parseHere: (source) => parseFileSafely(source, { config, markdown }),
          keep,
        })
      : misses.map((source) => keep(parseFileSafely(source, { config, markdown })));
  misses.forEach((source, i) =>
    cache.files.set(source.path, { digest: versions.get(source.path)!, parsed: fresh[i]! }),
  );
  if (misses.length > 0) cache.dirty = true;
  excerpts?.spillCache(cache);
  for (const path of cache.files.keys()) {
    if (!versions.has(path)) {
      cache.files.delete(path);
      cache.dirty = true;
    }
  }
  const parsed = sources.content.map((source) => cache.files.get(source.path)!.parsed);
  for (const p of parsed) diagnostics.push(...p.diagnostics);
  const site = assembleSite(parsed, sources.topicDirs, sources.strays, options);
  diagnostics.push(...site.diagnostics);
  if (hasErrors(diagnostics) || !theme) return { diagnostics, ...none };

  const index = indexSite(config, site.curators, site.topics, site.scoops);
  const assets = theme.assets.map((a) => a.name);
  const missing = ["home", "topic", "scoop", "curator", "tags", "tag", "404"].filter(
    (t) => !theme.has(t),
  );
  if (missing.length > 0) {
    diagnostics.push(
      error(
        "template-missing",
        `the theme has no template for: ${missing.join(", ")}`,
        {},
        "add the missing .eta files to templates/, or remove your override folder to use the default theme",
      ),
    );
    return { diagnostics, ...none };
  }
  const plan = planSite({ index, assets, statics: sources.statics.map((f) => f.path) });
  diagnostics.push(...plan.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics, ...none };

  const files = new Map<string, Uint8Array>([
    ...theme.assets.map((a) => [a.name, a.bytes] as const),
    ...sources.statics.map((f) => [f.path, f.bytes] as const),
  ]);
  const helpers = createViewHelpers(index, theme.assetHashes);
  const scheduled = site.scheduled.map((s) => ({ file: s.file, date: s.date.iso }));

  // Everything any page may read besides its own data: the version, the config, the theme,
  // and every topic and curator (templates look them up by id). A scoop stands for its file's
  // digest and the names its tags are shown with (a tag's shown spelling is site-wide).
  const globals = digest(
    JSON.stringify([
      options.curioVersion ?? "",
      config,
      sources.theme.map((f) => [f.name, digest(f.bytes)]),
      [...site.topics, ...site.curators].map((x) => [x.file, versions.get(x.file)]),
    ]),
  );
  return siteFromState({
    config,
    theme,
    markdown,
    cache,
    versions,
    contentFiles: sources.content.map((f) => f.path),
    earlyDiagnostics,
    siteDiagnostics: site.diagnostics,
    planDiagnostics: plan.diagnostics,
    diagnostics,
    index,
    routes: plan.routes,
    stats: statsOf(plan.routes, index, scheduled, site.drafts.length),
    scoopByFile: new Map(index.scoops.map((s) => [s.file, s])),
    globals,
    files,
    helpers,
    feed: feedContext(index, helpers),
    byEntity: {},
  });
}

/** What a generated site is made from; a patched site is the same with a few scoops replaced. */
interface SiteState {
  readonly config: SiteConfig;
  readonly theme: Theme;
  readonly markdown: MarkdownRenderer;
  readonly cache: ContentCache;
  /** Digest of every content file's bytes, by path. */
  readonly versions: ReadonlyMap<string, string>;
  /** Content files in the order they were read: the order of their diagnostics. */
  readonly contentFiles: readonly string[];
  /** Diagnostics of the config and the theme. */
  readonly earlyDiagnostics: readonly Diagnostic[];
  readonly siteDiagnostics: readonly Diagnostic[];
  readonly planDiagnostics: readonly Diagnostic[];
  /** All of the above and every file's own, in report order. */
  readonly diagnostics: readonly Diagnostic[];
  readonly index: SiteIndex;
  readonly routes: readonly Route[];
  readonly stats: SiteStats;
  /** Published scoops by file, as the routes hold them. */
  readonly scoopByFile: ReadonlyMap<string, Scoop>;
  readonly globals: string;
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly helpers: ViewHelpers;
  readonly feed: FeedContext;
  /** Which routes reach which scoop: made on the first patch (or `prepareForPatches`). */
  readonly byEntity: { value?: EntityRoutes };
}

function siteFromState(state: SiteState): GeneratedSite {
  const { index, theme, helpers, files, feed, routes, versions, globals } = state;
  const renderDiagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const render = (route: Route): RenderedContent | undefined => {
    try {
      return renderRoute(route, { index, theme, helpers, files, feed });
    } catch (e) {
      if (!(e instanceof TemplateError))
        throw new Error(`while rendering ${route.url}: ${(e as Error).message}`, { cause: e });
      const key = `${e.template}:${e.line}:${e.reason}`;
      if (!seen.has(key)) {
        seen.add(key);
        renderDiagnostics.push(
          error(
            e.code,
            `template \`${e.template}\` failed while rendering ${route.url}: ${e.reason}`,
            {
              file: e.file,
              ...(e.line === undefined ? {} : { position: { line: e.line, column: 1 } }),
            },
            e.hint ?? "fix the template expression on that line; `it.page` holds the page's data",
          ),
        );
      }
      return undefined;
    }
  };
  function* outputs(): Iterable<OutputFile> {
    for (const route of routes) {
      const content = render(route);
      if (content !== undefined)
        yield {
          path: route.outputPath,
          content: typeof content === "string" ? content : contentBytes(content),
        };
    }
  }
  const routeSignature = createRouteSignatures(
    globals,
    (file) => versions.get(file),
    (tag) => index.tagBySlug.get(index.tagSlug(tag))?.name ?? tag,
  );
  const fileDigests = new Map<string, string>();
  const signature = (route: Route): string => {
    if (route.format !== "asset") return routeSignature(route);
    let d = fileDigests.get(route.name);
    if (d === undefined) {
      d = digest(files.get(route.name) ?? "");
      fileDigests.set(route.name, d);
    }
    return digest(`${globals}\u0000${route.outputPath}\u0000${d}`);
  };
  return {
    diagnostics: state.diagnostics,
    index,
    routes,
    stats: state.stats,
    outputs,
    renderDiagnostics,
    render,
    signature,
    versions,
    patch: (changed, now) => patchState(state, changed, now),
    prepareForPatches: () => {
      if (state.byEntity.value) return;
      warmUpPatching(state, entityRoutes(state));
    },
  };
}

/**
 * The site after some scoop files changed in ways that keep its shape: each still parses
 * without errors, and keeps its date, topic, slug, curator, tags, pinned and draft state, so
 * every list sorts, groups and paginates as before. Then only the routes that show one of them
 * change, found without planning again. Anything else gives undefined: build it all again.
 */
function patchState(
  state: SiteState,
  changed: readonly SourceFile[],
  now: number,
): PatchedSite | undefined {
  // A scheduled scoop has gone live since: the lists change.
  if (state.stats.scheduled.some((s) => Date.parse(s.date) <= now)) return undefined;
  const replacements = new Map<Scoop, Scoop>();
  const updates: {
    path: string;
    version: string;
    parsed: ParsedContent;
    before: readonly Diagnostic[];
  }[] = [];
  const mentioned = new Set(
    [...state.siteDiagnostics, ...state.planDiagnostics].map((d) => d.file),
  );
  for (const source of changed) {
    const before = state.versions.get(source.path);
    if (before === undefined) return undefined;
    const version = digest(source.bytes);
    if (version === before) continue;
    const old = state.scoopByFile.get(source.path);
    const cached = state.cache.files.get(source.path)?.parsed;
    const oldParsed = cached?.entity;
    if (!old || oldParsed?.kind !== "scoop" || mentioned.has(source.path)) return undefined;
    const parsed = parseFileSafely(source, { config: state.config, markdown: state.markdown });
    if (parsed.entity?.kind !== "scoop" || hasErrors(parsed.diagnostics)) return undefined;
    const fresh = scoopOf(parsed.entity.scoop);
    if (shapeOf(fresh) !== shapeOf(oldParsed.scoop)) return undefined;
    // Assembling may have given the scoop its topic's curator: keep what it resolved to.
    replacements.set(
      old,
      fresh.curatorId === old.curatorId ? fresh : copyScoop(fresh, { curatorId: old.curatorId }),
    );
    updates.push({ path: source.path, version, parsed, before: cached!.diagnostics });
  }
  if (updates.length === 0) return { site: siteFromState(state), changed: [] };
  for (const u of updates) {
    state.cache.files.set(u.path, { digest: u.version, parsed: u.parsed });
    state.cache.dirty = true;
  }
  const versions = LayeredMap.over(state.versions).with(updates.map((u) => [u.path, u.version]));
  const scoopByFile = LayeredMap.over(state.scoopByFile).with(
    [...replacements].map(([old, fresh]) => [old.file, fresh]),
  );
  for (const old of replacements.keys()) {
    for (const format of feedFormats) state.feed.items?.delete(`${format}\u0000${old.id}`);
  }
  // The report lists every file's own diagnostics in order: rebuilt only when an edit changed them.
  const same = updates.every(
    (u) => JSON.stringify(u.before) === JSON.stringify(u.parsed.diagnostics),
  );
  const diagnostics = same
    ? state.diagnostics
    : [
        ...state.earlyDiagnostics,
        ...state.contentFiles.flatMap((f) => state.cache.files.get(f)?.parsed.diagnostics ?? []),
        ...state.siteDiagnostics,
        ...state.planDiagnostics,
      ];
  const replaced = replaceScoops(state.routes, replacements, entityRoutes(state));
  const site = siteFromState({
    ...state,
    versions,
    scoopByFile,
    routes: replaced.routes,
    diagnostics,
    byEntity: { value: replaced.byEntity },
  });
  return { site, changed: replaced.changed };
}

/**
 * Runs the code a patch runs, once, on throwaway data: when the files were parsed on worker
 * threads, this thread has never parsed one, and the first edit paid for compiling it (126 ms
 * from save to reload at 10,000 scoops, against 71 ms for the next ones).
 */
function warmUpPatching(state: SiteState, byEntity: EntityRoutes): void {
  const [first] = state.scoopByFile.values();
  if (!first) return;
  const text =
    "---\ntitle: Warm-up\ndate: 2020-01-01\n---\nA *warm-up* [link](https://example.org/).\n\n- list\n";
  parseFileSafely(
    { path: first.file, bytes: Buffer.from(text) },
    { config: state.config, markdown: state.markdown },
  );
  replaceScoops(state.routes, new Map([[first, copyScoop(first)]]), byEntity);
}

/** Which routes reach which scoop, made once per site state. */
function entityRoutes(state: SiteState): EntityRoutes {
  return (state.byEntity.value ??= routesByEntity(state.routes));
}

/** What decides where a scoop is listed and in which order: equal shapes, equal plan. */
function shapeOf(s: Scoop | KeptScoop): string {
  return JSON.stringify([
    s.id,
    s.slug,
    s.topicId,
    s.file,
    s.date,
    s.curatorId ?? null,
    s.tags,
    s.pinned,
    s.draft,
  ]);
}

function statsOf(
  routes: readonly Route[],
  index: SiteIndex,
  scheduled: SiteStats["scheduled"],
  drafts: number,
): SiteStats {
  return {
    pages: routes.filter((r) => r.format === "html").length,
    feeds: routes.filter(isFeedRoute).length,
    scoops: index.scoops.length,
    topics: index.topics.length,
    curators: index.curators.length,
    tags: index.tags.length,
    scheduled,
    drafts,
  };
}
