import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Keeps a long run of rendering from piling up garbage: see `createMemoryPacer`. */
export interface MemoryPacer {
  /** Called between units of work: collects garbage when enough has piled up since last time. */
  settle(): void;
  /** How many full collections it ran. */
  readonly collections: number;
}

/** How much the heap and buffers may grow past what was live after the last collection. */
export interface PacerOptions {
  /** At least this many bytes (default 32 MB). */
  readonly minSlackBytes?: number;
  /** At least this share of what was live (default 0.25): a large site is not collected too often. */
  readonly slackRatio?: number;
  /** Bytes in use now (default: V8's heap plus buffers outside it). */
  readonly inUse?: () => number;
  /** Runs a full garbage collection (default: V8's, when the runtime allows it); null: none. */
  readonly collect?: (() => void) | null;
}

/**
 * Paces memory through rendering. Rendering a large site makes garbage steadily (every page's
 * strings and buffers), and V8 lets its old generation grow to about twice what is live before
 * it collects, so a 10,000-scoop build peaked 90–150 MB above what it needed, by a different
 * amount each run. The pacer runs a full collection when the heap and buffers have grown by the
 * slack since the last one (a mark-compact of a 10,000-scoop build's heap took 12–37 ms in
 * `--trace-gc`). A slack of 32 MB or a quarter of the live data peaked at 332–340 MiB against
 * 385–388 MiB with 64 MB or a half, in the same time (two pairs of cold builds).
 * Without a way to collect (a runtime that refuses `--expose-gc`), `settle` does nothing.
 */
export function createMemoryPacer(options: PacerOptions = {}): MemoryPacer {
  const minSlack = options.minSlackBytes ?? 32 * 1024 * 1024;
  const ratio = options.slackRatio ?? 0.25;
  const inUse = options.inUse ?? defaultInUse;
  const collect = options.collect === undefined ? fullCollection() : options.collect;
  let baseline: number | undefined;
  let collections = 0;
  return {
    settle() {
      if (!collect) return;
      const now = inUse();
      if (baseline !== undefined && now < baseline + Math.max(minSlack, baseline * ratio)) return;
      collect();
      collections++;
      baseline = inUse();
    },
    get collections() {
      return collections;
    },
  };
}

function defaultInUse(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

let collector: (() => void) | null | undefined;

/**
 * V8's full garbage collection, obtained once without flags on the command line: `--expose-gc`
 * is set only while a fresh context is made, which then holds `gc` (as Jest's leak detector
 * does), and unset again so nothing else sees it.
 */
function fullCollection(): (() => void) | undefined {
  if (collector !== undefined) return collector ?? undefined;
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === "function") return (collector = existing as () => void);
  try {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as unknown;
    collector = typeof gc === "function" ? (gc as () => void) : null;
  } catch {
    collector = null;
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
  return collector ?? undefined;
}
