import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  resolveInside,
  UnsafeOutputPathError,
  writeSiteAtomically,
} from "../../src/write/write-site.js";
import { listFiles, tempDir } from "../helpers/sites.js";

describe("resolveInside", () => {
  it("refuses paths that would leave the output folder", () => {
    for (const bad of ["../x", "a/../../x", "/etc/passwd", "a\\..\\x", "", "a//b", "./a", "a\0b"]) {
      expect(() => resolveInside("/out", bad), bad).toThrow(UnsafeOutputPathError);
    }
    expect(resolveInside("/out", "topics/x/index.html")).toBe(
      path.resolve("/out/topics/x/index.html"),
    );
  });

  it("never resolves outside the folder, whatever the path (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "..", ".", "", "/", "\\", "b.html", "\u0000", "é"), {
          maxLength: 8,
        }),
        (parts) => {
          const p = parts.join("/");
          try {
            expect(resolveInside("/out", p).startsWith(path.resolve("/out") + path.sep)).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(UnsafeOutputPathError);
          }
        },
      ),
    );
  });
});

describe("writeSiteAtomically", () => {
  it("replaces the folder's contents only at the end", async () => {
    const out = path.join(await tempDir(), "dist");
    await mkdir(out);
    await writeFile(path.join(out, "stale.html"), "old");
    const r = await writeSiteAtomically(out, [
      { path: "index.html", content: "new" },
      { path: "a/b.xml", content: "<x/>" },
    ]);
    expect(r).toEqual({ written: 2, committed: true });
    expect(await listFiles(out)).toEqual(["a/b.xml", "index.html"]);
  });

  it("keeps the old folder when a write fails midway or the build says not to commit", async () => {
    const parent = await tempDir();
    const out = path.join(parent, "dist");
    await mkdir(out);
    await writeFile(path.join(out, "index.html"), "old");
    await expect(
      writeSiteAtomically(out, [
        { path: "index.html", content: "new" },
        { path: "../escape.html", content: "x" },
      ]),
    ).rejects.toThrow(UnsafeOutputPathError);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("old");
    const r = await writeSiteAtomically(out, [{ path: "index.html", content: "new" }], () => false);
    expect(r.committed).toBe(false);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("old");
    expect(await listFiles(parent)).toEqual(["dist/index.html"]);
  });
});
