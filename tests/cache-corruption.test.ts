import { cp, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import type { Damage } from "./helpers/damage.js";
import { damaged, damageOf } from "./helpers/damage.js";
import { describe, expect, it } from "vitest";
import type { BuildDeps, BuildResult } from "../src/api.js";
import { build } from "../src/api.js";
import { runCli, startCurio } from "./helpers/run-cli.js";

/** Runs `curio <args>` in a child process: a native abort ends the child, not the test. */
const runChild = (args: readonly string[], cwd: string) => startCurio(args, cwd).done;
import { makeSite, readTree, tempDir, TEST_NOW } from "./helpers/sites.js";

/**
 * A damaged `.curio-cache/` must never crash a build nor change the site: every build with a
 * damaged cache gives a cold build's output, byte for byte (issue 12, defects 4 and 5).
 */

const KNOWN = "content/topics/alpha/2024-01-01-scoop-0.md";
/** The first paragraph of `KNOWN`: its excerpt's HTML holds it as `<p>…`. */
const KNOWN_TEXT = "Known excerpt: set goals first, then pick the channels that fit them.";
/** `KNOWN`'s page. */
const KNOWN_PAGE = "topics/alpha/scoop-0/index.html";
const OTHER = "content/topics/beta/2024-01-02-scoop-1.md";

/** A small digest: two topics, two curators, `scoops` scoops in varied markdown. */
function smallDigest(scoops: number): Record<string, string> {
  const files: Record<string, string> = {
    "content/curators/ann.md": "---\nname: Ann Lee\nurl: https://ann.example.com/\n---\nReads.\n",
    "content/curators/bo.md": "---\nname: Bo Park\n---\nWrites.\n",
    "content/topics/alpha/_topic.md": "---\ntitle: Alpha\ncurators: [ann, bo]\n---\nFirst.\n",
    "content/topics/beta/_topic.md": "---\ntitle: Beta\ncurators: [bo]\n---\nSecond.\n",
  };
  const bodies = [
    (i: number) =>
      `Paragraph ${i} with **bold**, _emphasis_ and a [link](https://example.com/${i}).`,
    (i: number) => `- first point ${i}\n- second point\n\nAnd then \`code ${i}\`.`,
    (i: number) => `### Heading ${i}\n\nQuoted “text” — with dashes, and é accents ${i}.`,
    (i: number) => `> A quote ${i}.\n\n1. one\n2. two\n\nClosing words.`,
  ];
  for (let i = 0; i < scoops; i++) {
    const topic = i % 2 === 0 ? "alpha" : "beta";
    const day = String(1 + (i % 28)).padStart(2, "0");
    const front = [
      `title: "Scoop number ${i}"`,
      `date: 2024-01-${day}T${String(i % 24).padStart(2, "0")}:00`,
      `curator: ${topic === "alpha" && i % 3 === 0 ? "ann" : "bo"}`,
      `tags: [Tag ${i % 5}, Shared]`,
      `url: https://source-${i % 4}.example.org/articles/${i}`,
      ...(i % 5 === 0 ? [`insight: "Why scoop ${i} matters."`] : []),
      ...(i % 7 === 3
        ? ["comments:", "  - author: Reader", "    date: 2024-02-01", `    text: Comment ${i}.`]
        : []),
    ];
    const body = i === 0 ? `${KNOWN_TEXT}\n\nMore.` : bodies[i % bodies.length]!(i);
    files[`content/topics/${topic}/2024-01-${day}-scoop-${i}.md`] =
      `---\n${front.join("\n")}\n---\n${body}\n`;
  }
  return files;
}

const deps = (extra: Partial<BuildDeps> = {}): BuildDeps => ({
  now: () => TEST_NOW,
  curioVersion: "test",
  ...extra,
});
const JOBS = { jobs: 1 };

/** The output tree without a write manifest (`.curio-manifest.json`) the folder may hold. */
async function siteTree(dir: string): Promise<Map<string, Buffer>> {
  const tree = await readTree(dir);
  for (const file of tree.keys())
    if (path.posix.basename(file) === ".curio-manifest.json") tree.delete(file);
  return tree;
}

/** A cold build of `root` (no cache) into a fresh folder: the reference output. */
async function coldBuild(
  root: string,
): Promise<{ tree: Map<string, Buffer>; result: BuildResult }> {
  const out = path.join(await tempDir("curio-cold-"), "dist");
  const result = await build({ root, outDir: out, cache: false, ...JOBS }, deps());
  expect(result.ok).toBe(true);
  return { tree: await siteTree(out), result };
}

function expectSameTree(actual: Map<string, Buffer>, expected: Map<string, Buffer>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [file, bytes] of expected) expect(actual.get(file)?.equals(bytes), file).toBe(true);
}

/** Diagnostics as comparable text, in a stable order. */
const diagnosticsOf = (r: BuildResult) => r.diagnostics.map((d) => JSON.stringify(d)).sort();

/** Anything under `root` named like a temporary file or staging folder. */
async function leftovers(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => /\.tmp\b|\.tmp-|\.tmp$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** Appends a sentence to a scoop: the next build must generate the site, not answer "unchanged". */
async function editOther(root: string): Promise<void> {
  const file = path.join(root, OTHER);
  await writeFile(file, `${await readFile(file, "utf8")}\nOne more sentence.\n`);
}

/** Where `text` is in the content cache file, as the UTF-8 bytes of the known excerpt's HTML. */
function excerptAt(bytes: Buffer, text: string): number {
  const at = bytes.indexOf(Buffer.from(`<p>${text}`));
  expect(at, "the known excerpt's HTML is in content.bin").toBeGreaterThan(0);
  return at + 3;
}

/**
 * Where each record's 4-byte length field is in a content cache file, in either framing: the
 * one at ca2d1d8 (`length | body`) or the checked one (`digest | length | body`). A record's
 * body is V8-serialized and starts with 0xFF.
 */
function lengthFields(bytes: Buffer): number[] {
  const checked = bytes.length > 25 && bytes[24] === 0xff && bytes.readUInt32LE(20) < 1000;
  const before = checked ? 20 : 0;
  const fields: number[] = [];
  for (let at = 0; at + before + 4 <= bytes.length;) {
    fields.push(at + before);
    at += before + 4 + bytes.readUInt32LE(at + before);
  }
  return fields;
}

describe("a damaged content cache", () => {
  it("with a record length of 3 GiB, the CLI builds (exit 0) the cold build's output", async () => {
    const root = await makeSite(smallDigest(12));
    // Only the build that reads the damaged cache runs in a child process: the build that
    // writes the cache and the reference build run here (the same CLI, the same cache key).
    const first = await runCli(["build", "--root", root, "--jobs", "1"], root);
    expect(first.code, first.err).toBe(0);
    const file = path.join(root, ".curio-cache/content.bin");
    const bytes = await readFile(file);
    const fields = lengthFields(bytes);
    expect(fields.length).toBeGreaterThan(10);
    bytes.writeUInt32LE(0xc000_0000, fields[1]!); // the first record after the header
    await writeFile(file, bytes);
    await editOther(root);

    const damaged = await runChild(["build", "--root", root, "--jobs", "1"], root);
    expect({ code: damaged.code, signal: damaged.signal }, damaged.stderr).toEqual({
      code: 0,
      signal: null,
    });
    const cold = path.join(await tempDir("curio-cold-"), "dist");
    const reference = await runCli(
      ["build", "--root", root, "--no-cache", "--out", cold, "--jobs", "1"],
      root,
    );
    expect(reference.code, reference.err).toBe(0);
    expectSameTree(await siteTree(path.join(root, "dist")), await siteTree(cold));
    expect(await leftovers(root)).toEqual([]);
  }, 60_000);

  it("with a record crafted to put a <script> in an excerpt, the page has no script", async () => {
    const root = await makeSite(smallDigest(6));
    expect((await build({ root, ...JOBS }, deps())).ok).toBe(true);
    const file = path.join(root, ".curio-cache/content.bin");
    const bytes = await readFile(file);
    // Same length, so the record's framing still holds: only its bytes say something else.
    const script = "<script>alert(1)</script>".padEnd(KNOWN_TEXT.length, " ");
    bytes.write(script, excerptAt(bytes, KNOWN_TEXT), "utf8");
    await writeFile(file, bytes);
    await rm(path.join(root, "dist"), { recursive: true }); // as in CI: the cache comes back, not dist/

    const result = await build({ root, ...JOBS }, deps());
    expect(result.ok).toBe(true);
    const tree = await siteTree(path.join(root, "dist"));
    expect(tree.get(KNOWN_PAGE)?.toString()).toContain(KNOWN_TEXT);
    expect(tree.get(KNOWN_PAGE)?.toString()).not.toContain("<script>alert(1)");
    for (const [name, content] of tree) expect(content.includes("alert(1)"), name).toBe(false);
    expectSameTree(tree, (await coldBuild(root)).tree);
  });

  it("with a single bit flipped in an excerpt, the build gives the cold build's bytes", async () => {
    const root = await makeSite(smallDigest(6));
    expect((await build({ root, ...JOBS }, deps())).ok).toBe(true);
    const file = path.join(root, ".curio-cache/content.bin");
    const bytes = await readFile(file);
    bytes[excerptAt(bytes, KNOWN_TEXT)]! ^= 0x20; // "Known" becomes "known"
    await writeFile(file, bytes);
    await rm(path.join(root, "dist"), { recursive: true });

    const result = await build({ root, ...JOBS }, deps());
    expect(result.ok).toBe(true);
    expectSameTree(await siteTree(path.join(root, "dist")), (await coldBuild(root)).tree);
  });
});

describe("the last build's record", () => {
  const later = () => Date.now() + 3_600_000; // as if an hour had passed: no input is "just modified"

  it("does not answer 'nothing changed' after a same-size edit whose mtime was set back", async () => {
    const root = await makeSite(smallDigest(6));
    const file = path.join(root, KNOWN);
    // A whole second, so the modification time set back below is exactly the one scanned.
    const mtime = new Date(Date.UTC(2024, 0, 1, 12, 0, 0));
    await utimes(file, mtime, mtime);
    expect((await build({ root, ...JOBS }, deps({ wallClock: later }))).ok).toBe(true);
    expect((await build({ root, ...JOBS }, deps({ wallClock: later }))).mode).toBe("up-to-date");

    const before = await stat(file);
    const text = await readFile(file, "utf8");
    const edited = text.replace("set goals first", "set GOALS first");
    expect(edited.length).toBe(text.length);
    await writeFile(file, edited);
    await utimes(file, mtime, mtime);
    const after = await stat(file);
    expect([after.size, after.mtimeMs, after.ino]).toEqual([
      before.size,
      before.mtimeMs,
      before.ino,
    ]);

    const result = await build({ root, ...JOBS }, deps({ wallClock: later }));
    expect(result.mode).not.toBe("up-to-date");
    expect(result.written.length).toBeGreaterThan(0);
    expectSameTree(await siteTree(path.join(root, "dist")), (await coldBuild(root)).tree);
  });
});

describe("the corrupted-cache property", () => {
  it("any damage to every cache file: no crash, a cold build's output, no temporary files", async () => {
    // A dozen scoops give the cache file a dozen records for the damage to land in; each run
    // is a whole build, so a larger digest only makes the runs slower.
    const root = await makeSite(smallDigest(12));
    const later = () => Date.now() + 3_600_000;
    const out = path.join(root, "dist");
    expect((await build({ root, ...JOBS }, deps({ wallClock: later }))).ok).toBe(true);
    const cacheDir = path.join(root, ".curio-cache");
    const names = (await readdir(cacheDir)).sort();
    expect(names).toContain("content.bin");
    const pristine = new Map<string, Buffer>();
    for (const name of names) pristine.set(name, await readFile(path.join(cacheDir, name)));
    const pristineOut = path.join(await tempDir("curio-pristine-"), "dist");
    await cp(out, pristineOut, { recursive: true });
    const cold = await coldBuild(root);
    expectSameTree(await siteTree(out), cold.tree);

    // content.bin is always damaged; the build record and manifest may also be kept intact.
    const damages = fc.record(
      Object.fromEntries(names.map((n) => [n, damageOf(n !== "content.bin")])) as Record<
        string,
        fc.Arbitrary<Damage>
      >,
    );
    await fc.assert(
      fc.asyncProperty(damages, fc.boolean(), async (damage, spill) => {
        await rm(cacheDir, { recursive: true, force: true });
        await rm(out, { recursive: true, force: true });
        await cp(pristineOut, out, { recursive: true });
        await mkdir(cacheDir, { recursive: true });
        for (const [name, bytes] of pristine)
          await writeFile(path.join(cacheDir, name), damaged(bytes, damage[name]!));

        const result = await build(
          { root, ...JOBS },
          deps({ wallClock: later, ...(spill ? { spillExcerptsFrom: 0 } : {}) }),
        );
        expect(result.ok).toBe(true);
        expect(diagnosticsOf(result)).toEqual(diagnosticsOf(cold.result));
        expectSameTree(await siteTree(out), cold.tree);
        expect(await leftovers(root)).toEqual([]);
      }),
      { numRuns: 30 },
    );
  }, 180_000);
});
