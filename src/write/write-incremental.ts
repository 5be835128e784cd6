import {
  writeFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
} from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { digest, digestChunks } from "../util/digest.js";
import type { RenderedContent } from "../util/join-bytes.js";
import { failpoint, failpointAsync } from "../util/failpoint.js";
import { throwIfInterrupted } from "../util/interrupt.js";
import { writeChunks } from "./write-chunks.js";
import { LayeredMap } from "../util/layered-map.js";
import type { Route } from "../plan/routes.js";
import type { OutputFolder } from "./output-folder.js";
import type { ManifestEntry, WriteManifest } from "./write-manifest.js";
import { saveOwnership, statAll, statKey } from "./write-manifest.js";
import { resolveInside, settle } from "./write-site.js";

/** How a route becomes bytes, and what it depends on. */
export interface RouteRenderer {
  readonly signature: (route: Route) => string;
  /** The route's content, or undefined when rendering failed (reported elsewhere). */
  readonly render: (route: Route) => RenderedContent | undefined;
}

/** What an incremental write did. */
export type WriteReport =
  | {
      readonly committed: true;
      /** Output paths written (new or changed), in route order. */
      readonly written: readonly string[];
      /** Output paths deleted (no longer planned). */
      readonly deleted: readonly string[];
      /** How many outputs were already up to date. */
      readonly unchanged: number;
      /** What the output folder holds now. */
      readonly manifest: WriteManifest;
      /** False when the manifest's entries are exactly the previous ones (nothing to save). */
      readonly manifestChanged: boolean;
    }
  | {
      readonly committed: false;
      /** `render-failed`: reported elsewhere; `conflict`: files Curio did not write are in the way. */
      readonly reason: "render-failed" | "conflict";
      /** For a conflict: the output paths that files Curio did not write already hold. */
      readonly conflicts: readonly string[];
    };

/** Options of `writeIncremental`. */
export interface WriteOptions {
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * `routes` are only the routes that may have changed (`curio serve` after an edit that
   * keeps the site's shape): every other entry of the manifest stays and nothing is deleted.
   */
  readonly partial?: boolean;
  /** Stops the write before the switch (Ctrl+C): nothing in the output folder changes. */
  readonly signal?: AbortSignal;
  /**
   * Routes known only when work running beside the render is done (the search index, made by
   * Pagefind's own program while the pages render): written after `routes`, before anything
   * is committed. Undefined when that work failed (reported elsewhere): nothing is committed.
   */
  readonly later?: Promise<readonly Route[] | undefined>;
  /** With `partial`: outputs no longer planned, deleted (the files of a replaced search index). */
  readonly removed?: readonly string[];
}

/**
 * Writes only what changed, into the output folder, never touching a file Curio did not write.
 * A route whose signature matches the manifest is not rendered; a rendered route whose bytes
 * match is not written. New and changed files are first written to a staging folder beside the
 * output folder, or inside it where a rename from beside it is not possible (a mount point: a
 * move must be a rename on one file system), and moved into place only when every route rendered; files no
 * longer planned are then deleted. The folder's ownership list is saved before the move
 * (listing every file about to be moved in, so a crash in the middle leaves nothing
 * unaccounted for) and, when files were deleted, after it.
 */
export async function writeIncremental(
  folder: OutputFolder,
  routes: readonly Route[],
  renderer: RouteRenderer,
  options: WriteOptions,
): Promise<WriteReport> {
  const partial = options.partial === true;
  const previous = folder.manifest;
  const target = path.resolve(folder.dir);
  const conflicts = routes.map((r) => r.outputPath).filter((p) => folder.foreign.has(p));
  if (conflicts.length > 0) return { committed: false, reason: "conflict", conflicts };
  const createdTop = mkdirSync(target, { recursive: true });
  const staging = makeStaging(target);
  const fresh = path.join(staging, "new");
  const entries = new Map<string, ManifestEntry>();
  const written: string[] = [];
  let unchanged = 0;
  let sameEntry = 0;
  /** Routes the previous write had too. */
  let known = 0;
  let failed = false;
  const pending: Promise<void>[] = [];
  const abandon = async () => {
    await Promise.allSettled(pending);
    rmSync(staging, { recursive: true, force: true });
    if (createdTop !== undefined) removeEmptyUpTo(target, path.dirname(createdTop));
  };
  try {
    mkdirSync(fresh);
    const made = new Map<string, Promise<void>>([[fresh, Promise.resolve()]]);
    let done = 0;
    let total = routes.length;
    const lateConflicts: string[] = [];
    // Two passes: the routes, then those `later` gives once its work is done. A plain loop each
    // (no await per route: most routes of a warm build are skipped in a few microseconds).
    let list: readonly Route[] = routes;
    for (let pass = 0; pass < 2; pass++) {
      if (pass === 1) {
        const more = options.later ? await options.later : [];
        if (more === undefined) failed = true;
        else
          lateConflicts.push(
            ...more.filter((r) => folder.foreign.has(r.outputPath)).map((r) => r.outputPath),
          );
        if (more === undefined || lateConflicts.length > 0) break;
        total += more.length;
        list = more;
      }
      for (const route of list) {
        if (++done % 200 === 0) {
          options.onProgress?.(done, total);
          throwIfInterrupted(options.signal);
        }
        const sig = renderer.signature(route);
        const before = previous.entries.get(route.outputPath);
        if (before) known++;
        if (before && before.sig !== "" && before.sig === sig) {
          entries.set(route.outputPath, before);
          unchanged++;
          sameEntry++;
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
        if (before && before.hash !== "" && before.hash === hash) {
          entries.set(route.outputPath, { ...before, sig });
          unchanged++;
          continue;
        }
        entries.set(route.outputPath, { sig, hash, stat: "" });
        const dest = resolveInside(fresh, route.outputPath);
        // Folders and files are made in the background while the next routes render, at most
        // 64 at a time (a rolling window: the pipe stays full).
        const write = ensureDir(path.dirname(dest), made)
          .then(() =>
            bytes instanceof Uint8Array ? writeFile(dest, bytes) : writeChunks(dest, bytes),
          )
          .catch((e: NodeJS.ErrnoException) => {
            e.path ??= dest; // a failed write (ENOSPC) names no file by itself
            throw e;
          });
        write.catch(() => undefined); // awaited below; a failure must not go unhandled till then
        pending.push(write);
        if (pending.length >= 64) await pending.shift();
        written.push(route.outputPath);
      }
    }
    await settle(pending.splice(0));
    await failpointAsync("write");
    throwIfInterrupted(options.signal);
    if (failed || lateConflicts.length > 0) {
      await abandon();
      return failed
        ? { committed: false, reason: "render-failed", conflicts: [] }
        : { committed: false, reason: "conflict", conflicts: lateConflicts };
    }
    const deleted = partial
      ? (options.removed ?? []).filter((p) => previous.entries.has(p) && !entries.has(p))
      : [...previous.entries.keys()].filter((p) => !entries.has(p));
    const added = written.filter((p) => !previous.entries.has(p));
    // Write-ahead: every file about to be moved in is on record as Curio's before it lands
    // (and a folder taken over with --clean gets its list, even if every file was there).
    if (added.length > 0 || !folder.listed)
      await saveOwnership(target, [...previous.entries.keys(), ...added]);
    commitSync(staging, target, written, deleted);
    const stats = await statAll(written.map((p) => resolveInside(target, p)));
    written.forEach((p, i) => {
      const s = stats[i];
      entries.set(p, { ...entries.get(p)!, stat: s ? statKey(s) : "" });
    });
    const manifest: WriteManifest = {
      entries: partial ? LayeredMap.over(previous.entries).with(entries, deleted) : entries,
    };
    if (deleted.length > 0) await saveOwnership(target, manifest.entries.keys());
    if (partial) unchanged += previous.entries.size - deleted.length - known;
    const manifestChanged = written.length > 0 || deleted.length > 0 || sameEntry !== done;
    return { committed: true, written, deleted, unchanged, manifest, manifestChanged };
  } catch (e) {
    await abandon();
    // Name the file as it would have been in the output folder, not its staging copy.
    const err = e as NodeJS.ErrnoException;
    if (typeof err.path === "string" && err.path.startsWith(fresh + path.sep))
      err.path = path.join(target, path.relative(fresh, err.path));
    throw e;
  }
}

/**
 * Makes the staging folder: beside the output folder when both are on one file system (so an
 * interrupted build leaves the output folder itself untouched), else inside it (an output
 * folder that is a mount point: a rename cannot cross file systems). The next build removes
 * either kind that no running process owns.
 */
function makeStaging(target: string): string {
  const parent = path.dirname(target);
  let beside: string | undefined;
  try {
    beside = mkdtempSync(
      path.join(parent, `.${path.basename(target)}.curio-staging-${process.pid}-`),
    );
    // A rename must reach the output folder from here: not across a mount point (bind mounts
    // share the device number, so only a real rename tells).
    const probe = path.join(beside, "probe");
    const there = path.join(target, `.curio-staging-${process.pid}-probe`);
    writeFileSync(probe, "");
    renameSync(probe, there);
    rmSync(there);
    return beside;
  } catch {
    if (beside !== undefined) rmSync(beside, { recursive: true, force: true });
  }
  try {
    return mkdtempSync(path.join(target, `.curio-staging-${process.pid}-`));
  } catch (e) {
    (e as NodeJS.ErrnoException).path = target;
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

/**
 * Moves staged files into the output folder and deletes vanished ones, synchronously, so no
 * signal handler or other task runs in the middle. Each file it replaces or deletes is first
 * moved aside into the staging folder; should a move fail (a read-only subfolder, a full disk),
 * every move already made is undone, so the output folder is as it was. Only a crash of the
 * machine or a SIGKILL in the middle can leave a mix of old and new files; the manifest saved
 * before lists them all, and the next build rewrites them.
 */
function commitSync(
  staging: string,
  target: string,
  written: readonly string[],
  deleted: readonly string[],
): void {
  const fresh = path.join(staging, "new");
  const aside = path.join(staging, "old");
  const made = new Set<string>();
  const undo: (() => void)[] = [];
  const asideDirs = new Set<string>();
  const moveAside = (rel: string): void => {
    const dest = resolveInside(target, rel);
    // Most files of a first build are new: a stat costs less than a failed rename's exception.
    if (lstatSync(dest, { throwIfNoEntry: false }) === undefined) return;
    const kept = resolveInside(aside, rel);
    const dir = path.dirname(kept);
    if (!asideDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      asideDirs.add(dir);
    }
    renameSync(dest, kept);
    undo.push(() => renameSync(kept, dest));
  };
  // Folders that do not exist in the output yet move in whole: one rename for a new tag's
  // pages, or for most of a first build (12,000 file renames took 2.4 s at 10,000 scoops).
  const movedDirs = new Set<string>();
  const moveNewFolder = (rel: string): boolean => {
    const parts = rel.split("/");
    let prefix = "";
    for (let i = 0; i < parts.length - 1; i++) {
      prefix = i === 0 ? parts[0]! : `${prefix}/${parts[i]}`;
      if (movedDirs.has(prefix)) return true;
      const dest = resolveInside(target, prefix);
      if (made.has(dest)) continue;
      const s = lstatSync(dest, { throwIfNoEntry: false });
      if (s?.isDirectory()) {
        made.add(dest);
        continue;
      }
      if (s) return false; // not a folder: ensureRealDirSync names the problem
      const from = resolveInside(fresh, prefix);
      renameSync(from, dest);
      undo.push(() => renameSync(dest, from));
      movedDirs.add(prefix);
      return true;
    }
    return false;
  };
  try {
    const half = Math.floor(written.length / 2);
    written.forEach((rel, i) => {
      if (i === half) failpoint("commit");
      if (moveNewFolder(rel)) return;
      const dest = resolveInside(target, rel);
      ensureRealDirSync(target, path.dirname(dest), made);
      moveAside(rel);
      const from = resolveInside(fresh, rel);
      renameSync(from, dest);
      undo.push(() => renameSync(dest, from));
    });
    for (const rel of deleted) moveAside(rel);
  } catch (e) {
    for (const step of undo.reverse()) {
      try {
        step();
      } catch {
        // Best effort: the manifest already lists every file involved.
      }
    }
    throw e;
  }
  const dirs = new Set<string>();
  for (const rel of deleted) {
    const file = resolveInside(target, rel);
    for (let d = path.dirname(file); d.startsWith(target + path.sep); d = path.dirname(d))
      dirs.add(d);
  }
  // Deepest first; a folder that still holds files stays.
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(d);
    } catch {
      // Not empty, or not ours to remove.
    }
  }
  rmSync(staging, { recursive: true, force: true });
}

/**
 * Makes the folders of `dir` below `target` that are missing, and checks that those present are
 * real folders, not symbolic links: a link in the output folder must not carry a write outside.
 */
function ensureRealDirSync(target: string, dir: string, made: Set<string>): void {
  if (dir === target || made.has(dir)) return;
  ensureRealDirSync(target, path.dirname(dir), made);
  try {
    mkdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    const s = lstatSync(dir);
    if (!s.isDirectory()) {
      const err = new Error(
        `${path.relative(target, dir)} in the output folder is ${s.isSymbolicLink() ? "a symbolic link" : "a file"}, not a folder Curio made`,
      ) as NodeJS.ErrnoException;
      err.code = "ENOTDIR";
      err.path = dir;
      throw err;
    }
  }
  made.add(dir);
}

/** Removes `from` and its parents while they are empty, stopping at `stop`. */
function removeEmptyUpTo(from: string, stop: string): void {
  for (let d = from; d !== stop && d.startsWith(stop); d = path.dirname(d)) {
    try {
      if (statSync(d).isDirectory()) rmdirSync(d);
    } catch {
      return;
    }
  }
}
