import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeCorpus } from "../bench/corpus.js";
import { largeSiteWings } from "../src/large-site/large-site.js";
import { readSources } from "../src/load/read-sources.js";
import type { ParseMany } from "../src/parse/parse-content.js";
import { buildInMemory, expectSameFiles, REPO_ROOT, tempDir, TEST_NOW } from "./helpers/sites.js";

describe("parsing on worker threads", () => {
  it("gives byte-identical output to parsing on the main thread", async () => {
    // Workers start from PARALLEL_THRESHOLD files; the threshold is lowered here so that a
    // corpus of 300 scoops (several batches per worker) goes through them.
    const root = await tempDir("curio-par-");
    const files = await writeCorpus(root, REPO_ROOT, {
      scoops: 300,
      topics: 4,
      curators: 6,
      tags: 20,
      seed: 7,
    });
    const sources = await readSources(root, path.join(REPO_ROOT, "templates"));
    expect(sources.content.length).toBeGreaterThan(files.length - 1);
    let parsedOnWorkers = 0;
    const workers = largeSiteWings({ scratchDir: root, jobs: 2, parallelFrom: 1 });
    const parseMany: ParseMany = (list, config, parseHere, keep) => {
      parsedOnWorkers += list.length;
      return workers.parseMany(list, config, parseHere, keep);
    };
    const one = await buildInMemory(sources);
    const two = await buildInMemory(sources, TEST_NOW, { parseMany });
    expect(parsedOnWorkers).toBe(sources.content.length);
    expect(one.result.ok && two.result.ok).toBe(true);
    expect([...two.files.keys()]).toEqual([...one.files.keys()]);
    expectSameFiles(two.files, one.files);
  }, 120_000);
});
