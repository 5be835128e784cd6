import { describe, expect, it } from "vitest";
import { buildSite, STAGES, StageFailed } from "../../src/build.js";
import { readSources } from "../../src/load/read-sources.js";
import { memoryWriter } from "../../src/write/writer.js";
import {
  buildInMemory,
  buildSite as buildToFolder,
  readTree,
  REPO_ROOT,
  tempDir,
  TEST_NOW,
} from "../helpers/sites.js";
import path from "node:path";

describe("the recipe", () => {
  it("writes through the writer it is given: in memory, the same bytes as in the output folder", async () => {
    const sources = await readSources(REPO_ROOT);
    const { result, files } = await buildInMemory(sources);
    expect(result.ok && result.mode).toBe("full");
    const out = path.join(await tempDir(), "dist");
    expect((await buildToFolder(REPO_ROOT, { outDir: out, cache: false })).ok).toBe(true);
    const onDisk = await readTree(out);
    expect([...files.keys()].sort()).toEqual([...onDisk.keys()].sort());
    for (const [file, bytes] of onDisk)
      expect(Buffer.from(files.get(file)!).equals(bytes), file).toBe(true);
  });

  it("times every stage, in order", async () => {
    const { result } = await buildInMemory(await readSources(REPO_ROOT));
    expect(Object.keys(result.timings!)).toEqual([...STAGES]);
    for (const stage of STAGES) expect(result.timings![stage], stage).toBeGreaterThanOrEqual(0);
    expect(result.timings!.render).toBeGreaterThan(0);
  });

  it("wraps an unexpected failure with the stage it came from", async () => {
    const failure = buildSite(
      { root: REPO_ROOT, now: TEST_NOW },
      { load: () => Promise.reject(new TypeError("boom")), writer: memoryWriter() },
    );
    await expect(failure).rejects.toBeInstanceOf(StageFailed);
    await expect(failure).rejects.toMatchObject({
      stage: "load",
      message: "the load stage failed: boom",
    });
  });

  it("turns a file-system error into an io-error diagnostic, and writes nothing", async () => {
    const writer = memoryWriter();
    const gone = Object.assign(new Error("ENOENT: no such file"), {
      code: "ENOENT",
      path: "/nowhere/x",
    });
    const result = await buildSite(
      { root: REPO_ROOT, now: TEST_NOW },
      { load: () => Promise.reject(gone), writer },
    );
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["io-error"]);
    expect(writer.files.size).toBe(0);
  });

  it("does not write when a template fails, and reports the template", async () => {
    const sources = await readSources(REPO_ROOT);
    const theme = sources.theme.map((f) =>
      f.name === "tags.eta" ? { ...f, bytes: Buffer.from("<% it.page.nothing.here %>") } : f,
    );
    const { result, files } = await buildInMemory({ ...sources, theme });
    expect(result.ok).toBe(false);
    expect(
      result.diagnostics.some((d) => d.code === "template-error" && d.file?.endsWith("tags.eta")),
    ).toBe(true);
    expect(files.size).toBe(0);
  });
});
