import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { CACHE_DIR, loadContentCache, saveContentCache } from "./cache/cache-store.js";
import type { InputScan } from "./cache/build-record.js";
import { loadBuildRecord, RACY_MS, saveBuildRecord, scanInputs } from "./cache/build-record.js";
import type { ContentCache } from "./cache/content-cache.js";
import { emptyContentCache } from "./cache/content-cache.js";
import { ExcerptFile } from "./cache/excerpt-file.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { error, hasErrors } from "./diagnostics/diagnostic.js";
import type { GeneratedSite, SiteStats } from "./generate-site.js";
import { generateSite } from "./generate-site.js";
import type { SourceFile, Sources } from "./load/read-sources.js";
import { readSources } from "./load/read-sources.js";
import type { WriteReport } from "./write/write-incremental.js";
import { writeIncremental } from "./write/write-incremental.js";
import { createMemoryPacer } from "./util/memory-pacer.js";
import type { WriteManifest } from "./write/write-manifest.js";
import { loadManifest, manifestPath, saveManifest } from "./write/write-manifest.js";

/** What to build. */
export interface BuildOptions {
  /** The digest's folder. */
  readonly root: string;
  /** The output folder, relative to the root (default `dist`). */
  readonly outDir?: string;
  readonly baseUrl?: string | undefined;
  /** Keep the base URL's path, on this origin: `curio serve` previews the site at its own address. */
  readonly previewOrigin?: string | undefined;
  readonly drafts?: boolean;
  readonly future?: boolean;
  /** The default theme's folder (tests may point elsewhere). */
  readonly themeDir?: string;
  /** Keep parse results and the write manifest in `<root>/.curio-cache/` between runs (default true). */
  readonly cache?: boolean;
  /**
   * Worker threads for parsing markdown when many files changed (default: one per core).
   * Small sites and small changes are parsed on the main thread.
   */
  readonly jobs?: number;
}

/** How far a build is. */
export interface BuildProgress {
  readonly stage: "reading" | "rendering" | "writing";
  readonly done?: number;
  readonly total?: number;
}

/** Side effects a build may use, passed in so tests control them. */
export interface BuildDeps {
  /** The current time in ms: decides which scoops are scheduled, never printed into output. */
  readonly now: () => number;
  readonly onProgress?: (progress: BuildProgress) => void;
  /** Curio's version: keys the caches (a cache from another version is never trusted). */
  readonly curioVersion?: string;
  /** The real time, for cache validity only (default Date.now); never part of the output. */
  readonly wallClock?: () => number;
  /**
   * From how many content files on, excerpts are kept in a scratch file instead of memory
   * (default `SPILL_THRESHOLD`).
   */
  readonly spillExcerptsFrom?: number;
}

/**
 * Digests with at least this many content files keep their scoops' excerpts in a scratch file
 * (`ExcerptFile`) while building: 4 MB of excerpts per 1,000 scoops is where memory starts to
 * count, and below it the file would be overhead.
 */
export const SPILL_THRESHOLD = 1000;

/** What a build did. */
export interface BuildResult {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly stats?: SiteStats;
  /** Output paths written: new or changed files. */
  readonly written: readonly string[];
  /** Output paths deleted because nothing produces them any more. */
  readonly deleted: readonly string[];
  /** How many outputs were already up to date. */
  readonly unchanged: number;
  /** Number of files written (`written.length`). */
  readonly files: number;
  readonly outDir: string;
  /** True when nothing had changed since the last build: answered from its record. */
  readonly upToDate?: boolean;
  /**
   * True when the last build was patched instead of generated again (`curio serve` after
   * scoop edits that keep the site's shape): only the routes showing those scoops were rendered.
   */
  readonly patched?: boolean;
  /** How many routes were rendered (the rest were known to be unchanged). */
  readonly rendered?: number;
  /** The site's base path (`/digest/`), when the config could be read. */
  readonly basePath?: string;
  /** The text of a source file, for code frames in reports. */
  readonly sourceText: (file: string) => string | undefined;
}

/**
 * Builds a digest again and again, reusing what did not change: parse results by file digest,
 * and a write manifest so only changed outputs are rendered and written. `curio build` uses it
 * once; `curio serve` keeps one and calls `build(changedPaths)` on every change.
 */
export class SiteBuilder {
  readonly root: string;
  readonly outDir: string;
  private sources: Sources | undefined;
  /** The last site built into the output, while it is exactly what the output holds. */
  private last: GeneratedSite | undefined;
  private cache: ContentCache = emptyContentCache();
  private manifest: WriteManifest | undefined;
  private loaded = false;
  private manifestDirty = false;
  private excerpts: ExcerptFile | undefined;

  constructor(
    private readonly options: BuildOptions,
    private readonly deps: BuildDeps = { now: Date.now },
  ) {
    this.root = path.resolve(options.root);
    this.outDir = path.resolve(this.root, options.outDir ?? "dist");
  }

  private get cacheDir(): string | undefined {
    return this.options.cache === false ? undefined : path.join(this.root, CACHE_DIR);
  }

  /**
   * Builds the site. `changedPaths` (absolute or root-relative) says which files changed since
   * the previous build of this builder; without it everything is read again. Only changed
   * outputs are written; vanished ones are deleted; on any error the output stays as it was.
   */
  async build(changedPaths?: readonly string[], persist = true): Promise<BuildResult> {
    const version = this.deps.curioVersion ?? "";
    const unsafe = unsafeOutDir(this.root, this.outDir);
    this.deps.onProgress?.({ stage: "reading" });

    // Nothing changed since the last build of this output? Then there is nothing to do.
    const dir = this.cacheDir;
    let scan: InputScan | undefined;
    if (!unsafe && dir && !this.loaded && changedPaths === undefined) {
      scan = await scanInputs(this.root, this.options.themeDir, this.inputOptions());
      const done = await this.unchangedSince(dir, version, scan);
      if (done) return done;
    }

    if (!unsafe && changedPaths !== undefined) {
      const patched = await this.patchChanged(changedPaths, persist);
      if (patched) return patched;
    }
    this.last = undefined;
    this.sources = await this.readChanged(changedPaths);
    let sourceText = textLookup(this.sources);
    const failed = (diagnostics: readonly Diagnostic[], stats?: SiteStats): BuildResult => ({
      ok: false,
      diagnostics,
      ...(stats ? { stats } : {}),
      written: [],
      deleted: [],
      unchanged: 0,
      files: 0,
      outDir: this.outDir,
      sourceText,
    });
    if (unsafe) return failed([unsafe]);

    if (
      !this.excerpts &&
      this.sources.content.length >= (this.deps.spillExcerptsFrom ?? SPILL_THRESHOLD)
    )
      this.excerpts = ExcerptFile.open(dir ?? tmpdir());
    if (!this.loaded) {
      this.loaded = true;
      if (dir) {
        this.cache = await loadContentCache(dir, version, this.excerpts);
        this.manifest = await loadManifest(manifestPath(dir, this.outDir), this.outDir, version);
      }
    }

    const site = await generateSite(this.sources, {
      baseUrl: this.options.baseUrl,
      previewOrigin: this.options.previewOrigin,
      drafts: this.options.drafts ?? false,
      future: this.options.future ?? false,
      now: this.deps.now(),
      cache: this.cache,
      ...(this.excerpts ? { excerpts: this.excerpts } : {}),
      curioVersion: version,
      jobs: this.options.jobs ?? availableParallelism(),
    });
    if (site.versions) {
      // From here on, code frames read content files from the disk: the bytes read for
      // parsing are not kept (35 MB at 10,000 scoops) through rendering and after.
      this.sources = digestedSources(this.sources, site.versions);
      sourceText = textLookup(this.sources);
    }
    if (
      hasErrors(site.diagnostics) ||
      !site.stats ||
      !site.routes ||
      !site.render ||
      !site.signature
    ) {
      return failed(site.diagnostics);
    }
    // Large sites render with paced garbage collection: peak memory stays near what is live.
    const pacer = this.excerpts ? createMemoryPacer() : undefined;
    pacer?.settle();
    const report = await writeIncremental(
      this.outDir,
      site.routes,
      { signature: site.signature, render: site.render },
      this.manifest,
      (done, total) => {
        pacer?.settle();
        this.deps.onProgress?.({ stage: "rendering", done, total });
      },
    );
    const diagnostics = [...site.diagnostics, ...site.renderDiagnostics];
    if (!report.committed) return failed(diagnostics, site.stats);
    this.keepManifest(report);
    this.last = site;
    if (persist) await this.persist();
    if (persist && dir && scan) {
      const scheduled = site.stats.scheduled.map((s) => Date.parse(s.date));
      await saveBuildRecord(dir, {
        format: "curio-build-record",
        curio: version,
        outDir: this.outDir,
        inputs: scan.key,
        scannedAt: this.wallClock(),
        nextChange: scheduled.length ? Math.min(...scheduled) : null,
        stats: site.stats,
        diagnostics,
        ...(site.index ? { basePath: site.index.config.basePath } : {}),
      });
    }
    return {
      ok: true,
      diagnostics,
      stats: site.stats,
      ...(site.index ? { basePath: site.index.config.basePath } : {}),
      written: report.written,
      deleted: report.deleted,
      unchanged: report.unchanged,
      files: report.written.length,
      outDir: this.outDir,
      sourceText,
    };
  }

  /**
   * Lets go of the builder's scratch file. The builder must not be used afterwards; `curio
   * build` calls it when done, `curio serve` when it stops.
   */
  close(): void {
    this.excerpts?.close();
    this.excerpts = undefined;
    this.last = undefined;
    this.cache = emptyContentCache();
    this.loaded = false;
  }

  /**
   * Prepares the last build for fast patches (`curio serve` calls it after a full build, while
   * waiting for edits), so the first edit is as fast as the next ones.
   */
  prepareForEdits(): void {
    this.last?.prepareForPatches?.();
  }

  private keepManifest(report: WriteReport): void {
    if (report.manifestChanged) this.manifestDirty = true;
    this.manifest = {
      format: "curio-write-manifest",
      curio: this.deps.curioVersion ?? "",
      outDir: this.outDir,
      entries: report.manifest.entries,
    };
  }

  /**
   * `curio serve`'s fast path: when only scoop files changed, and in ways that keep the site's
   * shape, patches the last site and renders only the routes that show them. Undefined when
   * the site must be generated again.
   */
  private async patchChanged(
    changedPaths: readonly string[],
    persist: boolean,
  ): Promise<BuildResult | undefined> {
    const site = this.last;
    const sources = this.sources;
    if (!site?.patch || !sources || !this.manifest || changedPaths.length === 0) return undefined;
    const changed = new Map<string, SourceFile>();
    for (const p of changedPaths) {
      const rel = path.relative(this.root, path.resolve(this.root, p)).split(path.sep).join("/");
      const bytes = await readFile(path.join(this.root, rel)).catch(() => undefined);
      if (!bytes) return undefined;
      changed.set(rel, { path: rel, bytes });
    }
    // The patch takes only files it knows (scoops of the last build); anything else is undefined.
    const patched = site.patch([...changed.values()], this.deps.now());
    if (!patched) return undefined;
    this.sources = digestedSources(
      { ...sources, content: sources.content.map((f) => changed.get(f.path) ?? f) },
      patched.site.versions!,
    );
    const next = patched.site;
    const sourceText = textLookup(this.sources);
    const report = await writeIncremental(
      this.outDir,
      patched.changed,
      { signature: next.signature!, render: next.render! },
      this.manifest,
      undefined,
      { partial: true },
    );
    const diagnostics = [...next.diagnostics, ...next.renderDiagnostics];
    const base = { diagnostics, stats: next.stats!, outDir: this.outDir, sourceText };
    if (!report.committed) {
      this.last = undefined;
      return { ...base, ok: false, written: [], deleted: [], unchanged: 0, files: 0 };
    }
    this.keepManifest(report);
    this.last = next;
    if (persist) await this.persist();
    return {
      ...base,
      ok: true,
      patched: true,
      rendered: patched.changed.length,
      basePath: next.index!.config.basePath,
      written: report.written,
      deleted: report.deleted,
      unchanged: report.unchanged,
      files: report.written.length,
    };
  }

  /** The options that change the output, for the input scan's key. */
  private inputOptions(): unknown {
    const o = this.options;
    return [
      this.outDir,
      o.baseUrl,
      o.previewOrigin,
      o.drafts ?? false,
      o.future ?? false,
      o.themeDir,
    ];
  }

  private wallClock(): number {
    return (this.deps.wallClock ?? Date.now)();
  }

  /**
   * The last build's result when its inputs and output are exactly as it left them, no scheduled
   * scoop has gone live since, and no input changed so shortly before that scan that its
   * modification time could hide a later change.
   */
  private async unchangedSince(
    dir: string,
    version: string,
    scan: InputScan,
  ): Promise<BuildResult | undefined> {
    const record = await loadBuildRecord(dir, this.outDir, version);
    if (
      !record ||
      record.inputs !== scan.key ||
      scan.newest >= record.scannedAt - RACY_MS ||
      (record.nextChange !== null && this.deps.now() >= record.nextChange)
    ) {
      return undefined;
    }
    const manifest = await loadManifest(manifestPath(dir, this.outDir), this.outDir, version);
    if (!manifest) return undefined;
    const root = this.root;
    return {
      ok: true,
      upToDate: true,
      diagnostics: record.diagnostics,
      stats: record.stats,
      written: [],
      deleted: [],
      unchanged: manifest.entries.size,
      files: 0,
      outDir: this.outDir,
      ...(record.basePath ? { basePath: record.basePath } : {}),
      sourceText: (file) => {
        try {
          return readFileSync(path.join(root, file), "utf8");
        } catch {
          return undefined;
        }
      },
    };
  }

  /** Saves the caches to `.curio-cache/` (when caching is on). */
  async persist(): Promise<void> {
    const dir = this.cacheDir;
    if (!dir) return;
    const version = this.deps.curioVersion ?? "";
    if (this.cache.dirty) {
      // Saving reads every spilled excerpt back and serializes it: garbage, paced as rendering.
      const pacer = this.excerpts ? createMemoryPacer() : undefined;
      await saveContentCache(
        dir,
        version,
        { key: this.cache.key, files: this.cache.files },
        pacer ? { pace: () => pacer.settle() } : {},
      );
      this.cache.dirty = false;
    }
    if (this.manifest && this.manifestDirty) {
      await saveManifest(manifestPath(dir, this.outDir), this.manifest);
      this.manifestDirty = false;
    }
  }

  /** Re-reads only the changed files when they are known content, config or static files. */
  private async readChanged(changedPaths: readonly string[] | undefined): Promise<Sources> {
    const previous = this.sources;
    if (!previous || changedPaths === undefined)
      return readSources(this.root, this.options.themeDir);
    const rels = changedPaths.map((p) =>
      path.relative(this.root, path.resolve(this.root, p)).split(path.sep).join("/"),
    );
    const content = new Map(previous.content.map((f) => [f.path, f]));
    const statics = new Map(previous.statics.map((f) => [f.path, f]));
    for (const rel of rels) {
      const abs = path.join(this.root, rel);
      const isFile = (await stat(abs).catch(() => undefined))?.isFile() ?? false;
      // New, deleted or theme files change the shape of the site, and the config can change
      // how every file parses (time zone, base URL): read it all again.
      if (!isFile || !(content.has(rel) || statics.has(rel)))
        return readSources(this.root, this.options.themeDir);
      const file = { path: rel, bytes: await readFile(abs) };
      if (content.has(rel)) content.set(rel, file);
      else statics.set(rel, file);
    }
    return {
      ...previous,
      content: [...content.values()],
      statics: [...statics.values()],
    };
  }
}

/** The output folder must not be the digest itself, hold it, or sit in its content or templates. */
function unsafeOutDir(root: string, outDir: string): Diagnostic | undefined {
  const inside = (dir: string, child: string) => child === dir || child.startsWith(dir + path.sep);
  if (
    inside(outDir, root) ||
    ["content", "templates", "static"].some((d) => inside(path.join(root, d), outDir))
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
 * The sources with content files kept by digest only: once parsed and cached, their bytes are
 * not needed again (450 MB at 100,000 scoops, through the whole render).
 */
function digestedSources(sources: Sources, versions: ReadonlyMap<string, string>): Sources {
  return {
    ...sources,
    content: sources.content.map((f) => {
      const digest = versions.get(f.path);
      return digest === undefined ? f : { path: f.path, digest };
    }),
  };
}
