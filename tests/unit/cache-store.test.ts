import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContentCache, saveContentCache } from "../../src/cache/cache-store.js";
import type { CachedParse, ContentCache } from "../../src/cache/content-cache.js";
import { tempDir } from "../helpers/sites.js";

/** A cache entry whose parse result is `size` characters of text (any shape is stored as is). */
function entry(i: number, size: number): [string, CachedParse] {
  const parsed = { kind: "scoop", html: `<p>${"é".repeat(size)}${i}</p>`, diagnostics: [] };
  return [`content/topics/t/${i}.md`, { digest: `d${i}`, parsed: parsed as never }];
}

async function saved(
  files: [string, CachedParse][],
): Promise<{ dir: string; cache: ContentCache }> {
  const dir = await tempDir("curio-cache-store-");
  const cache = { key: "k", files: new Map(files) };
  await saveContentCache(dir, "v1", cache);
  return { dir, cache };
}

describe("the content cache file", () => {
  it("loads back exactly what was saved, records larger than a read chunk included", async () => {
    // 3 MB and 1 MB records straddle the 1 MB read chunks; small ones fill the gaps.
    const files = [entry(0, 10), entry(1, 1_500_000), entry(2, 20), entry(3, 520_000), entry(4, 5)];
    const { dir, cache } = await saved(files);
    const loaded = await loadContentCache(dir, "v1");
    expect(loaded.key).toBe("k");
    expect([...loaded.files]).toEqual([...cache.files]);
  });

  it("keeps every record's byte arrays intact after reading the records behind it", async () => {
    // Stored scoops keep their excerpt as bytes: 3,000 records of 1 KB span several read chunks.
    const files: [string, CachedParse][] = Array.from({ length: 3000 }, (_, i) => [
      `content/topics/t/${i}.md`,
      {
        digest: `d${i}`,
        parsed: { file: `${i}.md`, bytes: new Uint8Array(1000).fill(i % 251) } as never,
      },
    ]);
    const { dir } = await saved(files);
    const loaded = await loadContentCache(dir, "v1");
    expect(loaded.files.size).toBe(3000);
    for (const [p, entry] of files) {
      const bytes = (loaded.files.get(p)!.parsed as unknown as { bytes: Uint8Array }).bytes;
      expect(
        Buffer.from(bytes).equals((entry.parsed as unknown as { bytes: Uint8Array }).bytes),
        p,
      ).toBe(true);
    }
  });

  it("is never trusted when it ends inside a record or has bytes after the last one", async () => {
    const { dir } = await saved([entry(0, 10), entry(1, 700_000), entry(2, 30)]);
    const file = path.join(dir, "content.bin");
    const bytes = await readFile(file);
    for (const cut of [1, 3, 4, 40, 600_000, bytes.length - 1]) {
      await writeFile(file, bytes.subarray(0, cut));
      expect((await loadContentCache(dir, "v1")).files.size, `cut at ${cut}`).toBe(0);
    }
    await writeFile(file, Buffer.concat([bytes, Buffer.from([1, 0, 0, 0, 0])]));
    expect((await loadContentCache(dir, "v1")).files.size).toBe(0);
    await writeFile(file, bytes);
    expect((await loadContentCache(dir, "v1")).files.size).toBe(3);
  });

  it("from another Curio version, or missing, is an empty cache", async () => {
    const { dir } = await saved([entry(0, 10)]);
    expect((await loadContentCache(dir, "v2")).files.size).toBe(0);
    expect((await loadContentCache(path.join(dir, "nowhere"), "v1")).files.size).toBe(0);
  });
});
