import { describe, expect, it } from "vitest";
import type { SourceFile } from "../../src/load/read-sources.js";
import { createMarkdownRenderer } from "../../src/parse/markdown.js";
import { parseInWorkers, WORKER_MAX_FILE_BYTES } from "../../src/large-site/parse-pool.js";
import { validateConfig } from "../../src/parse/config-file.js";
import { parseFileSafely } from "../../src/parse/parse-file-safely.js";

describe("parse workers and memory", () => {
  const { config } = validateConfig(undefined, {});
  const markdown = createMarkdownRenderer(config!.origin, config!.basePath);
  const parseHere = (f: SourceFile) => parseFileSafely(f, { config: config!, markdown });
  const scoop = (name: string, body: string): SourceFile => ({
    path: `content/topics/t/${name}.md`,
    bytes: Buffer.from(`---\ntitle: ${name}\ndate: 2024-01-01\ncurator: ann\n---\n${body}`),
  });
  // Dense markdown: a 30 KB list made a worker capped at 40 MB run out of memory; a worker
  // capped at 20 MB still starts and parses small files.
  const dense = (n: number) => "- *a* [b](c) *d* `e` **f** [g](h)\n".repeat(n);
  const limits = { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 };
  /**
   * Parses on `jobs` workers with those small limits, counting the workers that ran out and
   * listing the files each result was kept for (every one, once, wherever it was parsed).
   */
  const parseCounting = async (files: SourceFile[], jobs: number) => {
    let outOfMemory = 0;
    const kept: string[] = [];
    const parsed = await parseInWorkers(files, { config: config!, plugins: [] }, jobs, {
      limits,
      parseHere,
      onOutOfMemory: () => outOfMemory++,
      keep: (p) => (kept.push(p.file), p),
    });
    expect(kept.sort()).toEqual(files.map((f) => f.path).sort());
    return { parsed, outOfMemory };
  };

  it("a worker that runs out of memory is replaced; its files are parsed here, the same", async () => {
    const files = [
      scoop("a", "Hello.\n"),
      scoop("list", dense(900)),
      scoop("c", "A [link](https://example.org/).\n"),
    ];
    expect(files[1]!.bytes.length).toBeLessThan(WORKER_MAX_FILE_BYTES);
    const { parsed, outOfMemory } = await parseCounting(files, 1);
    expect(outOfMemory).toBe(1);
    expect(parsed).toEqual(files.map(parseHere));
    // Only the warning its length gets (over `excerptWords`): no internal error.
    expect(parsed[1]!.diagnostics.map((d) => d.code)).toEqual(["long-excerpt"]);
  }, 60_000);

  it("files too big for a worker are parsed here, in their place", async () => {
    const files = [scoop("a", "Hello.\n"), scoop("big", dense(3000)), scoop("c", "Bye.\n")];
    expect(files[1]!.bytes.length).toBeGreaterThan(WORKER_MAX_FILE_BYTES);
    const { parsed, outOfMemory } = await parseCounting(files, 2);
    expect(outOfMemory).toBe(0);
    expect(parsed).toEqual(files.map(parseHere));
  }, 60_000);
});
