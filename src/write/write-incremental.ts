import { mkdir, mkdtemp, rename, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { digest, digestChunks } from "../cache/digest.js";
import type { RenderedContent } from "../util/join-bytes.js";
import { writeChunks } from "./write-chunks.js";
import { LayeredMap } from "../util/layered-map.js";
import type { Route } from "../plan/routes.js";
import type { ManifestEntry, WriteManifest } from "./write-manifest.js";
import { resolveInside, settle, swapInto } from "./write-site.js";

/** How a route becomes bytes, and what it depends on. */
export interface RouteRenderer {
  readonly signature: (route: Route) => string;
  /** The route's content, or undefined when rendering failed (reported elsewhere). */
  readonly render: (route: Route) => RenderedContent | undefined;
}

/** What an incremental write did. */
export interface WriteReport {
  /** False when a route failed to render: nothing was changed in the output folder. */
  readonly committed: boolean;
  /** Output paths written (new or changed), in route order. */
  readonly written: readonly string[];
  /** Output paths deleted (no longer planned). */
  readonly deleted: readonly string[];
  /** How many outputs were already up to date. */
  readonly unchanged: number;
  readonly manifest: Omit<WriteManifest, "format" | "curio" | "outDir">;
  /** False when the manifest is exactly the previous one (nothing to save). */
  readonly manifestChanged: boolean;
}

/**
 * Writes only what changed. A route whose signature matches the manifest is not rendered; a
 * rendered route whose bytes match is not written. New and changed files are first written to a
 * staging folder next to the output (streamed, one at a time), and moved into place only when
 * every route rendered; files no longer planned are then deleted. Without a trusted manifest,
 * the whole site is staged and swapped in as one folder.
 */
export async function writeIncremental(
  outDir: string,
  routes: readonly Route[],
  renderer: RouteRenderer,
  previous: WriteManifest | undefined,
  onProgress?: (done: number, total: number) => void,
  options: {
    /**
     * `routes` are only the routes that may have changed (`curio serve` after an edit that
     * keeps the site's shape): every other entry of `previous` stays and nothing is deleted.
     */
    readonly partial?: boolean;
  } = {},
): Promise<WriteReport> {
  const partial = options.partial === true && previous !== undefined;
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(path.join(parent, `.${path.basename(target)}.tmp-`));
  const entries = new Map<string, ManifestEntry>();
  const written: string[] = [];
  let unchanged = 0;
  let sameSignature = 0;
  let failed = false;
  const pending: Promise<void>[] = [];
  try {
    const made = new Map<string, Promise<void>>([[staging, Promise.resolve()]]);
    let done = 0;
    for (const route of routes) {
      if (onProgress && ++done % 200 === 0) onProgress(done, routes.length);
      const sig = renderer.signature(route);
      const before = previous?.entries.get(route.outputPath);
      if (before && before.sig === sig) {
        entries.set(route.outputPath, before);
        unchanged++;
        sameSignature++;
        continue;
      }
      const content = renderer.render(route);
      if (content === undefined) {
        failed = true;
        continue;
      }
      // Encode text once, for both the digest and the file; pieces stay pieces.
      const bytes = typeof content === "string" ? Buffer.from(content) : content;
      const hash = bytes instanceof Uint8Array ? digest(bytes) : digestChunks(bytes);
      entries.set(route.outputPath, { sig, hash });
      if (before && before.hash === hash) {
        unchanged++;
        continue;
      }
      const dest = resolveInside(staging, route.outputPath);
      // Folders and files are made in the background while the next routes render, at most
      // 64 at a time (a rolling window: the pipe stays full).
      const write = ensureDir(path.dirname(dest), made).then(() =>
        bytes instanceof Uint8Array ? writeFile(dest, bytes) : writeChunks(dest, bytes),
      );
      write.catch(() => undefined); // awaited below; a failure must not go unhandled till then
      pending.push(write);
      if (pending.length >= 64) await pending.shift();
      written.push(route.outputPath);
    }
    await settle(pending.splice(0));
    if (failed) {
      await rm(staging, { recursive: true, force: true });
      return {
        committed: false,
        written: [],
        deleted: [],
        unchanged: 0,
        manifest: { entries: new Map() },
        manifestChanged: false,
      };
    }
    const deleted =
      previous && !partial ? [...previous.entries.keys()].filter((p) => !entries.has(p)) : [];
    if (!previous) {
      await swapInto(staging, target);
    } else {
      await commitInPlace(staging, target, written, deleted);
    }
    const manifestChanged = !previous || deleted.length > 0 || sameSignature !== routes.length;
    if (partial) unchanged += previous.entries.size - routes.length;
    const manifest = {
      entries: partial ? LayeredMap.over(previous.entries).with(entries) : entries,
    };
    return { committed: true, written, deleted, unchanged, manifest, manifestChanged };
  } catch (e) {
    await Promise.allSettled(pending);
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Creates a folder and its missing parents with one plain mkdir each (a recursive mkdir per
 * file costs far more when most parents exist); `made` holds each folder's creation, so a
 * folder is made once however many files go in it.
 */
function ensureDir(dir: string, made: Map<string, Promise<void>>): Promise<void> {
  let done = made.get(dir);
  if (done === undefined) {
    const parent = path.dirname(dir);
    done = (parent === dir ? Promise.resolve() : ensureDir(parent, made)).then(() =>
      mkdir(dir).then(
        () => undefined,
        (e: NodeJS.ErrnoException) => {
          if (e.code !== "EEXIST") throw e;
        },
      ),
    );
    made.set(dir, done);
  }
  return done;
}

/** Moves staged files into the output folder, deletes vanished ones and their empty folders. */
async function commitInPlace(
  staging: string,
  target: string,
  written: readonly string[],
  deleted: readonly string[],
): Promise<void> {
  const made = new Map<string, Promise<void>>([[path.dirname(target), Promise.resolve()]]);
  for (const rel of written) {
    const dest = resolveInside(target, rel);
    await ensureDir(path.dirname(dest), made);
    await rename(resolveInside(staging, rel), dest);
  }
  const dirs = new Set<string>();
  for (const rel of deleted) {
    const file = resolveInside(target, rel);
    await rm(file, { force: true });
    for (let d = path.dirname(file); d.startsWith(target + path.sep); d = path.dirname(d))
      dirs.add(d);
  }
  // Deepest first; a folder that still holds files stays.
  for (const d of [...dirs].sort((a, b) => b.length - a.length))
    await rmdir(d).catch(() => undefined);
  await rm(staging, { recursive: true, force: true });
}
