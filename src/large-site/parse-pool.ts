import { Worker } from "node:worker_threads";
import type { ResourceLimits } from "node:worker_threads";
import type { SourceFile } from "../load/read-sources.js";
import type { ParseSetup } from "../parse/parse-content.js";
import type { ParsedContent } from "../parse/content-file.js";
import type { ParseRequest } from "./parse-worker.js";

/**
 * Below this many files to parse, starting workers costs more than it saves: each loads the
 * parsers and warms them up on its own. Measured on a 2-core VM, one thread against two workers:
 * 1,000 files 2.4 s against 3.4 s, 2,000 files 4.8 s against 5.5 s, 4,000 files 10.2 s against 8.7 s.
 */
export const PARALLEL_THRESHOLD = 2500;

/**
 * Heap limits of a parse worker. Parsing allocates many short-lived trees: a young generation of
 * 16 to 32 MB was as fast as 64 or 192 MB on 10,000 scoops. Without a cap on the old generation,
 * each worker's heap grew to about 130 MB of dead trees before V8 collected them; capped at 96 MB
 * it collects sooner, for the same time. Big files are parsed on this thread (see
 * `WORKER_MAX_FILE_BYTES`); should a smaller one still exhaust a worker, its batch is parsed here.
 */
export const WORKER_LIMITS: ResourceLimits = {
  maxYoungGenerationSizeMb: 16,
  maxOldGenerationSizeMb: 96,
};

/**
 * Files larger than this are parsed on this thread, after the workers. Parsing dense markdown
 * (a list of links and emphasis) took between 64 and 96 MB of heap for 60 KB, so a 32 KB file
 * is well within a worker's cap. Scoops are a few KB.
 */
export const WORKER_MAX_FILE_BYTES = 32 * 1024;

/** Files per message: big enough to amortize messaging, small enough to balance the load. */
const BATCH = 64;

/** How the pool runs; tests set small limits to make a worker run out of memory. */
export interface ParsePoolOptions {
  readonly limits?: ResourceLimits;
  /**
   * Parses one file on this thread: for a batch whose worker ran out of memory (this
   * thread's heap is not capped).
   */
  readonly parseHere: (file: SourceFile) => ParsedContent;
  /** Told each time a worker ran out of memory and its batches were parsed here. */
  readonly onOutOfMemory?: () => void;
  /**
   * What to keep of each result, applied as it arrives (a build moves excerpts to its excerpt
   * store here, so results do not pile up with them until the end).
   */
  readonly keep?: (parsed: ParsedContent) => ParsedContent;
}

/**
 * Parses files on `jobs` worker threads (markdown is most of a cold build's work), keeping the
 * input order. This thread only hands out batches and collects results: when it parsed too, its
 * heap held every intermediate tree next to the results (450 MB against 280 MB after parsing
 * 10,000 scoops) for no gain in time. Workers are started for this call and stopped at its end.
 * A worker that runs out of memory is replaced, and the batches it held are parsed here.
 */
export async function parseInWorkers(
  files: readonly SourceFile[],
  setup: ParseSetup,
  jobs: number,
  options: ParsePoolOptions,
): Promise<ParsedContent[]> {
  const limits = options.limits ?? WORKER_LIMITS;
  const keep = options.keep ?? ((parsed: ParsedContent) => parsed);
  const results: ParsedContent[] = new Array(files.length);
  const batches: { start: number; files: SourceFile[] }[] = [];
  const big: number[] = [];
  let batch: { start: number; files: SourceFile[] } | undefined;
  files.forEach((file, i) => {
    if (file.bytes.length > WORKER_MAX_FILE_BYTES) return void big.push(i);
    // A batch holds consecutive files: a big file ends it.
    if (!batch || batch.files.length === BATCH || batch.start + batch.files.length !== i) {
      batch = { start: i, files: [] };
      batches.push(batch);
    }
    batch.files.push(file);
  });
  const lanes = Array.from({ length: Math.min(jobs, batches.length) }, () => ({
    worker: startWorker(limits),
  }));
  // Two requests in flight per worker: it starts the next batch at once, while this thread
  // takes in the previous answer.
  const drain = async (lane: { worker: Worker }) => {
    const next = async (): Promise<void> => {
      const batch = batches.shift();
      if (!batch) return;
      const worker = lane.worker;
      let parsed: ParsedContent[];
      try {
        parsed = await request(worker, { id: batch.start, ...setup, files: batch.files });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ERR_WORKER_OUT_OF_MEMORY") throw e;
        // Both of its batches land here; the first to arrive replaces the worker.
        if (lane.worker === worker) {
          lane.worker = startWorker(limits);
          options.onOutOfMemory?.();
        }
        parsed = batch.files.map(options.parseHere);
      }
      parsed.forEach((p, k) => (results[batch.start + k] = keep(p)));
      return next();
    };
    await Promise.all([next(), next()]);
  };
  try {
    await Promise.all(lanes.map(drain));
  } finally {
    await Promise.all(lanes.map((lane) => lane.worker.terminate()));
  }
  for (const i of big) results[i] = keep(options.parseHere(files[i]!));
  return results;
}

function startWorker(resourceLimits: ResourceLimits): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) {
    return new Worker(new URL("./parse-worker.js", here), { resourceLimits });
  }
  // Tests run the TypeScript sources: register tsx in the worker, then load the worker module.
  const tsx = import.meta.resolve("tsx/esm/api");
  const worker = new URL("./parse-worker.ts", here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}

function request(worker: Worker, message: ParseRequest): Promise<ParsedContent[]> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: { id: number; results: ParsedContent[] }) => {
      if (answer.id !== message.id) return;
      cleanup();
      resolve(answer.results);
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    const cleanup = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.postMessage(message);
  });
}
