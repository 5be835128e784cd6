import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeCorpus } from "../bench/corpus.js";
import { build } from "../src/build.js";
import { PARALLEL_THRESHOLD } from "../src/parse/parse-pool.js";
import { readTree, REPO_ROOT, tempDir, TEST_NOW } from "./helpers/sites.js";

describe("parsing on worker threads", () => {
  it("gives byte-identical output to parsing on the main thread", async () => {
    const root = await tempDir("curio-par-");
    const files = await writeCorpus(root, REPO_ROOT, {
      scoops: PARALLEL_THRESHOLD + 50,
      topics: 4,
      curators: 6,
      tags: 20,
      seed: 7,
    });
    expect(files.length).toBeGreaterThan(PARALLEL_THRESHOLD);
    const outs = [path.join(root, "one"), path.join(root, "two")];
    const deps = { now: () => TEST_NOW, curioVersion: "test" };
    const themeDir = path.join(REPO_ROOT, "templates");
    const one = await build({ root, outDir: "one", jobs: 1, cache: false, themeDir }, deps);
    const two = await build({ root, outDir: "two", jobs: 2, cache: false, themeDir }, deps);
    expect(one.ok && two.ok).toBe(true);
    const [a, b] = await Promise.all(outs.map(readTree));
    expect([...b!.keys()]).toEqual([...a!.keys()]);
    for (const [f, bytes] of a!) expect(b!.get(f)!.equals(bytes), f).toBe(true);
  }, 120_000);
});
