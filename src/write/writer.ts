import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { ioDiagnostic, isSystemError } from "../diagnostics/io-error.js";
import type { Route } from "../plan/routes.js";
import { BuildInterrupted } from "../util/interrupt.js";
import { contentBytes } from "../util/join-bytes.js";
import { unsafeOutDir } from "./out-dir-guard.js";
import type { OutputFolder } from "./output-folder.js";
import { conflictDiagnostic, openOutputFolder } from "./output-folder.js";
import type { RouteRenderer, WriteOptions, WriteReport } from "./write-incremental.js";
import { writeIncremental } from "./write-incremental.js";
import type { ManifestLoad } from "./write-manifest.js";
import { saveWriteRecord } from "./write-manifest.js";

/** What writing the routes did. */
export type WriteOutcome =
  | Pick<
      Extract<WriteReport, { committed: true }>,
      "committed" | "written" | "deleted" | "unchanged"
    >
  | {
      readonly committed: false;
      /** Why (empty when a template failed: the renderer reports that). */
      readonly diagnostics: readonly Diagnostic[];
    };

/**
 * Where a build's routes go. `build` renders through it: the folder writer renders only the
 * routes whose signature changed and writes only the bytes that differ; the memory writer
 * renders everything and keeps it (tests, `curio check`).
 */
export interface Writer {
  /** Looks at the destination before the build; a diagnostic when it refuses to write there. */
  prepare(): Promise<Diagnostic | undefined>;
  /** Renders and writes the routes; all or nothing. */
  write(
    routes: readonly Route[],
    renderer: RouteRenderer,
    options: WriteOptions,
  ): Promise<WriteOutcome>;
}

/** A writer that keeps every output in memory, by output path. */
export interface MemoryWriter extends Writer {
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/**
 * Renders every route into memory (nothing is written to disk). With `keep: false` it only
 * renders, keeping nothing (`curio check`: every template error is found, in little memory).
 */
export function memoryWriter(options: { readonly keep?: boolean } = {}): MemoryWriter {
  const keep = options.keep ?? true;
  const files = new Map<string, Uint8Array>();
  return {
    files,
    prepare: () => Promise.resolve(undefined),
    write: async (routes, renderer, options) => {
      const rendered = new Map<string, Uint8Array>();
      let failed = false;
      const renderAll = (list: readonly Route[]) =>
        list.forEach((route, i) => {
          const content = renderer.render(route);
          if (content === undefined) failed = true;
          else if (keep)
            rendered.set(
              route.outputPath,
              typeof content === "string" ? Buffer.from(content) : contentBytes(content),
            );
          options.onProgress?.(i + 1, list.length);
        });
      renderAll(routes);
      const later = options.later ? await options.later : [];
      if (later === undefined) failed = true;
      else renderAll(later);
      if (failed) return { committed: false, diagnostics: [] };
      if (!options.partial) files.clear();
      for (const p of options.removed ?? []) files.delete(p);
      for (const [p, bytes] of rendered) files.set(p, bytes);
      return {
        committed: true,
        written: keep
          ? [...rendered.keys()]
          : [...routes, ...(later ?? [])].map((r) => r.outputPath),
        deleted: [],
        unchanged: 0,
      };
    },
  };
}

/** Where a folder writer writes, and where it keeps its record. */
export interface FolderWriterOptions {
  /** The digest's folder: the output must not contain it, nor be inside its sources. */
  readonly root: string;
  /** The output folder (absolute). */
  readonly outDir: string;
  /** The cache folder that keeps the write record (how each file was made); none: no record. */
  readonly cacheDir?: string | undefined;
  readonly curioVersion: string;
  /** Replace everything in the folder, also files Curio did not write (`--clean`). */
  readonly clean: boolean;
}

/**
 * Writes into the output folder, never touching a file Curio did not write (see
 * `writeIncremental`). It remembers the folder between writes (`curio serve`), and saves its
 * write record when asked (`saveRecord`).
 */
export class FolderWriter implements Writer {
  private folder: OutputFolder | undefined;
  private preloaded: ManifestLoad | undefined;
  private recordDirty = false;

  constructor(readonly options: FolderWriterOptions) {}

  /** The output folder as messages show it: relative to the digest when inside it. */
  get shown(): string {
    const { root, outDir } = this.options;
    const rel = path.relative(root, outDir);
    return rel === "" ? "." : path.isAbsolute(rel) ? outDir : rel.split(path.sep).join("/");
  }

  /** True once the folder was opened and is as the last write left it. */
  get isOpen(): boolean {
    return this.folder !== undefined;
  }

  /** Gives the manifest just loaded (by the up-to-date check) to the next `prepare`. */
  preload(load: ManifestLoad | undefined): void {
    this.preloaded = load;
  }

  /** Forgets what it knew of the folder: the next `prepare` looks at it again. */
  forget(): void {
    this.folder = undefined;
  }

  async prepare(): Promise<Diagnostic | undefined> {
    const { root, outDir, cacheDir, curioVersion, clean } = this.options;
    const unsafe = unsafeOutDir(root, outDir);
    if (unsafe) return unsafe;
    if (this.folder) return undefined;
    const preloaded = this.preloaded;
    this.preloaded = undefined;
    try {
      const opened = await openOutputFolder(
        outDir,
        this.shown,
        cacheDir,
        curioVersion,
        clean,
        preloaded,
      );
      if (!opened.ok) return opened.diagnostic;
      this.folder = opened.folder;
      return undefined;
    } catch (e) {
      if (!isSystemError(e)) throw e;
      return ioDiagnostic(e, "read the output folder", root);
    }
  }

  async write(
    routes: readonly Route[],
    renderer: RouteRenderer,
    options: WriteOptions,
  ): Promise<WriteOutcome> {
    const folder = this.folder;
    if (!folder) throw new Error("FolderWriter.write before prepare");
    let report;
    try {
      report = await writeIncremental(folder, routes, renderer, options);
    } catch (e) {
      // The folder may have changed under us: look at it again next time.
      this.folder = undefined;
      if (e instanceof BuildInterrupted || !isSystemError(e)) throw e;
      return {
        committed: false,
        diagnostics: [ioDiagnostic(e, "write the site into", this.options.root)],
      };
    }
    if (!report.committed) {
      if (report.reason === "render-failed") return { committed: false, diagnostics: [] };
      return {
        committed: false,
        diagnostics: [conflictDiagnostic(this.shown, report.conflicts)],
      };
    }
    this.folder = { ...folder, manifest: report.manifest, listed: true };
    if (report.manifestChanged) this.recordDirty = true;
    return {
      committed: true,
      written: report.written,
      deleted: report.deleted,
      unchanged: report.unchanged,
    };
  }

  /** Saves the write record to the cache folder, when it changed since it was last saved. */
  async saveRecord(): Promise<void> {
    const { cacheDir, outDir, curioVersion } = this.options;
    if (!cacheDir || !this.folder || !this.recordDirty) return;
    await saveWriteRecord(cacheDir, outDir, curioVersion, this.folder.manifest);
    this.recordDirty = false;
  }
}
