/**
 * Turns a burst of file events into one rebuild: paths are collected until `delayMs` pass
 * without a new one; only one rebuild runs at a time, and changes that arrive during it are
 * collected for exactly one more. A `git checkout` touching hundreds of files gives one rebuild.
 */
export class WatchBatcher {
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly rebuild: (paths: string[]) => Promise<void>,
    private readonly delayMs = 100,
  ) {}

  /** Records a changed path. */
  add(path: string): void {
    this.pending.add(path);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.delayMs);
  }

  /** True while a rebuild is running or waiting. */
  get busy(): boolean {
    return this.running !== undefined || this.timer !== undefined || this.pending.size > 0;
  }

  /** Resolves when no rebuild is running or waiting. */
  idle(): Promise<void> {
    if (!this.running && !this.timer && this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops the timer; pending paths are dropped. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private async flush(): Promise<void> {
    if (this.running) return; // the running rebuild picks the new paths up when it ends
    while (this.pending.size > 0) {
      const paths = [...this.pending];
      this.pending.clear();
      this.running = this.rebuild(paths);
      try {
        await this.running;
      } finally {
        this.running = undefined;
      }
    }
    if (!this.timer) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
