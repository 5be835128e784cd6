import { readdir } from "node:fs/promises";
import { deserialize, serialize } from "node:v8";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { ExcerptFile } from "../../src/cache/excerpt-file.js";
import type { Scoop } from "../../src/model.js";
import {
  copyScoop,
  inMemory,
  isInMemory,
  scoopOf,
  storeScoop,
} from "../../src/validate/stored-scoop.js";
import { scoop } from "../helpers/factories.js";
import { tempDir } from "../helpers/sites.js";

const opened: ExcerptFile[] = [];
async function openFile(): Promise<{ file: ExcerptFile; dir: string }> {
  const dir = await tempDir("curio-excerpts-");
  const file = ExcerptFile.open(dir);
  if (!file) throw new Error(`could not open an excerpt file in ${dir}`);
  opened.push(file);
  return { file, dir };
}
afterEach(() => {
  for (const f of opened.splice(0)) f.close();
});

/** Every field of `expected`, read through `actual` (inherited excerpt getters included). */
function expectSameScoop(actual: Scoop, expected: Scoop): void {
  for (const key of Object.keys(expected) as (keyof Scoop)[])
    expect(actual[key], key).toEqual(expected[key]);
}

describe("the excerpt file", () => {
  it("gives every excerpt back exactly, whether still buffered or written", async () => {
    const { file } = await openFile();
    // Graphemes cover multi-byte UTF-8; a few excerpts are larger than one 1 MB write.
    const excerpt = fc.oneof(
      { weight: 9, arbitrary: fc.string({ unit: "grapheme", maxLength: 300 }) },
      {
        weight: 1,
        arbitrary: fc.string({ minLength: 1, maxLength: 3 }).map((s) => s.repeat(400_000)),
      },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(excerpt, excerpt), { maxLength: 30 }), async (texts) => {
        const originals = texts.map(([excerptHtml, excerptText], i) =>
          scoop(`t/s${i}`, "2024-05-01", { excerptHtml, excerptText }),
        );
        const spilled = originals.map((o) => scoopOf(file.spill(storeScoop(o))));
        // Read back in reverse: the newest are still in the write buffer, the oldest on disk.
        for (let i = spilled.length - 1; i >= 0; i--) expectSameScoop(spilled[i]!, originals[i]!);
        await Promise.resolve();
      }),
      { numRuns: 40 },
    );
  });

  it("reads many small excerpts back right, in any order, with more spilled between reads", async () => {
    const { file } = await openFile();
    // 2,000 excerpts of up to 300 bytes: several 64 KB blocks, many excerpts across two.
    const make = (i: number) =>
      scoop(`t/s${i}`, "2024-05-01", {
        excerptHtml: `<p>${"é".repeat(i % 97)}${i}</p>`,
        excerptText: `${i} ${"x".repeat((i * 7) % 150)}`,
      });
    const originals = Array.from({ length: 2000 }, (_, i) => make(i));
    const spilled = originals.map((o) => scoopOf(file.spill(storeScoop(o))));
    const order = fc.sample(fc.shuffledSubarray([...originals.keys()], { minLength: 2000 }), 1)[0]!;
    for (const i of order) expectSameScoop(spilled[i]!, originals[i]!);
    // As in `curio serve`: a rebuild spills edited scoops after pages were read.
    const more = Array.from({ length: 1000 }, (_, i) => make(2000 + i));
    const spilledMore = more.map((o) => scoopOf(file.spill(storeScoop(o))));
    for (const i of order) expectSameScoop(spilled[i]!, originals[i]!);
    spilledMore.forEach((s, i) => expectSameScoop(s, more[i]!));
  });

  it("keeps only where each excerpt is: no excerpt text or bytes stay on the scoop", async () => {
    const { file } = await openFile();
    const kept = file.spill(storeScoop(scoop("t/a", "2024-05-01", { excerptHtml: "<p>“Hi”</p>" })));
    expect(isInMemory(kept)).toBe(false);
    expect(Object.keys(kept)).not.toContain("excerptHtml");
    expect(Object.keys(kept)).not.toContain("excerptBytes");
    expect(Object.keys(kept)).toEqual(expect.arrayContaining(["excerptAt", "excerptLength"]));
    expect(scoopOf(kept).excerptHtml).toBe("<p>“Hi”</p>");
    expect(file.spill(kept)).toBe(kept);
  });

  it("gives the bytes back for the content cache, without the excerpt's position", async () => {
    const { file } = await openFile();
    const original = scoop("t/a", "2024-05-01", { excerptHtml: "<p>é</p>", excerptText: "é" });
    const stored = inMemory(file.spill(storeScoop(original)));
    expect(isInMemory(stored)).toBe(true);
    expect(Object.keys(stored)).not.toContain("excerptAt");
    expectSameScoop(scoopOf(deserialize(serialize(stored)) as typeof stored), original);
  });

  it("keeps a spilled scoop's excerpt through a copy with changes", async () => {
    const { file } = await openFile();
    const spilled = scoopOf(file.spill(storeScoop(scoop("t/a", "2024-05-01"))));
    const copy = copyScoop(spilled, { curatorId: "bob" });
    expect(copy.curatorId).toBe("bob");
    expect(copy.excerptHtml).toBe("<p>Excerpt</p>");
  });

  it("leaves no file behind: it is deleted while open, or on close", async () => {
    const { file, dir } = await openFile();
    const spilled = scoopOf(file.spill(storeScoop(scoop("t/a", "2024-05-01"))));
    if (process.platform !== "win32") expect(await readdir(dir)).toEqual([]);
    file.close();
    expect(await readdir(dir)).toEqual([]);
    expect(() => spilled.excerptHtml).toThrow(/closed/);
  });

  it("is not opened where it cannot be written: the build keeps excerpts in memory", () => {
    expect(ExcerptFile.open("/dev/null/not-a-folder")).toBeUndefined();
  });
});
