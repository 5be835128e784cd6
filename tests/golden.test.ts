import { cp, mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite, readTree, tempDir } from "./helpers/sites.js";

/**
 * Golden fixture sites: tests/fixtures/<case>/site is built and compared with
 * tests/fixtures/<case>/expected, file by file (theme assets excluded: they are copies).
 * Run with UPDATE_GOLDEN=1 to rewrite the expected trees after an intended change.
 */
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
        filter: (src) => !src.startsWith(path.join(out, "assets")),
      });
    }
    const actual = await readTree(out);
    const expected = await readTree(expectedDir);
    const generated = [...actual.keys()].filter((f) => !f.startsWith("assets/"));
    expect(generated).toEqual([...expected.keys()]);
    for (const [file, bytes] of expected) {
      expect(actual.get(file)!.toString("utf8"), file).toBe(bytes.toString("utf8"));
    }
  });
});
