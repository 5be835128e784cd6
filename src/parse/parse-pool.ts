import { Worker } from "node:worker_threads";
import type { SourceFile } from "../load/read-sources.js";
import type { SiteConfig } from "../model.js";
import type { ParsedContent } from "../validate/content-file.js";
import type { ParseRequest } from "./parse-worker.js";

/** Below this many files to parse, starting workers costs more than it saves. */
export const PARALLEL_THRESHOLD = 400;

/**
 * Parsing allocates many short-lived trees: a larger young generation (V8's default semi-space
 * is 16 MB) makes the garbage collector run far less often (about 20% less time, measured).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 192 };

/** Files per message: big enough to amortize messaging, small enough to balance the load. */
const BATCH = 64;

/**
 * Parses files on `jobs` threads, this one and `jobs - 1` workers (markdown is most of a cold
 * build's work), keeping the input order. Workers are started for this call and stopped at its end.
 */
export async function parseInWorkers(
  files: readonly SourceFile[],
  config: SiteConfig,
  jobs: number,
  parseHere: (file: SourceFile) => ParsedContent,
): Promise<ParsedContent[]> {
  const results: ParsedContent[] = new Array(files.length);
  const batches: { start: number; files: SourceFile[] }[] = [];
  for (let i = 0; i < files.length; i += BATCH)
    batches.push({ start: i, files: files.slice(i, i + BATCH) });
  // The main thread parses too, so `jobs` threads work and only jobs - 1 heaps are added.
  const workers = Array.from({ length: Math.min(jobs - 1, batches.length) }, () => startWorker());
  // Two requests in flight per worker: it starts the next batch at once, even while this
  // thread is busy parsing its own and cannot answer.
  const drain = async (worker: Worker) => {
    const next = async (): Promise<void> => {
      const batch = batches.shift();
      if (!batch) return;
      const parsed = await request(worker, { id: batch.start, config, files: batch.files });
      parsed.forEach((p, k) => (results[batch.start + k] = p));
      return next();
    };
    await Promise.all([next(), next()]);
  };
  const here = async () => {
    // Give the workers their first batches, then take one at a time between their answers.
    await new Promise((resolve) => setImmediate(resolve));
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      batch.files.forEach((f, k) => (results[batch.start + k] = parseHere(f)));
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  try {
    await Promise.all([...workers.map(drain), here()]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) {
    return new Worker(new URL("./parse-worker.js", here), { resourceLimits: WORKER_LIMITS });
  }
  // Tests run the TypeScript sources: register tsx in the worker, then load the worker module.
  const tsx = import.meta.resolve("tsx/esm/api");
  const worker = new URL("./parse-worker.ts", here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}); });`;
  return new Worker(boot, { eval: true, resourceLimits: WORKER_LIMITS });
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
