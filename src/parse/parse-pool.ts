import { Worker } from "node:worker_threads";
import type { SourceFile } from "../load/read-sources.js";
import type { SiteConfig } from "../model.js";
import type { ParsedContent } from "../validate/content-file.js";
import type { ParseRequest } from "./parse-worker.js";

/**
 * Below this many files to parse, starting workers costs more than it saves: each loads the
 * parsers and warms them up on its own. Measured on a 2-core VM, one thread against two workers:
 * 1,000 files 2.4 s against 3.4 s, 2,000 files 4.8 s against 5.5 s, 4,000 files 10.2 s against 8.7 s.
 */
export const PARALLEL_THRESHOLD = 2500;

/**
 * Parsing allocates many short-lived trees. A young generation of 32 MB per worker was as fast
 * as 64 or 192 MB on 10,000 scoops (14.2 s against 14.5 s and 15.7 s) and kept the process's
 * peak at 530 MB instead of 600 or 800 MB.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 32 };

/** Files per message: big enough to amortize messaging, small enough to balance the load. */
const BATCH = 64;

/**
 * Parses files on `jobs` worker threads (markdown is most of a cold build's work), keeping the
 * input order. This thread only hands out batches and collects results: when it parsed too, its
 * heap held every intermediate tree next to the results (450 MB against 280 MB after parsing
 * 10,000 scoops) for no gain in time. Workers are started for this call and stopped at its end.
 */
export async function parseInWorkers(
  files: readonly SourceFile[],
  config: SiteConfig,
  jobs: number,
): Promise<ParsedContent[]> {
  const results: ParsedContent[] = new Array(files.length);
  const batches: { start: number; files: SourceFile[] }[] = [];
  for (let i = 0; i < files.length; i += BATCH)
    batches.push({ start: i, files: files.slice(i, i + BATCH) });
  const workers = Array.from({ length: Math.min(jobs, batches.length) }, () => startWorker());
  // Two requests in flight per worker: it starts the next batch at once, while this thread
  // takes in the previous answer.
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
  try {
    await Promise.all(workers.map(drain));
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
