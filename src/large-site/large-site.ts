import type { ParseMany } from "../parse/parse-content.js";
import type { ExcerptStore } from "../render/excerpt-store.js";
import { ExcerptFile } from "./excerpt-file.js";
import type { MemoryPacer } from "./memory-pacer.js";
import { createMemoryPacer } from "./memory-pacer.js";
import { PARALLEL_THRESHOLD, parseInWorkers } from "./parse-pool.js";

/**
 * Digests with at least this many scoops keep their excerpts in a scratch file while building
 * (`ExcerptFile`): 4 MB of excerpts per 1,000 scoops is where memory starts to count, and below
 * it the file would be overhead.
 */
export const SPILL_THRESHOLD = 1000;

/** The wings a large site builds with: parse workers, excerpts on disk, paced collection. */
export interface LargeSiteWings {
  readonly parseMany: ParseMany;
  readonly excerpts: ExcerptStore;
  /**
   * A pace for one run of work (a build's rendering, a save of the cache): called between
   * units of it, it collects garbage once the site is large (see `createMemoryPacer`). Each run
   * gets a pacer of its own, whose first call collects what the previous run left.
   */
  readonly pace: () => () => void;
}

/** How the large-site machinery is set up. */
export interface LargeSiteOptions {
  /** Where the excerpt scratch file goes (the cache folder, or the system's temporary folder). */
  readonly scratchDir: string;
  /** Worker threads for parsing (1: parse on this thread). */
  readonly jobs: number;
  /** From how many excerpts on they move to a scratch file (default `SPILL_THRESHOLD`). */
  readonly spillFrom?: number | undefined;
  /** From how many files to parse on, workers are used (default `PARALLEL_THRESHOLD`). */
  readonly parallelFrom?: number | undefined;
}

/**
 * The one switch for large sites. Every part turns itself on only where it has been measured to
 * pay: workers from `PARALLEL_THRESHOLD` files to parse, the excerpt file and paced garbage
 * collection from `spillFrom` scoops. Below that, a build with these wings does what a plain
 * build does.
 */
export function largeSiteWings(options: LargeSiteOptions): LargeSiteWings {
  const excerpts = spillingExcerpts(options.scratchDir, options.spillFrom ?? SPILL_THRESHOLD);
  const parallelFrom = options.parallelFrom ?? PARALLEL_THRESHOLD;
  return {
    parseMany: (files, setup, parseHere, keep) =>
      options.jobs > 1 && files.length >= parallelFrom
        ? parseInWorkers(files, setup, options.jobs, { parseHere, keep })
        : Promise.resolve(files.map((f) => keep(parseHere(f)))),
    excerpts,
    pace: () => {
      let pacer: MemoryPacer | undefined;
      return () => {
        if (excerpts.spilled) (pacer ??= createMemoryPacer()).settle();
      };
    },
  };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An excerpt store that moves to a scratch file once it holds `from` excerpts. */
export interface SpillingExcerpts extends ExcerptStore {
  /** True once the excerpts are in the scratch file. */
  readonly spilled: boolean;
}

/**
 * Keeps excerpts in memory until there are `from` of them, then moves them all to an
 * `ExcerptFile` in `dir` and keeps the next ones there too. Where no file can be made (a
 * read-only folder), they stay in memory.
 */
export function spillingExcerpts(dir: string, from: number): SpillingExcerpts {
  const inMemory = new Map<string, string>();
  let file: ExcerptFile | undefined;
  let tried = false;
  const spill = () => {
    tried = true;
    file = ExcerptFile.open(dir);
    if (!file) return;
    for (const [f, html] of inMemory) file.put(f, html);
    inMemory.clear();
  };
  return {
    get spilled() {
      return file !== undefined;
    },
    put(f, html) {
      if (file) return file.put(f, html);
      // Bytes may be a view the caller reuses: kept as text (a copy).
      inMemory.set(f, typeof html === "string" ? html : decoder.decode(html));
      if (!tried && inMemory.size >= from) spill();
    },
    get: (f) => (file ? file.get(f) : (inMemory.get(f) ?? "")),
    getBytes: (f) => (file ? file.getBytes(f) : encoder.encode(inMemory.get(f) ?? "")),
    delete(f) {
      file?.delete(f);
      inMemory.delete(f);
    },
    close() {
      file?.close();
      file = undefined;
      tried = false;
      inMemory.clear();
    },
  };
}
