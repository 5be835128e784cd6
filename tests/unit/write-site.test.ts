import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Route } from "../../src/plan/routes.js";
import type { RouteRenderer } from "../../src/write/write-incremental.js";
import { writeIncremental } from "../../src/write/write-incremental.js";
import { resolveInside, UnsafeOutputPathError } from "../../src/write/write-site.js";
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

/** Asset-like routes for the writer: content comes from a map, the signature from the content. */
function routesOf(files: Record<string, string>): { routes: Route[]; renderer: RouteRenderer } {
  const routes = Object.keys(files).map((p): Route => ({
    format: "asset",
    url: `/${p}`,
    outputPath: p,
    name: p,
    sources: [],
  }));
  return {
    routes,
    renderer: {
      signature: (r) => `${r.outputPath}:${files[r.outputPath]}`,
      render: (r) => (files[r.outputPath] === "FAIL" ? undefined : files[r.outputPath]),
    },
  };
}

describe("writeIncremental", () => {
  it("replaces a folder it has no manifest for as a whole, only at the end", async () => {
    const out = path.join(await tempDir(), "dist");
    await mkdir(out);
    await writeFile(path.join(out, "stale.html"), "old");
    const { routes, renderer } = routesOf({ "index.html": "new", "a/b.xml": "<x/>" });
    const r = await writeIncremental(out, routes, renderer, undefined);
    expect(r).toMatchObject({
      committed: true,
      written: ["index.html", "a/b.xml"],
      deleted: [],
      unchanged: 0,
    });
    expect(await listFiles(out)).toEqual(["a/b.xml", "index.html"]);
  });

  it("with a manifest, writes changed files, keeps unchanged ones, deletes vanished ones", async () => {
    const out = path.join(await tempDir(), "dist");
    const first = routesOf({
      "index.html": "one",
      "old/page.html": "gone soon",
      "same.txt": "same",
    });
    const r1 = await writeIncremental(out, first.routes, first.renderer, undefined);
    const manifest = {
      format: "curio-write-manifest" as const,
      curio: "t",
      outDir: out,
      entries: r1.manifest.entries,
    };
    const second = routesOf({ "index.html": "two", "same.txt": "same", "new.txt": "new" });
    const r2 = await writeIncremental(out, second.routes, second.renderer, manifest);
    expect(r2).toMatchObject({
      committed: true,
      written: ["index.html", "new.txt"],
      deleted: ["old/page.html"],
      unchanged: 1,
    });
    expect(await listFiles(out)).toEqual(["index.html", "new.txt", "same.txt"]);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("two");
  });

  it("keeps the old folder when a route fails to render or a path would escape", async () => {
    const parent = await tempDir();
    const out = path.join(parent, "dist");
    await mkdir(out);
    await writeFile(path.join(out, "index.html"), "old");
    const failing = routesOf({ "index.html": "new", "b.html": "FAIL" });
    expect(
      (await writeIncremental(out, failing.routes, failing.renderer, undefined)).committed,
    ).toBe(false);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("old");
    const escaping = routesOf({ "index.html": "new", "../escape.html": "x" });
    await expect(
      writeIncremental(out, escaping.routes, escaping.renderer, undefined),
    ).rejects.toThrow(UnsafeOutputPathError);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("old");
    expect(await listFiles(parent)).toEqual(["dist/index.html"]);
  });
});
