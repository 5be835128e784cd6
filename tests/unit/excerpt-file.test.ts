import { readdir } from "node:fs/promises";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { ExcerptFile } from "../../src/large-site/excerpt-file.js";
import { spillingExcerpts } from "../../src/large-site/large-site.js";
import { tempDir } from "../helpers/sites.js";

const opened: { close(): void }[] = [];
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
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(excerpt, { maxLength: 30 }), async (texts) => {
        run++;
        const names = texts.map((_, i) => `content/topics/t/${run}-${i}.md`);
        texts.forEach((html, i) => file.put(names[i]!, html));
        // Read back in reverse: the newest are still in the write buffer, the oldest on disk.
        for (let i = texts.length - 1; i >= 0; i--) expect(file.get(names[i]!)).toBe(texts[i]);
        // As the content cache saves and loads them: UTF-8 bytes out, and in again.
        for (let i = 0; i < texts.length; i++) {
          const bytes = file.getBytes(names[i]!);
          expect(Buffer.from(bytes).equals(Buffer.from(texts[i]!)), names[i]).toBe(true);
          file.put(`${names[i]!}.copy`, bytes);
          expect(file.get(`${names[i]!}.copy`)).toBe(texts[i]);
        }
        await Promise.resolve();
      }),
      { numRuns: 40 },
    );
  });

  it("reads many small excerpts back right, in any order, with more put between reads", async () => {
    const { file } = await openFile();
    // 2,000 excerpts of up to 300 bytes: several 64 KB blocks, many excerpts across two.
    const html = (i: number) => `<p>${"é".repeat(i % 97)}${i}</p>`;
    const name = (i: number) => `content/topics/t/${i}.md`;
    for (let i = 0; i < 2000; i++) file.put(name(i), html(i));
    const order = fc.sample(
      fc.shuffledSubarray([...Array(2000).keys()], { minLength: 2000 }),
      1,
    )[0]!;
    for (const i of order) expect(file.get(name(i))).toBe(html(i));
    // As in `curio serve`: a rebuild puts edited excerpts after pages were read.
    for (let i = 2000; i < 3000; i++) file.put(name(i), html(i));
    file.put(name(5), "<p>edited</p>");
    for (const i of order) expect(file.get(name(i))).toBe(i === 5 ? "<p>edited</p>" : html(i));
    for (let i = 2000; i < 3000; i++) expect(file.get(name(i))).toBe(html(i));
  });

  it("gives an empty excerpt for a file it does not hold, or forgot", async () => {
    const { file } = await openFile();
    file.put("a.md", "<p>a</p>");
    expect(file.get("b.md")).toBe("");
    file.delete("a.md");
    expect(file.get("a.md")).toBe("");
  });

  it("leaves no file behind: it is deleted while open, or on close", async () => {
    const { file, dir } = await openFile();
    file.put("a.md", "<p>a</p>");
    if (process.platform !== "win32") expect(await readdir(dir)).toEqual([]);
    file.close();
    expect(await readdir(dir)).toEqual([]);
    expect(() => file.put("b.md", "<p>b</p>")).toThrow(/closed/);
  });

  it("is not opened where it cannot be written", () => {
    expect(ExcerptFile.open("/dev/null/not-a-folder")).toBeUndefined();
  });
});

describe("excerpts that move to a scratch file", () => {
  it("stay in memory below the threshold, and move all at once when it is reached", async () => {
    const store = spillingExcerpts(await tempDir("curio-excerpts-"), 3);
    opened.push(store);
    store.put("a.md", "<p>a</p>");
    store.put("b.md", "<p>b</p>");
    expect(store.spilled).toBe(false);
    store.put("c.md", "<p>c</p>");
    expect(store.spilled).toBe(true);
    store.put("d.md", "<p>d</p>");
    for (const f of ["a", "b", "c", "d"]) expect(store.get(`${f}.md`)).toBe(`<p>${f}</p>`);
  });

  it("stay in memory where no scratch file can be made", () => {
    const store = spillingExcerpts("/dev/null/not-a-folder", 1);
    opened.push(store);
    store.put("a.md", "<p>a</p>");
    store.put("b.md", "<p>b</p>");
    expect(store.spilled).toBe(false);
    expect(store.get("a.md")).toBe("<p>a</p>");
  });
});
