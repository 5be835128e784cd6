import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";

/**
 * How long after a rebuild the files it read are checked once more. The watcher (chokidar)
 * reports a file's change and then drops that file's change events for 50 ms: a save in that
 * window is never reported, so only a look at the disk can see it.
 */
export const SETTLE_MS = 100;

/** Files up to this size are digested; larger ones (videos in `static/`) are stamped by stat only. */
const DIGEST_LIMIT = 16 * 1024 * 1024;

/**
 * What a file is on disk now: its identity, size and change times (in nanoseconds) and a digest
 * of its bytes; `missing` when it is gone. A save changes the stamp even when it keeps the size
 * and lands in the same tick of the file system's clock (the digest sees it). Folders and
 * special files are stamped by kind only (never read: a FIFO would block).
 */
export async function fileStamp(file: string): Promise<string> {
  const info = await stat(file, { bigint: true }).catch(() => undefined);
  if (!info) return "missing";
  if (info.isDirectory()) return "folder";
  if (!info.isFile()) return "special";
  const times = `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
  if (info.size > DIGEST_LIMIT) return times;
  return `${times}:${await digest(file).catch(() => "unreadable")}`;
}

function digest(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file, { end: DIGEST_LIMIT })
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("base64")));
  });
}

/**
 * Makes sure a rebuild did not read a file that changed again under it, or change right after
 * without the watcher saying so: `curio serve` must end on the last save. Each rebuild stamps
 * its changed files before it reads them (`before`); when it ends (`after`), and once more
 * `settleMs` later, the files are stamped again, and those that differ are reported to
 * `onStale` (which queues another rebuild of them). A file is forgotten once the later check
 * finds it unchanged.
 */
export class StaleCheck {
  /** The stamp of each file when the last rebuild that read it started. */
  private readonly expected = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private checks = 0;
  private rebuilding = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly onStale: (paths: string[]) => void,
    private readonly settleMs = SETTLE_MS,
  ) {}

  /** Stamps the files a rebuild is about to read (call it before the rebuild starts). */
  async before(paths: readonly string[]): Promise<void> {
    // The later check waits for this rebuild to end: files are forgotten only after the
    // settle time has passed since the last rebuild that read them.
    this.rebuilding++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const stamps = await stampAll(paths);
    paths.forEach((p, i) => this.expected.set(p, stamps[i]!));
  }

  /** Checks the files now that the rebuild is over, and again after the settle time. */
  async after(): Promise<void> {
    this.rebuilding = Math.max(0, this.rebuilding - 1);
    await this.check(false);
    if (this.stopped || this.rebuilding > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.check(true);
    }, this.settleMs);
  }

  /** True while a check is running or waiting, or a rebuild is between `before` and `after`. */
  get busy(): boolean {
    return this.timer !== undefined || this.checks > 0 || this.rebuilding > 0;
  }

  /** Resolves once no check is running or waiting. */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops checking (on shutdown). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.expected.clear();
    this.settle();
  }

  /** Reports the files that differ from their stamps; `last` forgets the unchanged ones. */
  private async check(last: boolean): Promise<void> {
    this.checks++;
    try {
      const was = [...this.expected];
      const now = await stampAll(was.map(([p]) => p));
      if (this.stopped) return;
      const stale: string[] = [];
      was.forEach(([p, stamp], i) => {
        // A rebuild that started meanwhile stamped the file again: that rebuild answers for it.
        if (this.expected.get(p) !== stamp) return;
        if (now[i] !== stamp) {
          stale.push(p);
          this.expected.delete(p); // the rebuild it gets stamps it again
        } else if (last && this.rebuilding === 0) {
          this.expected.delete(p);
        }
      });
      if (stale.length > 0) this.onStale(stale);
    } finally {
      this.checks--;
      this.settle();
    }
  }

  private settle(): void {
    if (!this.busy) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

/** Stamps files, a few at a time (a checkout can change thousands). */
async function stampAll(paths: readonly string[]): Promise<string[]> {
  const out: string[] = new Array<string>(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      out[i] = await fileStamp(paths[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, paths.length) }, worker));
  return out;
}
