import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { error, hasErrors } from "./diagnostics/diagnostic.js";
import { indexSite } from "./index/site-index.js";
import type { SiteIndex } from "./index/site-index.js";
import type { Sources } from "./load/read-sources.js";
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
import { digest } from "./cache/digest.js";
import { createRouteSignatures } from "./plan/route-signature.js";
import type { PublishOptions } from "./validate/site-rules.js";
import { assembleSite } from "./validate/site-rules.js";
import type { OutputFile } from "./write/write-site.js";

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
  readonly render?: (route: Route) => string | Uint8Array | undefined;
  /** A digest of everything a route's output depends on: equal signatures, equal output. */
  readonly signature?: (route: Route) => string;
}

/**
 * The pure middle of the pipeline: parse → validate → index → plan, with render as a lazy
 * sequence. Takes what `load` read, never touches the disk.
 */
export async function generateSite(
  sources: Sources,
  options: GenerateOptions,
): Promise<GeneratedSite> {
  const renderDiagnostics: Diagnostic[] = [];
  const none = { outputs: () => [], renderDiagnostics };
  const diagnostics: Diagnostic[] = [];

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
  const misses: Sources["content"][number][] = [];
  for (const source of sources.content) {
    const version = digest(source.bytes);
    versions.set(source.path, version);
    const hit = cache.files.get(source.path);
    if (!hit || hit.digest !== version) misses.push(source);
  }
  const jobs = options.jobs ?? 1;
  const fresh =
    jobs > 1 && misses.length >= PARALLEL_THRESHOLD
      ? await parseInWorkers(misses, config, jobs)
      : misses.map((source) => parseFileSafely(source, { config, markdown }));
  misses.forEach((source, i) =>
    cache.files.set(source.path, { digest: versions.get(source.path)!, parsed: fresh[i]! }),
  );
  if (misses.length > 0) cache.dirty = true;
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
  const routes = plan.routes;
  const scheduled = site.scheduled.map((s) => ({ file: s.file, date: s.date.iso }));
  const stats = statsOf(routes, index, scheduled, site.drafts.length);
  const feed = feedContext(index, helpers);
  const seen = new Set<string>();
  const render = (route: Route): string | Uint8Array | undefined => {
    try {
      return renderRoute(route, { index, theme: theme!, helpers, files, feed });
    } catch (e) {
      if (!(e instanceof TemplateError))
        throw new Error(`while rendering ${route.url}: ${(e as Error).message}`, { cause: e });
      const key = `${e.template}:${e.line}:${e.reason}`;
      if (!seen.has(key)) {
        seen.add(key);
        renderDiagnostics.push(
          error(
            "template-error",
            `template \`${e.template}\` failed while rendering ${route.url}: ${e.reason}`,
            {
              file: e.file,
              ...(e.line === undefined ? {} : { position: { line: e.line, column: 1 } }),
            },
            "fix the template expression on that line; `it.page` holds the page's data",
          ),
        );
      }
      return undefined;
    }
  };
  function* outputs(): Iterable<OutputFile> {
    for (const route of routes) {
      const content = render(route);
      if (content !== undefined) yield { path: route.outputPath, content };
    }
  }

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
  return { diagnostics, index, routes, stats, outputs, renderDiagnostics, render, signature };
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
