import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeAtomically } from "../util/cache-files.js";
import type { LinkStatus } from "./check-link.js";

/** How long a link's answer is trusted: a day. */
export const LINK_CACHE_MS = 24 * 60 * 60 * 1000;

/** The cache file in `.curio-cache/`. */
export const LINK_CACHE_FILE = "links.json";

interface Entry extends LinkStatus {
  readonly checkedAt: number;
}

/**
 * What `curio check --links` found, by URL, kept a day in `.curio-cache/links.json`, so running
 * it again (or in a daily CI job) does not ask every site again. A damaged file is ignored.
 */
export class LinkCache {
  private readonly entries = new Map<string, Entry>();
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly now: number,
  ) {}

  /** The cache in `cacheDir`, as of `now`: entries older than a day are dropped. */
  static async open(cacheDir: string, now: number): Promise<LinkCache> {
    const cache = new LinkCache(path.join(cacheDir, LINK_CACHE_FILE), now);
    try {
      const data = JSON.parse(await readFile(cache.file, "utf8")) as {
        format?: string;
        links?: Record<string, Entry>;
      };
      if (data.format === "curio-links-1" && data.links)
        for (const [url, e] of Object.entries(data.links))
          if (
            typeof e?.checkedAt === "number" &&
            now - e.checkedAt < LINK_CACHE_MS &&
            now >= e.checkedAt
          )
            cache.entries.set(url, e);
    } catch {
      // None yet, or damaged: every link is checked.
    }
    return cache;
  }

  get(url: string): LinkStatus | undefined {
    const e = this.entries.get(url);
    if (!e) return undefined;
    return {
      state: e.state,
      detail: e.detail,
      ...(e.location === undefined ? {} : { location: e.location }),
    };
  }

  set(url: string, status: LinkStatus): void {
    this.entries.set(url, { ...status, checkedAt: this.now });
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    const links = Object.fromEntries([...this.entries].sort(([a], [b]) => (a < b ? -1 : 1)));
    await writeAtomically(
      this.file,
      `${JSON.stringify({ format: "curio-links-1", links }, null, 1)}\n`,
    );
    this.dirty = false;
  }
}
