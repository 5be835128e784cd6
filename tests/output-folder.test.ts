import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BASE_DIGEST } from "./helpers/corpus.js";
import { runCli } from "./helpers/run-cli.js";
import { build as buildApi } from "../src/api.js";
import { listFiles, makeSite, readTree, tempDir, TEST_NOW } from "./helpers/sites.js";

/** A digest with its own git repository, as curators keep them. */
async function digest(): Promise<string> {
  const root = await makeSite(BASE_DIGEST);
  mkdirSync(path.join(root, ".git", "objects"), { recursive: true });
  writeFileSync(path.join(root, ".git", "HEAD"), "ref: refs/heads/main\n");
  return root;
}

const build = (root: string, ...args: string[]) => runCli(["build", "--root", root, ...args], root);

describe("the output folder: Curio deletes and overwrites only what it wrote", () => {
  it("refuses a non-empty folder it has no record of (GitHub Pages' docs/), and loses nothing", async () => {
    const root = await digest();
    mkdirSync(path.join(root, "docs"));
    writeFileSync(path.join(root, "docs", "notes.md"), "my notes");
    const before = await readTree(path.join(root, "docs"));
    const r = await build(root, "--out", "docs");
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "error out-dir-not-empty: refusing to build into docs: it holds 1 file that Curio has no record of writing (such as docs/notes.md); Curio only overwrites and deletes files it wrote",
    );
    expect(r.err).toContain("run the build with --clean to replace everything in it");
    expect(await readTree(path.join(root, "docs"))).toEqual(before);
    expect(readdirSync(path.join(root, "docs"))).toEqual(["notes.md"]);
  });

  it("--clean replaces such a folder's files", async () => {
    const root = await digest();
    mkdirSync(path.join(root, "docs"));
    writeFileSync(path.join(root, "docs", "old.html"), "an old build");
    const r = await build(root, "--out", "docs", "--clean");
    expect(r.code).toBe(0);
    expect(existsSync(path.join(root, "docs", "old.html"))).toBe(false);
    expect(existsSync(path.join(root, "docs", "index.html"))).toBe(true);
  });

  it("after --clean on a folder with no record, the next build needs no --clean", async () => {
    const root = await digest();
    expect((await build(root)).code).toBe(0);
    // An earlier Curio's output: the same files, no record of them.
    rmSync(path.join(root, "dist", ".curio-manifest.json"));
    rmSync(path.join(root, ".curio-cache"), { recursive: true });
    expect((await build(root)).code).toBe(1);
    expect((await build(root, "--clean")).code).toBe(0);
    const r = await build(root);
    expect(r.code, r.err).toBe(0);
  });

  it("keeps files added to its folder by hand, deletes its own vanished pages, also with the cache lost", async () => {
    const root = await digest();
    expect((await build(root)).code).toBe(0);
    writeFileSync(path.join(root, "dist", "CNAME-by-hand.txt"), "mine");
    mkdirSync(path.join(root, "dist", "topics", "t", "mine"));
    writeFileSync(path.join(root, "dist", "topics", "t", "mine", "x.html"), "mine too");
    rmSync(path.join(root, ".curio-cache"), { recursive: true });
    // A new tag page appears and the pinned scoop's tag pages go: renamed tags.
    const scoop = path.join(root, "content/topics/t/2019-04-18-checklist.md");
    writeFileSync(
      scoop,
      readFileSync(scoop, "utf8").replace("tags: [Strategy, C,", "tags: [Plans,"),
    );
    const r = await build(root, "--verbose");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/deleted tags\/strategy\//);
    expect(readFileSync(path.join(root, "dist", "CNAME-by-hand.txt"), "utf8")).toBe("mine");
    expect(readFileSync(path.join(root, "dist/topics/t/mine/x.html"), "utf8")).toBe("mine too");
    expect(existsSync(path.join(root, "dist/tags/plans/index.html"))).toBe(true);
    expect(existsSync(path.join(root, "dist/tags/strategy/index.html"))).toBe(false);
  });

  it("refuses to overwrite a file it did not write, and changes nothing", async () => {
    const root = await digest();
    expect((await build(root)).code).toBe(0);
    mkdirSync(path.join(root, "dist", "tags", "plans"), { recursive: true });
    writeFileSync(path.join(root, "dist", "tags", "plans", "index.html"), "hand-made");
    const before = await readTree(path.join(root, "dist"));
    const scoop = path.join(root, "content/topics/t/2019-04-18-checklist.md");
    writeFileSync(scoop, readFileSync(scoop, "utf8").replace("tags: [Strategy,", "tags: [Plans,"));
    const r = await build(root);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "error out-file-conflict: a file in dist/ that Curio did not write would be overwritten: dist/tags/plans/index.html",
    );
    expect(await readTree(path.join(root, "dist"))).toEqual(before);
  });

  it("writes a deterministic record of its files into the folder", async () => {
    const a = await digest();
    const b = await digest();
    await build(a);
    await build(b);
    const record = readFileSync(path.join(a, "dist", ".curio-manifest.json"));
    expect(record).toEqual(readFileSync(path.join(b, "dist", ".curio-manifest.json")));
    const files = (JSON.parse(record.toString()) as { files: string[] }).files;
    expect(files).toEqual(await listFiles(path.join(a, "dist")));
  });

  it("gives the output folder and its folders the umask's modes, not 0700", async () => {
    const root = await digest();
    expect((await build(root)).code).toBe(0);
    const umask = process.umask();
    expect(statSync(path.join(root, "dist")).mode & 0o777).toBe(0o777 & ~umask);
    expect(statSync(path.join(root, "dist", "topics")).mode & 0o777).toBe(0o777 & ~umask);
    expect(statSync(path.join(root, "dist", "index.html")).mode & 0o777).toBe(0o666 & ~umask);
  });

  it("writes into the folder itself: it is never renamed away (a mount point stays)", async () => {
    const root = await digest();
    mkdirSync(path.join(root, "dist"));
    const inode = statSync(path.join(root, "dist")).ino;
    expect((await build(root)).code).toBe(0);
    const scoop = path.join(root, "content/topics/t/2019-04-18-checklist.md");
    writeFileSync(scoop, readFileSync(scoop, "utf8").replace("Set goals first.", "Set goals."));
    expect((await build(root)).code).toBe(0);
    expect(statSync(path.join(root, "dist")).ino).toBe(inode);
  });

  it("removes what interrupted builds left: stale staging folders, old .dist.tmp-* copies", async () => {
    const root = await digest();
    expect((await build(root)).code).toBe(0);
    const stale = path.join(root, "dist", ".curio-staging-999999999-AbC123");
    mkdirSync(path.join(stale, "new"), { recursive: true });
    writeFileSync(path.join(stale, "new", "index.html"), "junk");
    const legacy = path.join(root, ".dist.tmp-Xy12Zq");
    mkdirSync(legacy);
    writeFileSync(path.join(legacy, "index.html"), "junk");
    writeFileSync(path.join(root, "dist", ".curio-manifest.json.999999999.tmp"), "{");
    rmSync(path.join(root, ".curio-cache"), { recursive: true });
    expect((await build(root)).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(legacy)).toBe(false);
    expect(readdirSync(path.join(root, "dist")).filter((n) => n.startsWith("."))).toEqual([
      ".curio-manifest.json",
    ]);
  });
});

describe("hand edits in the output folder are noticed", () => {
  it("a same-size edit with its times restored is not answered 'nothing changed'", async () => {
    const root = await digest();
    // A clock past the racy window, so the record may answer "nothing changed".
    const deps = { now: () => TEST_NOW, wallClock: () => Date.now() + 60_000 };
    expect((await buildApi({ root }, deps)).ok).toBe(true);
    expect((await buildApi({ root }, deps)).mode).toBe("up-to-date");
    const page = path.join(root, "dist", "index.html");
    const original = readFileSync(page);
    const before = statSync(page);
    writeFileSync(page, Buffer.from(original.toString("latin1").toUpperCase(), "latin1"));
    utimesSync(page, before.atime, before.mtime);
    expect(statSync(page).size).toBe(before.size);
    const r = await buildApi({ root }, deps);
    expect(r.mode).not.toBe("up-to-date");
    expect(r.written).toEqual(["index.html"]);
    expect(readFileSync(page)).toEqual(original);
  });
});

describe("the output folder guard compares real paths", () => {
  it("refuses the digest reached through a symbolic link, and keeps the digest whole", async () => {
    const real = await digest();
    const link = path.join(await tempDir(), "link");
    symlinkSync(real, link);
    const before = await readTree(real);
    const r = await runCli(["build", "--root", link, "--out", real], link);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `error bad-out-dir: refusing to build into ${real}: it is the digest's own folder`,
    );
    expect(await readTree(real)).toEqual(before);
  });

  it.each([
    ["/", "it is the root of the file system"],
    ["..", "it holds the digest's own folder"],
    [".git", "it is a git repository's internal folder"],
    [".git/objects", "it is a git repository's internal folder"],
    ["content/topics", "it is or lies in the digest's content/ folder"],
    ["templates", "it is or lies in the digest's templates/ folder"],
    ["static/site", "it is or lies in the digest's static/ folder"],
    [".curio-cache", "it is the digest's cache folder"],
  ])("refuses --out %s", async (out, why) => {
    const root = await digest();
    mkdirSync(path.join(root, "static"), { recursive: true });
    mkdirSync(path.join(root, "templates"), { recursive: true });
    mkdirSync(path.join(root, ".curio-cache"), { recursive: true });
    const before = await readTree(root);
    const r = await build(root, "--out", out, "--clean");
    expect(r.code).toBe(1);
    expect(r.err).toContain(why);
    expect(await readTree(root)).toEqual(before);
  });

  it("refuses content/ reached through a link from outside, and a folder of someone else's", async () => {
    const root = await digest();
    const elsewhere = await tempDir();
    const alias = path.join(elsewhere, "alias");
    symlinkSync(path.join(root, "content"), alias);
    const r = await build(root, "--out", alias, "--clean");
    expect(r.code).toBe(1);
    expect(r.err).toContain("it is or lies in the digest's content/ folder");
    const sibling = path.join(elsewhere, "sibling");
    mkdirSync(sibling);
    writeFileSync(path.join(sibling, "thesis.tex"), "years of work");
    const r2 = await build(root, "--out", sibling);
    expect(r2.code).toBe(1);
    expect(r2.err).toContain("error out-dir-not-empty");
    expect(readdirSync(sibling)).toEqual(["thesis.tex"]);
  });
});

/** Whether this machine lets the tests mount a small tmpfs (root, with the capability). */
function canMount(): boolean {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return false;
  const dir = mkdtempSync(path.join(tmpdir(), "curio-mount-probe-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir], { stdio: "ignore" });
    execFileSync("umount", [dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts.reverse()) {
    try {
      execFileSync("umount", [m], { stdio: "ignore" });
    } catch {
      // already gone
    }
  }
});

describe.skipIf(!canMount())("file-system failures, on real mounts", () => {
  it("an output folder that is a mount point is written into (no EBUSY)", async () => {
    const root = await digest();
    const out = path.join(root, "dist");
    mkdirSync(out);
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", out]);
    mounts.push(out);
    const r = await build(root);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(path.join(out, "index.html"))).toBe(true);
  });

  it("a full disk gives io-error naming the path, exit 1, and the old site", async () => {
    const root = await digest();
    const out = path.join(root, "dist");
    mkdirSync(out);
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", out]);
    mounts.push(out);
    expect((await build(root)).code).toBe(0);
    const before = await readTree(out);
    // Fill the disk but for a few KB, then change every page (a new site title).
    const free = Number(
      execFileSync("df", ["--output=avail", "-B1", out]).toString().split("\n")[1],
    );
    execFileSync("fallocate", ["-l", String(free - 8192), path.join(out, "filler.bin")]);
    const cfg = path.join(root, "curio.config.yml");
    writeFileSync(cfg, readFileSync(cfg, "utf8").replace("Corpus digest", "Another title"));
    const r = await build(root);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /error io-error: could not write the site into dist\/\S+: the disk is full \(ENOSPC\)/,
    );
    expect(r.err).toContain("hint: free some disk space and build again");
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
    rmSync(path.join(out, "filler.bin"));
    expect(await readTree(out)).toEqual(before);
  });

  it("a read-only output folder gives io-error naming it, and the output as it was", async () => {
    const root = await digest();
    const out = path.join(root, "dist");
    expect((await build(root)).code).toBe(0);
    execFileSync("mount", ["--bind", out, out]);
    mounts.push(out);
    execFileSync("mount", ["-o", "remount,bind,ro", out]);
    const before = await readTree(out);
    const cfg = path.join(root, "curio.config.yml");
    writeFileSync(cfg, readFileSync(cfg, "utf8").replace("Corpus digest", "Another title"));
    const r = await build(root);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /error io-error: could not \S+ [^\n]*dist[^\n]*: the file system is read-only \(EROFS\)/,
    );
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
    expect(await readTree(out)).toEqual(before);
  });
});

/** Whether this machine can make a folder immutable (chattr +i: root on ext4, XFS, btrfs). */
function canChattr(): boolean {
  if (process.getuid?.() !== 0) return false;
  const dir = mkdtempSync(path.join(tmpdir(), "curio-chattr-probe-"));
  try {
    execFileSync("chattr", ["+i", dir], { stdio: "ignore" });
    execFileSync("chattr", ["-i", dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!canChattr())("a subfolder of the output that cannot be changed", () => {
  it("gives io-error naming it, and the whole output as it was (no half update)", async () => {
    const root = await digest();
    const out = path.join(root, "dist");
    expect((await build(root)).code).toBe(0);
    const sub = path.join(out, "topics", "t");
    const before = await readTree(out);
    const cfg = path.join(root, "curio.config.yml");
    writeFileSync(cfg, readFileSync(cfg, "utf8").replace("Corpus digest", "Another title"));
    execFileSync("chattr", ["+i", sub]);
    try {
      const r = await build(root);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(
        /error io-error: could not write the site into dist\/topics\/t\/\S+: the operation is not permitted \(EPERM\)/,
      );
      expect(await readTree(out)).toEqual(before);
    } finally {
      execFileSync("chattr", ["-i", sub]);
    }
    expect((await build(root)).code).toBe(0);
  });
});

describe("a file where a folder is needed", () => {
  it("gives io-error and undoes every move already made", async () => {
    const root = await digest();
    expect((await build(root)).code).toBe(0);
    const out = path.join(root, "dist");
    // A new tag whose page would go under a file Curio did not write.
    mkdirSync(path.join(out, "tags"), { recursive: true });
    rmSync(path.join(out, "tags"), { recursive: true });
    writeFileSync(path.join(out, "tags"), "a file where tags/ was");
    const before = await readTree(out);
    const cfg = path.join(root, "curio.config.yml");
    writeFileSync(cfg, readFileSync(cfg, "utf8").replace("Corpus digest", "Another title"));
    const r = await build(root);
    expect(r.code).toBe(1);
    expect(r.err).toContain("error io-error: could not write the site into dist/tags");
    expect(await readTree(out)).toEqual(before);
  });
});
