import { mkdir, readdir, readFile, stat, symlink, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Route } from "../../src/plan/routes.js";
import type { RouteRenderer } from "../../src/write/write-incremental.js";
import { writeIncremental } from "../../src/write/write-incremental.js";
import { openOutputFolder } from "../../src/write/output-folder.js";
import { loadManifest, saveWriteRecord } from "../../src/write/write-manifest.js";
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

const EMPTY = { entries: new Map() };

/** The output folder as `openOutputFolder` finds it, for the writer. */
async function folderOf(out: string, clean = false, cacheDir?: string) {
  const opened = await openOutputFolder(out, "dist", cacheDir, "t", clean);
  if (!opened.ok) throw new Error(opened.diagnostic.message);
  return opened.folder;
}

describe("writeIncremental", () => {
  it("writes a new folder with the umask's modes, and a manifest of what it wrote", async () => {
    const out = path.join(await tempDir(), "dist");
    const { routes, renderer } = routesOf({ "index.html": "new", "a/b.xml": "<x/>" });
    const r = await writeIncremental(
      { dir: out, manifest: EMPTY, foreign: new Set(), listed: false },
      routes,
      renderer,
      {},
    );
    expect(r).toMatchObject({ committed: true, written: ["index.html", "a/b.xml"], deleted: [] });
    expect(await readdir(out)).toEqual(expect.arrayContaining([".curio-manifest.json"]));
    expect(await listFiles(out)).toEqual(["a/b.xml", "index.html"]);
    const umask = process.umask();
    expect((await stat(out)).mode & 0o777).toBe(0o777 & ~umask);
    expect((await stat(path.join(out, "a"))).mode & 0o777).toBe(0o777 & ~umask);
    expect((await stat(path.join(out, "index.html"))).mode & 0o777).toBe(0o666 & ~umask);
    const saved = JSON.parse(await readFile(path.join(out, ".curio-manifest.json"), "utf8"));
    expect(saved).toEqual({ format: "curio-output-manifest", files: ["a/b.xml", "index.html"] });
  });

  it("with a manifest, writes changed files, keeps unchanged ones, deletes vanished ones, and leaves files it did not write alone", async () => {
    const parent = await tempDir();
    const out = path.join(parent, "dist");
    const cache = path.join(parent, "cache");
    const first = routesOf({
      "index.html": "one",
      "old/page.html": "gone soon",
      "same.txt": "same",
    });
    const r1 = await writeIncremental(await folderOf(out), first.routes, first.renderer, {});
    if (!r1.committed) throw new Error("not committed");
    await saveWriteRecord(cache, out, "t", r1.manifest);
    await writeFile(path.join(out, "notes.md"), "mine");
    await writeFile(path.join(out, "old", "keep.txt"), "mine too");
    const second = routesOf({ "index.html": "two", "same.txt": "same", "new.txt": "new" });
    const r2 = await writeIncremental(
      await folderOf(out, false, cache),
      second.routes,
      second.renderer,
      {},
    );
    expect(r2).toMatchObject({
      committed: true,
      written: ["index.html", "new.txt"],
      deleted: ["old/page.html"],
      unchanged: 1,
    });
    expect(await listFiles(out)).toEqual([
      "index.html",
      "new.txt",
      "notes.md",
      "old/keep.txt",
      "same.txt",
    ]);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("two");
  });

  it("rewrites a file edited by hand, even a same-size edit with its times restored", async () => {
    const parent = await tempDir();
    const out = path.join(parent, "dist");
    const cache = path.join(parent, "cache");
    const site = routesOf({ "index.html": "original", "other.html": "other" });
    const r1 = await writeIncremental(await folderOf(out), site.routes, site.renderer, {});
    if (!r1.committed) throw new Error("not committed");
    await saveWriteRecord(cache, out, "t", r1.manifest);
    // Unchanged: nothing is written.
    const again = await writeIncremental(
      await folderOf(out, false, cache),
      site.routes,
      site.renderer,
      {},
    );
    expect(again).toMatchObject({ committed: true, written: [], unchanged: 2 });
    const file = path.join(out, "index.html");
    const before = await stat(file);
    await writeFile(file, "ORIGINAL");
    await utimes(file, before.atime, before.mtime);
    const r = await writeIncremental(
      await folderOf(out, false, cache),
      site.routes,
      site.renderer,
      {},
    );
    expect(r).toMatchObject({ committed: true, written: ["index.html"], unchanged: 1 });
    expect(await readFile(file, "utf8")).toBe("original");
  });

  it("trusts another Curio's record for bytes (hash, stat) but not for signatures", async () => {
    const parent = await tempDir();
    const out = path.join(parent, "dist");
    const cache = path.join(parent, "cache");
    const site = routesOf({ "index.html": "same" });
    const r1 = await writeIncremental(await folderOf(out), site.routes, site.renderer, {});
    if (!r1.committed) throw new Error("not committed");
    await saveWriteRecord(cache, out, "an older curio", r1.manifest);
    const load = await loadManifest(out, cache, "t");
    if (load.status !== "ok") throw new Error(load.status);
    const entry = load.manifest.entries.get("index.html")!;
    expect(entry.sig).toBe("");
    expect(entry.hash).toBe(r1.manifest.entries.get("index.html")!.hash);
    expect(load.allFresh).toBe(false);
    let rendered = 0;
    const counting = {
      ...site.renderer,
      render: (r: Route) => (rendered++, site.renderer.render(r)),
    };
    const r2 = await writeIncremental(await folderOf(out, false, cache), site.routes, counting, {});
    expect(rendered).toBe(1);
    expect(r2).toMatchObject({ committed: true, written: [], unchanged: 1 });
  });

  it("refuses to overwrite a file it did not write, and changes nothing", async () => {
    const out = path.join(await tempDir(), "dist");
    const first = routesOf({ "index.html": "one" });
    await writeIncremental(await folderOf(out), first.routes, first.renderer, {});
    await writeFile(path.join(out, "about.html"), "mine");
    const second = routesOf({ "index.html": "two", "about.html": "curio's" });
    const r = await writeIncremental(await folderOf(out), second.routes, second.renderer, {});
    expect(r).toEqual({ committed: false, reason: "conflict", conflicts: ["about.html"] });
    expect(await readFile(path.join(out, "about.html"), "utf8")).toBe("mine");
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("one");
    // --clean: every file present may be replaced.
    const r2 = await writeIncremental(
      await folderOf(out, true),
      second.routes,
      second.renderer,
      {},
    );
    expect(r2).toMatchObject({ committed: true });
    expect(await readFile(path.join(out, "about.html"), "utf8")).toBe("curio's");
  });

  it("keeps the old folder when a route fails to render or a path would escape", async () => {
    const parent = await tempDir();
    const out = path.join(parent, "dist");
    await mkdir(out);
    await writeFile(path.join(out, "index.html"), "old");
    const failing = routesOf({ "index.html": "new", "b.html": "FAIL" });
    expect(
      (await writeIncremental(await folderOf(out, true), failing.routes, failing.renderer, {}))
        .committed,
    ).toBe(false);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("old");
    const escaping = routesOf({ "index.html": "new", "../escape.html": "x" });
    await expect(
      writeIncremental(await folderOf(out, true), escaping.routes, escaping.renderer, {}),
    ).rejects.toThrow(UnsafeOutputPathError);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("old");
    expect(await listFiles(parent)).toEqual(["dist/index.html"]);
  });

  it("never writes through a symbolic link in the output folder", async () => {
    const parent = await tempDir();
    const out = path.join(parent, "dist");
    const outside = path.join(parent, "outside");
    await mkdir(out);
    await mkdir(outside);
    await symlink(outside, path.join(out, "topics"));
    const site = routesOf({ "topics/x/index.html": "x" });
    await expect(
      writeIncremental(await folderOf(out, true), site.routes, site.renderer, {}),
    ).rejects.toThrow(/symbolic link/);
    expect(await listFiles(outside)).toEqual([]);
  });
});
