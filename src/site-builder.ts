import { readFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { CACHE_DIR, loadContentCache, saveContentCache } from "./cache/cache-store.js";
import type { InputScan } from "./cache/build-record.js";
import { loadBuildRecord, RACY_MS, saveBuildRecord, scanInputs } from "./cache/build-record.js";
import type { ContentCache } from "./cache/content-cache.js";
import { emptyContentCache } from "./cache/content-cache.js";
import { ExcerptFile } from "./cache/excerpt-file.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { hasErrors } from "./diagnostics/diagnostic.js";
import type { GeneratedSite, SiteStats } from "./generate-site.js";
import { generateSite } from "./generate-site.js";
import type { SourceFile, Sources } from "./load/read-sources.js";
import { readDigestFile, readSources } from "./load/read-sources.js";
import { MAX_FILE_BYTES } from "./load/file-limits.js";
import type { WriteReport } from "./write/write-incremental.js";
import { writeIncremental } from "./write/write-incremental.js";
import { createMemoryPacer } from "./util/memory-pacer.js";
import { ioDiagnostic, isSystemError } from "./diagnostics/io-error.js";
import { failpoint } from "./util/failpoint.js";
import { removeStaleTemps } from "./cache/stale-temps.js";
import { BuildInterrupted, throwIfInterrupted } from "./util/interrupt.js";
import type { OutputFolder } from "./write/output-folder.js";
import { conflictDiagnostic, openOutputFolder } from "./write/output-folder.js";
import { unsafeOutDir } from "./write/out-dir-guard.js";
import type { ManifestLoad } from "./write/write-manifest.js";
import { listOutput, loadManifest, saveWriteRecord } from "./write/write-manifest.js";

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
   * Replace everything in the output folder, also files Curio has no record of writing
   * (`curio build --clean`). Without it, Curio refuses a non-empty folder it has no manifest for
   * and never overwrites or deletes a file it did not write.
   */
  readonly clean?: boolean;
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
  /** Aborted to stop the build (Ctrl+C): it stops before the output folder changes. */
  readonly signal?: AbortSignal;
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
  /** The output folder as the last write left it (its manifest and the files not Curio's). */
  private output: OutputFolder | undefined;
  private loaded = false;
  /** The output folder's manifest as the up-to-date check just loaded it, for the build. */
  private manifestLoad: ManifestLoad | undefined;
  /** True when the output folder's write record in the cache is older than `output`. */
  private recordDirty = false;
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
    try {
      return await this.buildOnce(changedPaths, persist);
    } catch (e) {
      if (!isSystemError(e)) throw e;
      // A file-system failure (a folder that cannot be listed, a vanished file): reported with
      // its path, never a crash; the next build starts from the disk again.
      this.last = undefined;
      this.sources = undefined;
      this.output = undefined;
      return {
        ok: false,
        diagnostics: [ioDiagnostic(e, "read", this.root)],
        written: [],
        deleted: [],
        unchanged: 0,
        files: 0,
        outDir: this.outDir,
        sourceText: () => undefined,
      };
    }
  }

  private async buildOnce(
    changedPaths: readonly string[] | undefined,
    persist: boolean,
  ): Promise<BuildResult> {
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
        removeStaleTemps(dir);
        this.cache = await loadContentCache(dir, version, this.excerpts);
      }
    }
    if (!this.output) {
      const opened = await this.openOutput(version, dir);
      if (!opened.ok) return failed([opened.diagnostic]);
      this.output = opened.folder;
    }
    failpoint("parse");

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
    throwIfInterrupted(this.deps.signal);
    const report = await this.write(
      site.routes,
      { signature: site.signature, render: site.render },
      (done, total) => {
        pacer?.settle();
        this.deps.onProgress?.({ stage: "rendering", done, total });
      },
    );
    const diagnostics = [...site.diagnostics, ...site.renderDiagnostics];
    if (!report.committed) return failed([...diagnostics, ...report.diagnostics], site.stats);
    this.last = site;
    if (persist) diagnostics.push(...(await this.persistSafely()));
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
    this.output = undefined;
  }

  /**
   * Prepares the last build for fast patches (`curio serve` calls it after a full build, while
   * waiting for edits), so the first edit is as fast as the next ones.
   */
  prepareForEdits(): void {
    this.last?.prepareForPatches?.();
  }

  /** The output folder as shown in messages: relative to the digest when inside it. */
  private shownOutDir(): string {
    const rel = path.relative(this.root, this.outDir);
    return rel === "" ? "." : path.isAbsolute(rel) ? this.outDir : rel.split(path.sep).join("/");
  }

  private async openOutput(version: string, cacheDir: string | undefined) {
    try {
      const preloaded = this.manifestLoad;
      this.manifestLoad = undefined;
      return await openOutputFolder(
        this.outDir,
        this.shownOutDir(),
        cacheDir,
        version,
        this.options.clean ?? false,
        preloaded,
      );
    } catch (e) {
      if (!isSystemError(e)) throw e;
      return {
        ok: false as const,
        diagnostic: ioDiagnostic(e, "read the output folder", this.root),
      };
    }
  }

  /**
   * Writes routes into the output folder, keeping the folder's record up to date. Failures of
   * the file system become diagnostics naming the path; the folder is then as it was.
   */
  private async write(
    routes: Parameters<typeof writeIncremental>[1],
    renderer: Parameters<typeof writeIncremental>[2],
    onProgress?: (done: number, total: number) => void,
    partial = false,
  ): Promise<
    | Extract<WriteReport, { committed: true }>
    | { committed: false; diagnostics: readonly Diagnostic[] }
  > {
    const output = this.output!;
    let report: WriteReport;
    try {
      report = await writeIncremental(output, routes, renderer, {
        partial,
        ...(onProgress ? { onProgress } : {}),
        ...(this.deps.signal ? { signal: this.deps.signal } : {}),
      });
    } catch (e) {
      // The folder may have changed under us: look at it again next time.
      this.output = undefined;
      if (e instanceof BuildInterrupted || !isSystemError(e)) throw e;
      return {
        committed: false,
        diagnostics: [ioDiagnostic(e, "write the site into", this.root)],
      };
    }
    if (!report.committed) {
      if (report.reason === "render-failed") return { committed: false, diagnostics: [] };
      return {
        committed: false,
        diagnostics: [conflictDiagnostic(this.shownOutDir(), report.conflicts)],
      };
    }
    this.output = { ...output, manifest: report.manifest, listed: true };
    if (report.manifestChanged) this.recordDirty = true;
    return report;
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
    if (!site?.patch || !sources || !this.output || changedPaths.length === 0) return undefined;
    const changed = new Map<string, SourceFile>();
    for (const p of changedPaths) {
      const rel = path.relative(this.root, path.resolve(this.root, p)).split(path.sep).join("/");
      const file = readDigestFile(this.root, rel, MAX_FILE_BYTES);
      if (!file) return undefined;
      changed.set(rel, file);
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
    const report = await this.write(
      patched.changed,
      { signature: next.signature!, render: next.render! },
      undefined,
      true,
    );
    const diagnostics = [...next.diagnostics, ...next.renderDiagnostics];
    const base = { diagnostics, stats: next.stats!, outDir: this.outDir, sourceText };
    if (!report.committed) {
      this.last = undefined;
      return {
        ...base,
        diagnostics: [...diagnostics, ...report.diagnostics],
        ok: false,
        written: [],
        deleted: [],
        unchanged: 0,
        files: 0,
      };
    }
    this.last = next;
    if (persist) diagnostics.push(...(await this.persistSafely()));
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
      o.clean ?? false,
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
    const load = await loadManifest(this.outDir, dir, version).catch(() => undefined);
    // The build that follows opens the output folder with it, rather than stat it all again.
    this.manifestLoad = load;
    if (load?.status !== "ok" || !load.allFresh) return undefined;
    const manifest = load.manifest;
    // --clean promises a folder with nothing but the site: files not Curio's need a build.
    if (this.options.clean && (await listOutput(this.outDir)).some((p) => !manifest.entries.has(p)))
      return undefined;
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

  /**
   * Saves the caches, turning a failure to write them (a read-only or full disk) into a
   * warning: the site itself was built and written.
   */
  private async persistSafely(): Promise<Diagnostic[]> {
    try {
      await this.persist();
      return [];
    } catch (e) {
      if (!isSystemError(e)) throw e;
      const d = ioDiagnostic(e, "save the cache", this.root);
      return [{ ...d, severity: "warning", code: "cache-not-saved" }];
    }
  }

  /** Saves the caches to `.curio-cache/` (when caching is on). */
  async persist(): Promise<void> {
    const dir = this.cacheDir;
    if (!dir) return;
    failpoint("cache-save");
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
    if (this.output && this.recordDirty) {
      await saveWriteRecord(dir, this.outDir, version, this.output.manifest);
      this.recordDirty = false;
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
      // New, deleted or theme files change the shape of the site, and the config can change
      // how every file parses (time zone, base URL); a file that is no longer a regular file
      // inside the digest is reported by the full read: read it all again.
      const known = content.has(rel) || statics.has(rel);
      const file = known
        ? readDigestFile(this.root, rel, content.has(rel) ? MAX_FILE_BYTES : Infinity)
        : undefined;
      if (!file) return readSources(this.root, this.options.themeDir);
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
