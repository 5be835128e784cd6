import { cp, mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { imageSize } from "image-size";
import { describe, expect, it } from "vitest";
import { buildSite, readTree, tempDir } from "./helpers/sites.js";

/**
 * Golden fixture sites: tests/fixtures/<case>/site is built and compared with
 * tests/fixtures/<case>/expected, file by file (theme assets excluded: they are copies).
 * Pagefind's scripts, styles and WebAssembly are left out too: copies from its package; the
 * search index itself (entry, metadata, index, fragments, filters) is compared.
 * Run with UPDATE_GOLDEN=1 to rewrite the expected trees after an intended change.
 */
const COPIED = /^(assets\/|pagefind\/(pagefind[\w-]*\.(js|css)$|wasm\.))/;
const IMAGE_COPY = /-\d+w\.(jpe?g|png|webp|avif)$/;
const pictureOf = (bytes: Buffer) => {
  const { type, width, height } = imageSize(bytes);
  return { type, width, height };
};
const FIXTURES = path.join(import.meta.dirname, "fixtures");
const update = process.env.UPDATE_GOLDEN === "1";
const cases = (await readdir(FIXTURES)).sort();

describe.each(cases)("golden fixture %s", (name) => {
  it("builds to exactly the expected files", async () => {
    const out = path.join(await tempDir(), "dist");
    const result = await buildSite(path.join(FIXTURES, name, "site"), { outDir: out });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.ok).toBe(true);
    const expectedDir = path.join(FIXTURES, name, "expected");
    if (update) {
      await rm(expectedDir, { recursive: true, force: true });
      await mkdir(expectedDir, { recursive: true });
      await cp(out, expectedDir, {
        recursive: true,
        filter: (src) => !COPIED.test(path.relative(out, src).split(path.sep).join("/")),
      });
    }
    const actual = await readTree(out);
    const expected = await readTree(expectedDir);
    const generated = [...actual.keys()].filter((f) => !COPIED.test(f));
    expect(generated).toEqual([...expected.keys()]);
    for (const [file, bytes] of expected) {
      // A smaller copy of a local image is compared as a picture (type and size): its bytes are
      // the image library's, which may encode differently on another CPU or version.
      if (IMAGE_COPY.test(file)) {
        expect(pictureOf(actual.get(file)!), file).toEqual(pictureOf(bytes));
        continue;
      }
      expect(actual.get(file)!.toString("utf8"), file).toBe(bytes.toString("utf8"));
    }
  });
});
