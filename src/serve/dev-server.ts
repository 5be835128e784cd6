import path from "node:path";
import { watch } from "chokidar";
import type { FSWatcher } from "chokidar";
import { CACHE_DIR } from "../cache/cache-store.js";
import type { BuildResult } from "../build.js";
import { Rebuilder } from "../incremental/rebuilder.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { formatReport } from "../diagnostics/format-diagnostics.js";
import type { PreviewServer } from "./preview-server.js";
import { startPreviewServer } from "./preview-server.js";
import { ScoopDesk } from "./scoop-desk.js";
import { StaleCheck } from "./stale-check.js";
import { WatchBatcher } from "./watch-batcher.js";

/**
 * A save is one to three file events within a few milliseconds (editors write a temporary
 * file and rename it); a checkout's events come as fast. Waiting longer only delays the reload.
 */
const DEBOUNCE_MS = 20;

/** How to run `curio serve`. */
export interface DevServerOptions {
  readonly root: string;
  /** Interface to listen on (default 127.0.0.1; `--host 0.0.0.0` to widen). */
  readonly host?: string;
  /** Port (default 4173; 0 picks a free one). */
  readonly port?: number;
  /** Where the preview is built, relative to the root (default `.curio-cache/serve`). */
  readonly outDir?: string;
  readonly drafts?: boolean;
  readonly future?: boolean;
  readonly themeDir?: string;
  /** Watch the files (default true); tests may drive `rebuild` themselves. */
  readonly watch?: boolean;
  /** How long a burst of changes must be quiet before rebuilding (default 20 ms). */
  readonly debounceMs?: number;
  readonly curioVersion?: string;
  readonly now?: () => number;
}

/** What a rebuild did, for the terminal. */
export interface RebuildEvent {
  readonly result: BuildResult;
  readonly changed: readonly string[];
  readonly ms: number;
  /** The formatted report of the build's diagnostics ("" when there are none). */
  readonly report: string;
}

/** A running `curio serve`. */
export interface DevServer {
  readonly url: string;
  readonly server: PreviewServer;
  readonly builder: Rebuilder;
  /** The first build. */
  readonly initial: RebuildEvent;
  /** Rebuilds after these files changed, then reloads open pages (or shows the errors). */
  rebuild(changedPaths: readonly string[]): Promise<RebuildEvent>;
  /** Resolves once no rebuild, and no check of what the last one read, is running or waiting. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the site into a preview folder, serves it with live reload, watches content,
 * templates, static files and the config, and rebuilds incrementally on every change. A build
 * error is shown over every open page (and printed by `onRebuild`); the server keeps running,
 * and the next good build clears it.
 */
export async function startDevServer(
  options: DevServerOptions,
  onRebuild: (event: RebuildEvent) => void = () => undefined,
): Promise<DevServer> {
  const root = path.resolve(options.root);
  const outDir = path.resolve(root, options.outDir ?? path.join(CACHE_DIR, "serve"));
  let overlay: string | undefined;
  let basePath = "/";
  const desk = new ScoopDesk(root, options.now ?? Date.now, () => basePath);
  const server = await startPreviewServer(
    {
      outDir,
      get basePath() {
        return basePath;
      },
      overlay: () => overlay,
      tools: (req, res, url) => desk.handle(req, res, url),
    },
    options.host ?? "127.0.0.1",
    options.port ?? 4173,
  );
  const builder = new Rebuilder(
    {
      root,
      outDir,
      // The preview folder is Curio's own (inside .curio-cache/): whatever is in it may go.
      clean: true,
      previewOrigin: server.url,
      drafts: options.drafts ?? false,
      future: options.future ?? false,
      ...(options.themeDir ? { themeDir: options.themeDir } : {}),
    },
    {
      now: options.now ?? Date.now,
      ...(options.curioVersion ? { curioVersion: options.curioVersion } : {}),
    },
  );

  const run = async (changed: readonly string[] | undefined): Promise<RebuildEvent> => {
    const started = performance.now();
    const result = await builder.build(changed, changed === undefined);
    const ms = performance.now() - started;
    if (result.ok) basePath = result.basePath;
    const format = () =>
      result.diagnostics.length ? formatReport(result.diagnostics, result.sourceText) : "";
    let report: string | undefined;
    if (result.ok) {
      // Pages reload first; the report (warnings) is formatted after (see below).
      const hadOverlay = overlay !== undefined;
      overlay = undefined;
      if (hadOverlay) server.live.send("overlay", { text: "" });
      if (result.written.length > 0 || result.deleted.length > 0 || hadOverlay) {
        server.live.send("reload", {
          written: result.written.length,
          deleted: result.deleted.length,
        });
      }
    } else if (hasErrors(result.diagnostics)) {
      report = format();
      overlay = `curio: the last change broke the build; fix it and save to continue.\n\n${report}`;
      server.live.send("overlay", { text: overlay });
    }
    // Node sends what a response writes once this turn of work is over: the pages get their
    // reload event before the report is formatted (5,900 warnings took 0.4 s at 10,000 scoops,
    // and the event waited for them).
    await new Promise((resolve) => setImmediate(resolve));
    const event = { result, changed: changed ?? [], ms, report: report ?? format() };
    onRebuild(event);
    if (result.ok && result.mode !== "patched") builder.prepareForEdits();
    return event;
  };

  // The watcher can miss a save (see StaleCheck): every rebuild is checked against the disk,
  // and rebuilt again until what it read is what the files hold.
  const stale = new StaleCheck((paths) => {
    for (const p of paths) batcher.add(p);
  });
  const batcher = new WatchBatcher(async (paths) => {
    await stale.before(paths);
    try {
      await run(paths);
    } finally {
      await stale.after();
    }
  }, options.debounceMs ?? DEBOUNCE_MS);

  // The watcher is ready before the first build reads anything, so a save during that build
  // is seen; its events wait for the build to end.
  let early: string[] | undefined = [];
  let watcher: FSWatcher | undefined;
  if (options.watch !== false) {
    // Watch the root itself (so folders created later are seen), keeping to what Curio reads.
    const watched = ["content", "templates", "static", "curio.config.yml"];
    const skipped = [outDir, path.join(root, CACHE_DIR)];
    watcher = watch(root, {
      ignoreInitial: true,
      ignored: (p: string) => {
        if (p === root) return false;
        const rel = path.relative(root, p);
        const top = rel.split(path.sep)[0]!;
        return (
          !watched.includes(top) ||
          skipped.some((d) => p === d || p.startsWith(d + path.sep)) ||
          path.basename(p).startsWith(".")
        );
      },
    });
    watcher.on("all", (_event, p) => (early ? early.push(p) : batcher.add(p)));
    await new Promise<void>((resolve) => watcher!.once("ready", () => resolve()));
  }

  let initial: RebuildEvent;
  try {
    initial = await run(undefined);
  } catch (e) {
    await watcher?.close();
    await server.close();
    builder.close();
    throw e;
  }
  for (const p of early) batcher.add(p);
  early = undefined;

  return {
    url: `${server.url}${basePath}`,
    server,
    builder,
    initial,
    rebuild: (paths) => run(paths),
    async idle() {
      // A check may queue a rebuild, and a rebuild schedules a check: wait for both to rest.
      while (batcher.busy || stale.busy) {
        await batcher.idle();
        await stale.idle();
      }
    },
    async close() {
      batcher.stop();
      stale.stop();
      await watcher?.close();
      await server.close();
      await builder.persist();
      builder.close();
    },
  };
}
