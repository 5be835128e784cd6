import { readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { damaged, damageOf } from "../helpers/damage.js";
import { describe, expect, it } from "vitest";
import { loadContentCache, saveContentCache } from "../../src/cache/cache-store.js";
import type { CachedParse, ContentCache } from "../../src/parse/content-cache.js";
import { spillingExcerpts } from "../../src/large-site/large-site.js";
import { memoryExcerpts } from "../../src/render/excerpt-store.js";
import { tempDir } from "../helpers/sites.js";

/** A cache entry whose parse result is `size` characters of text (any shape is stored as is). */
function entry(i: number, size: number): [string, CachedParse] {
  const parsed = { kind: "scoop", html: `<p>${"é".repeat(size)}${i}</p>`, diagnostics: [] };
  return [`content/topics/t/${i}.md`, { digest: `d${i}`, parsed: parsed as never }];
}

/** Where each record of a cache file ends (the header's first): a 20-byte digest, a length, the body. */
function frameEnds(bytes: Buffer): number[] {
  const ends: number[] = [];
  for (let at = 0; at + 24 <= bytes.length;) {
    at += 24 + bytes.readUInt32LE(at + 20);
    ends.push(at);
  }
  return ends;
}

async function saved(
  files: [string, CachedParse][],
): Promise<{ dir: string; cache: ContentCache }> {
  const dir = await tempDir("curio-cache-store-");
  const cache = { key: "k", files: new Map(files) };
  await saveContentCache(dir, "v1", cache, memoryExcerpts());
  return { dir, cache };
}

describe("the content cache file", () => {
  it("loads back exactly what was saved, records larger than a read chunk included", async () => {
    // 3 MB and 1 MB records straddle the 1 MB read chunks; small ones fill the gaps.
    const files = [entry(0, 10), entry(1, 1_500_000), entry(2, 20), entry(3, 520_000), entry(4, 5)];
    const { dir, cache } = await saved(files);
    const loaded = await loadContentCache(dir, "v1", memoryExcerpts());
    expect(loaded.key).toBe("k");
    expect([...loaded.files]).toEqual([...cache.files]);
  });

  it.each([
    ["in memory", () => memoryExcerpts()],
    ["in a scratch file", () => spillingExcerpts(tmpdir(), 0)],
  ])(
    "keeps a scoop's excerpt with its record, and gives it to the excerpt store on loading (%s)",
    async (_, store) => {
      const dir = await tempDir("curio-cache-store-");
      const scoopParse = (i: number) =>
        ({ file: `content/topics/t/${i}.md`, entity: { kind: "scoop" }, diagnostics: [] }) as never;
      const files = new Map<string, CachedParse>(
        Array.from({ length: 3000 }, (_, i) => [
          `content/topics/t/${i}.md`,
          { digest: `d${i}`, parsed: scoopParse(i) },
        ]),
      );
      const before = store();
      for (let i = 0; i < 3000; i++)
        before.put(`content/topics/t/${i}.md`, `<p>${"é".repeat(i % 300)}${i}</p>`);
      await saveContentCache(dir, "v1", { key: "k", files }, before);
      const after = store();
      const loaded = await loadContentCache(dir, "v1", after);
      expect([...loaded.files]).toEqual([...files]);
      for (let i = 0; i < 3000; i++) {
        const file = `content/topics/t/${i}.md`;
        expect(after.get(file), file).toBe(before.get(file));
      }
      before.close();
      after.close();
    },
  );

  it("keeps only the whole records before a cut, and ignores bytes after the last record", async () => {
    const { dir, cache } = await saved([entry(0, 10), entry(1, 700_000), entry(2, 30)]);
    const file = path.join(dir, "content.bin");
    const bytes = await readFile(file);
    const ends = frameEnds(bytes);
    for (const cut of [0, 1, 3, 4, 40, ends[0]! + 10, 600_000, bytes.length - 1]) {
      await writeFile(file, bytes.subarray(0, cut));
      const loaded = await loadContentCache(dir, "v1", memoryExcerpts());
      const whole = ends.slice(1).filter((end) => end <= cut).length;
      expect(loaded.files.size, `cut at ${cut}`).toBe(whole);
      expect([...loaded.files], `cut at ${cut}`).toEqual([...cache.files].slice(0, whole));
      if (whole > 0) expect(loaded.dirty, `cut at ${cut}`).toBe(true);
    }
    await writeFile(file, Buffer.concat([bytes, Buffer.from([1, 0, 0, 0, 0])]));
    expect([...(await loadContentCache(dir, "v1", memoryExcerpts())).files]).toEqual([
      ...cache.files,
    ]);
    await writeFile(file, bytes);
    const intact = await loadContentCache(dir, "v1", memoryExcerpts());
    expect(intact.files.size).toBe(3);
    expect(intact.dirty).toBeUndefined();
  });

  it("drops a record with a bit flipped anywhere in it, and keeps the others", async () => {
    const { dir, cache } = await saved([entry(0, 10), entry(1, 2000), entry(2, 30)]);
    const file = path.join(dir, "content.bin");
    const bytes = await readFile(file);
    const ends = frameEnds(bytes);
    // The digest, the length and the body of the second record (index 1 after the header).
    for (const at of [ends[1]!, ends[1]! + 20, ends[1]! + 24, ends[2]! - 1]) {
      for (const bit of [0, 7]) {
        const flipped = Buffer.from(bytes);
        flipped[at]! ^= 1 << bit;
        await writeFile(file, flipped);
        const loaded = await loadContentCache(dir, "v1", memoryExcerpts());
        const kept = [...cache.files].filter(([p]) => loaded.files.has(p));
        expect([...loaded.files], `bit ${bit} of byte ${at}`).toEqual(kept);
        expect(loaded.files.has("content/topics/t/1.md"), `bit ${bit} of byte ${at}`).toBe(false);
        expect(loaded.files.has("content/topics/t/0.md"), `bit ${bit} of byte ${at}`).toBe(true);
      }
    }
    // A flip in the header: nothing is trusted.
    for (const at of [0, 20, 30, ends[0]! - 1]) {
      const flipped = Buffer.from(bytes);
      flipped[at]! ^= 4;
      await writeFile(file, flipped);
      expect(
        (await loadContentCache(dir, "v1", memoryExcerpts())).files.size,
        `header byte ${at}`,
      ).toBe(0);
    }
  });

  it("reads no further than the file for a record length of 2 to 4 GiB", async () => {
    const { dir } = await saved([entry(0, 10), entry(1, 20), entry(2, 30)]);
    const file = path.join(dir, "content.bin");
    const bytes = await readFile(file);
    const ends = frameEnds(bytes);
    for (const length of [0x8000_0000, 0xc000_0000, 0xffff_ffff, bytes.length]) {
      const damaged = Buffer.from(bytes);
      damaged.writeUInt32LE(length, ends[1]! + 20);
      await writeFile(file, damaged);
      const loaded = await loadContentCache(dir, "v1", memoryExcerpts());
      expect([...loaded.files.keys()], `length ${length}`).toEqual(["content/topics/t/0.md"]);
    }
  });

  it("gives back only records exactly as saved, whatever the damage", async () => {
    const { dir, cache } = await saved(
      Array.from({ length: 12 }, (_, i) => entry(i, [5, 300, 40][i % 3]!)),
    );
    const file = path.join(dir, "content.bin");
    const bytes = await readFile(file);
    await fc.assert(
      fc.asyncProperty(damageOf(false), async (d) => {
        await writeFile(file, damaged(bytes, d));
        const loaded = await loadContentCache(dir, "v1", memoryExcerpts());
        for (const [p, e] of loaded.files) expect(e).toEqual(cache.files.get(p));
      }),
      { numRuns: 60 },
    );
  });

  it("does not take records written after another file's header", async () => {
    const a = await saved([entry(0, 10), entry(1, 20)]);
    const b = await saved([entry(0, 10), entry(1, 20)]);
    await saveContentCache(
      b.dir,
      "v1",
      { key: "another key", files: b.cache.files },
      memoryExcerpts(),
    );
    const aBytes = await readFile(path.join(a.dir, "content.bin"));
    const bBytes = await readFile(path.join(b.dir, "content.bin"));
    const spliced = Buffer.concat([
      bBytes.subarray(0, frameEnds(bBytes)[0]),
      aBytes.subarray(frameEnds(aBytes)[0]),
    ]);
    await writeFile(path.join(b.dir, "content.bin"), spliced);
    const loaded = await loadContentCache(b.dir, "v1", memoryExcerpts());
    expect(loaded.key).toBe("another key");
    expect(loaded.files.size).toBe(0);
  });

  it("a save that fails leaves the old file as it was, and no temporary file", async () => {
    const { dir, cache } = await saved([entry(0, 10)]);
    const before = await readFile(path.join(dir, "content.bin"));
    const unstorable = {
      key: "k",
      files: new Map([entry(1, 5), ["f.md", { digest: "d", parsed: { f: () => 1 } as never }]]),
    };
    await expect(saveContentCache(dir, "v1", unstorable, memoryExcerpts())).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["content.bin"]);
    expect((await readFile(path.join(dir, "content.bin"))).equals(before)).toBe(true);
    expect([...(await loadContentCache(dir, "v1", memoryExcerpts())).files]).toEqual([
      ...cache.files,
    ]);
  });

  it("from another Curio version, or missing, is an empty cache", async () => {
    const { dir } = await saved([entry(0, 10)]);
    expect((await loadContentCache(dir, "v2", memoryExcerpts())).files.size).toBe(0);
    expect(
      (await loadContentCache(path.join(dir, "nowhere"), "v1", memoryExcerpts())).files.size,
    ).toBe(0);
  });
});
