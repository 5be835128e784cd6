import { cp, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { BuildResult } from "../src/api.js";
import { build, Rebuilder } from "../src/api.js";
import { writeCorpus } from "../bench/corpus.js";
import { readTree, REPO_ROOT, tempDir, TEST_NOW } from "./helpers/sites.js";

/**
 * Incremental builds must give exactly the output of a cold build, and write exactly the files
 * whose bytes changed. The oracle: two cold builds (no cache), before and after the change.
 */
const TOPIC_DIR = "content/topics/social-media-and-healthcare";
const CHECKLIST = `${TOPIC_DIR}/2019-04-18-social-media-implementation-checklist.md`;
const deps = (curioVersion = "test") => ({ now: () => TEST_NOW, curioVersion });

async function copyOfExample(): Promise<string> {
  const root = await tempDir("curio-incr-");
  for (const item of ["content", "templates", "curio.config.yml"]) {
    await cp(path.join(REPO_ROOT, item), path.join(root, item), { recursive: true });
  }
  return root;
}

/** A cold build of `root` into a fresh folder, without any cache: the reference output. */
async function coldTree(root: string): Promise<Map<string, Buffer>> {
  const out = path.join(await tempDir("curio-cold-"), "dist");
  const r = await build(
    { root, outDir: out, cache: false, themeDir: path.join(root, "templates") },
    deps(),
  );
  expect(r.ok).toBe(true);
  return readTree(out);
}

/** Files whose bytes differ between two trees (added or changed), and files only in `before`. */
function diffTrees(before: Map<string, Buffer>, after: Map<string, Buffer>) {
  const changed = [...after]
    .filter(([f, b]) => !before.get(f)?.equals(b))
    .map(([f]) => f)
    .sort();
  const removed = [...before.keys()].filter((f) => !after.has(f)).sort();
  return { changed, removed };
}

let pristine: Promise<Map<string, Buffer>> | undefined;
/**
 * The cold output of the example as it is, built once: what `coldTree` gives for a copy that
 * nothing has changed yet (many tests compare with it before they change anything).
 */
const pristineTree = () => (pristine ??= copyOfExample().then(coldTree));

function expectSameTree(actual: Map<string, Buffer>, expected: Map<string, Buffer>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [file, bytes] of expected) expect(actual.get(file)!.equals(bytes), file).toBe(true);
}

const edits: [string, (root: string) => Promise<void>][] = [
  [
    "an edited scoop",
    async (root) => {
      const f = path.join(root, CHECKLIST);
      await writeFile(
        f,
        (await readFile(f, "utf8")).replace("Set goals first.", "Set your goals first."),
      );
    },
  ],
  [
    "a scoop whose title changed (its neighbours show it)",
    async (root) => {
      const f = path.join(root, CHECKLIST);
      await writeFile(
        f,
        (await readFile(f, "utf8")).replace(
          'title: "Social Media Implementation Checklist"',
          'title: "The Social Media Checklist"',
        ),
      );
    },
  ],
  [
    "a template",
    async (root) => {
      const f = path.join(root, "templates/scoop.eta");
      await writeFile(f, (await readFile(f, "utf8")).replace("Newer scoop", "Newer"));
    },
  ],
  [
    "the config",
    async (root) => {
      const f = path.join(root, "curio.config.yml");
      await writeFile(f, (await readFile(f, "utf8")).replace("pageSize: 20", "pageSize: 10"));
    },
  ],
  [
    "a curator",
    async (root) => {
      await writeFile(
        path.join(root, "content/curators/nrip.md"),
        "---\nname: Nrip Sharma\n---\nCurates health and social media.\n",
      );
    },
  ],
  [
    "a tag's shown spelling (most scoops now write it another way)",
    async (root) => {
      // Every scoop tagged "Strategy" but the checklist now says "strategy": the checklist's
      // file is unchanged, yet its pages must show the new spelling.
      const dir = path.join(root, TOPIC_DIR);
      for (const name of await (await import("node:fs/promises")).readdir(dir)) {
        const f = path.join(dir, name);
        if (f === path.join(root, CHECKLIST)) continue;
        const text = await readFile(f, "utf8");
        if (/^tags: .*\bStrategy\b/m.test(text))
          await writeFile(f, text.replace(/\bStrategy\b/, "strategy"));
      }
    },
  ],
  ["a deleted scoop", (root) => rm(path.join(root, CHECKLIST))],
  [
    "an added scoop",
    (root) =>
      writeFile(
        path.join(root, `${TOPIC_DIR}/2019-04-20-new-one.md`),
        "---\ntitle: A new one\ndate: 2019-04-20\ncurator: plus91\ntags: [Brand new tag]\n---\nFresh.\n",
      ),
  ],
  [
    "a renamed scoop (same slug, other date prefix)",
    (root) =>
      rename(
        path.join(root, CHECKLIST),
        path.join(root, `${TOPIC_DIR}/2019-04-10-social-media-implementation-checklist.md`),
      ),
  ],
];

describe.each(edits)("after %s, an incremental build", (_name, edit) => {
  it("gives exactly the cold build's output and writes exactly the changed files", async () => {
    const root = await copyOfExample();
    const out = path.join(root, "dist");
    const themeDir = path.join(root, "templates");
    expect((await build({ root, themeDir }, deps())).ok).toBe(true);
    const before = await pristineTree();
    expectSameTree(await readTree(out), before);

    await edit(root);
    const result = await build({ root, themeDir }, deps());
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const after = await coldTree(root);
    expectSameTree(await readTree(out), after);
    const { changed, removed } = diffTrees(before, after);
    expect([...result.written].sort()).toEqual(changed);
    expect([...result.deleted].sort()).toEqual(removed);
    expect(result.unchanged).toBe(after.size - changed.length);
    // A rename that keeps the slug changes no output at all; every other edit changes some.
    expect(changed.length > 0).toBe(!_name.startsWith("a renamed scoop"));
  });
});

describe("the cache is never trusted blindly", () => {
  async function builtTwice(
    mangle: (root: string) => Promise<void>,
    second = "test",
  ): Promise<{ root: string; result: BuildResult }> {
    const root = await copyOfExample();
    const themeDir = path.join(root, "templates");
    expect((await build({ root, themeDir }, deps())).ok).toBe(true);
    await mangle(root);
    return { root, result: await build({ root, themeDir }, deps(second)) };
  }

  it("a corrupted cache is ignored and rebuilt", async () => {
    const { root, result } = await builtTwice(async (r) => {
      await writeFile(path.join(r, ".curio-cache/content.bin"), "not a cache");
      const manifest = (await import("node:fs/promises")).readdir(path.join(r, ".curio-cache"));
      for (const f of await manifest)
        if (f.startsWith("manifest-")) await writeFile(path.join(r, ".curio-cache", f), "{broken");
    });
    expect(result.ok).toBe(true);
    expectSameTree(await readTree(path.join(root, "dist")), await pristineTree());
    expect(result.unchanged).toBe(0);
  });

  it("a truncated cache (a build killed while saving it) is ignored", async () => {
    const { root, result } = await builtTwice(async (r) => {
      const file = path.join(r, ".curio-cache/content.bin");
      const bytes = await readFile(file);
      await writeFile(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      await writeFile(
        path.join(r, CHECKLIST),
        "---\ntitle: Changed\ndate: 2019-04-18\ncurator: nrip\n---\nNew.\n",
      );
    });
    expect(result.ok).toBe(true);
    expectSameTree(await readTree(path.join(root, "dist")), await coldTree(root));
  });

  it("a cache from another Curio version is not trusted: every page is rendered again, and only changed bytes are written", async () => {
    const { root, result } = await builtTwice(async () => undefined, "another-version");
    expect(result.ok).toBe(true);
    expect(result.written).toEqual([]);
    expect(result.unchanged).toBeGreaterThan(100);
    expectSameTree(await readTree(path.join(root, "dist")), await pristineTree());
  });

  it("an output file deleted by hand makes the manifest untrusted, and comes back", async () => {
    const { root, result } = await builtTwice((r) => rm(path.join(r, "dist/tags/index.html")));
    expect(result.ok).toBe(true);
    expectSameTree(await readTree(path.join(root, "dist")), await pristineTree());
  });

  it("with nothing changed, nothing is written", async () => {
    const { result } = await builtTwice(async () => undefined);
    expect(result.written).toEqual([]);
    expect(result.deleted).toEqual([]);
    expect(result.unchanged).toBeGreaterThan(100);
  });
});

describe("Rebuilder.build(changedPaths), as curio serve drives it", () => {
  it("re-reads the changed file, rewrites exactly what changed, and keeps the output on errors", async () => {
    const root = await copyOfExample();
    const builder = new Rebuilder(
      { root, themeDir: path.join(root, "templates"), cache: false },
      deps(),
    );
    expect((await builder.build()).ok).toBe(true);
    const before = await pristineTree();

    const file = path.join(root, CHECKLIST);
    const original = await readFile(file, "utf8");
    await writeFile(file, original.replace("Set goals first.", "Set goals first, always."));
    const edited = await builder.build([file]);
    const after = await coldTree(root);
    // The pages are written at once; the search index once Pagefind has made it again.
    const pages = (paths: Iterable<string>) =>
      [...paths].filter((p) => !p.startsWith("pagefind/")).sort();
    expect(pages(edited.written)).toEqual(pages(diffTrees(before, after).changed));
    await builder.searchSettled();
    expectSameTree(await readTree(path.join(root, "dist")), after);
    expect(edited.written).toContain(
      "topics/social-media-and-healthcare/social-media-implementation-checklist/index.html",
    );

    await writeFile(file, original.replace("date: 2019-04-18", "date: April 18"));
    const broken = await builder.build([file]);
    expect(broken.ok).toBe(false);
    expectSameTree(await readTree(path.join(root, "dist")), after);

    await writeFile(file, original);
    const fixed = await builder.build([file]);
    expect(fixed.ok).toBe(true);
    await builder.searchSettled();
    expectSameTree(await readTree(path.join(root, "dist")), before);
  });
});

describe("curio serve's patched rebuilds", () => {
  const NEWEST = `${TOPIC_DIR}/2019-04-19-heres-the-simple-secret-to-apples-marketing-success.md`;
  const replaceIn = (file: string, from: string | RegExp, to: string) => async (root: string) => {
    const f = path.join(root, file);
    const text = await readFile(f, "utf8");
    const next = text.replace(from, to);
    expect(next, `${file} should contain ${String(from)}`).not.toBe(text);
    await writeFile(f, next);
  };
  // Each step edits one file; `patched` says whether the edit keeps the site's shape.
  const steps: [string, string, (root: string) => Promise<void>, boolean][] = [
    ["a body edit", CHECKLIST, replaceIn(CHECKLIST, "Set goals first.", "Set goals first!"), true],
    ["the same file again", CHECKLIST, replaceIn(CHECKLIST, "goals first!", "goals, first!"), true],
    [
      "a new title, shown by its neighbours and lists",
      CHECKLIST,
      replaceIn(CHECKLIST, /^title: .*$/m, 'title: "A Checklist, Renamed"'),
      true,
    ],
    [
      "a comment added",
      CHECKLIST,
      replaceIn(
        CHECKLIST,
        "comments:\n",
        "comments:\n  - author: Ann\n    date: 2019-04-21\n    text: Useful.\n",
      ),
      true,
    ],
    [
      "the topic's newest scoop (home and topic pages show it)",
      NEWEST,
      replaceIn(NEWEST, /^title: .*$/m, 'title: "Why It Matters"'),
      true,
    ],
    [
      "a new date (the lists reorder)",
      CHECKLIST,
      replaceIn(CHECKLIST, /^date: .*$/m, "date: 2019-03-01"),
      false,
    ],
    ["new tags", CHECKLIST, replaceIn(CHECKLIST, /^tags: .*$/m, "tags: [Checklists]"), false],
    [
      "the config's time zone (every file parses again)",
      "curio.config.yml",
      replaceIn("curio.config.yml", /^timezone: .*$/m, "timezone: Asia/Tokyo"),
      false,
    ],
    [
      "a body edit after a full rebuild",
      CHECKLIST,
      replaceIn(CHECKLIST, "Set goals", "Set clear goals"),
      true,
    ],
  ];

  /**
   * The cold output after each step. Both runs below make the same edits to a copy of the
   * example, so after a given step their inputs are the same: the cold build is made once.
   */
  const coldAfter = new Map<string, Promise<Map<string, Buffer>>>();

  // With excerpts spilled, patched scoops keep theirs in memory next to spilled ones.
  it.each([
    ["in memory", undefined],
    ["spilled to a scratch file", 0],
  ])(
    "give exactly a cold build's output, patching only when the site keeps its shape (excerpts %s)",
    async (_how, spillExcerptsFrom) => {
      const root = await copyOfExample();
      const builder = new Rebuilder(
        { root, themeDir: path.join(root, "templates") },
        { ...deps(), ...(spillExcerptsFrom === undefined ? {} : { spillExcerptsFrom }) },
      );
      expect((await builder.build()).ok).toBe(true);
      let before = await pristineTree();
      for (const [name, file, edit, patched] of steps) {
        await edit(root);
        const result = await builder.build([path.join(root, file)]);
        expect(result.ok, name).toBe(true);
        expect(result.mode === "patched", name).toBe(patched);
        if (!coldAfter.has(name)) coldAfter.set(name, coldTree(root));
        const after = await coldAfter.get(name)!;
        const changed = diffTrees(before, after).changed;
        if (patched) {
          // A patch writes the pages; the search index follows once Pagefind has made it.
          const pages = (paths: Iterable<string>) =>
            [...paths].filter((p) => !p.startsWith("pagefind/")).sort();
          expect(pages(result.written), name).toEqual(pages(changed));
          await builder.searchSettled();
        } else {
          expect([...result.written].sort(), name).toEqual(changed);
          expect(result.unchanged, name).toBe(after.size - result.written.length);
        }
        expectSameTree(await readTree(path.join(root, "dist")), after);
        before = after;
      }
      builder.close();
    },
  );

  it("renders only the routes that show the edited scoop", async () => {
    const root = await copyOfExample();
    const builder = new Rebuilder({ root, themeDir: path.join(root, "templates") }, deps());
    expect((await builder.build()).ok).toBe(true);
    await replaceIn(CHECKLIST, "Set goals first.", "Set goals first!")(root);
    const result = await builder.build([path.join(root, CHECKLIST)]);
    expect(result.mode).toBe("patched");
    const scoop =
      "topics/social-media-and-healthcare/social-media-implementation-checklist/index.html";
    expect(result.written).toContain(scoop);
    // Its page, its two neighbours, the lists and feeds it is in: nothing else.
    const rendered = result.ok ? result.rendered : undefined;
    expect(rendered).toBeGreaterThanOrEqual(result.written.length);
    expect(rendered).toBeLessThan(40);
  });

  it("a broken edit keeps the output, and the fix builds it again", async () => {
    const root = await copyOfExample();
    const builder = new Rebuilder({ root, themeDir: path.join(root, "templates") }, deps());
    expect((await builder.build()).ok).toBe(true);
    const before = await pristineTree();
    const file = path.join(root, CHECKLIST);
    const original = await readFile(file, "utf8");
    await writeFile(file, original.replace(/^title: .*$/m, "title: [unclosed"));
    const broken = await builder.build([file]);
    expect(broken.ok).toBe(false);
    expect(broken.mode).not.toBe("patched");
    expectSameTree(await readTree(path.join(root, "dist")), before);
    await writeFile(file, original.replace("Set goals first.", "Set goals first!"));
    const fixed = await builder.build([file]);
    expect(fixed.ok).toBe(true);
    await builder.searchSettled();
    expectSameTree(await readTree(path.join(root, "dist")), await coldTree(root));
  });
});

describe("a build with nothing changed since the last one", () => {
  const later = () => Date.now() + 3_600_000; // as if an hour had passed: no input is "just modified"

  it("answers from the last build's record, and sees any change to an input", async () => {
    const root = await copyOfExample();
    const themeDir = path.join(root, "templates");
    const first = await build({ root, themeDir }, { ...deps(), wallClock: later });
    expect(first.mode).not.toBe("up-to-date");
    const again = await build({ root, themeDir }, { ...deps(), wallClock: later });
    expect(again.mode).toBe("up-to-date");
    expect(again.written).toEqual([]);
    expect(again.unchanged).toBe(first.written.length);
    expect(again.stats).toEqual(first.stats);

    // Same size, new content: the modification time gives it away.
    const f = path.join(root, CHECKLIST);
    await writeFile(f, (await readFile(f, "utf8")).replace("Set goals first.", "Set goals first!"));
    const edited = await build({ root, themeDir }, { ...deps(), wallClock: later });
    expect(edited.mode).not.toBe("up-to-date");
    expect(edited.written.length).toBeGreaterThan(0);
    expectSameTree(await readTree(path.join(root, "dist")), await coldTree(root));
  });

  it("does not trust inputs modified just before the last scan", async () => {
    const root = await copyOfExample();
    const themeDir = path.join(root, "templates");
    await build({ root, themeDir }, deps());
    // The wall clock says the scan happened right after the files were written.
    const again = await build({ root, themeDir }, deps());
    expect(again.mode).not.toBe("up-to-date");
  });

  it("builds again once a scheduled scoop's time has come", async () => {
    const root = await copyOfExample();
    const themeDir = path.join(root, "templates");
    await writeFile(
      path.join(root, "content/topics/social-media-and-healthcare/2026-06-01-later.md"),
      "---\ntitle: Later\ndate: 2026-06-01\ncurator: nrip\n---\nScheduled.\n",
    );
    const first = await build({ root, themeDir }, { ...deps(), wallClock: later });
    expect(first.stats?.scheduled).toHaveLength(1);
    expect((await build({ root, themeDir }, { ...deps(), wallClock: later })).mode).toBe(
      "up-to-date",
    );
    const june = { ...deps(), now: () => Date.UTC(2026, 5, 2), wallClock: later };
    const live = await build({ root, themeDir }, june);
    expect(live.mode).not.toBe("up-to-date");
    expect(live.stats?.scheduled).toHaveLength(0);
    expect(live.written).toContain("topics/social-media-and-healthcare/later/index.html");
  });
});

describe("a cache larger than one read of its file", () => {
  it("gives every scoop back intact: an edit then builds exactly the cold build's tree", async () => {
    // 400 generated scoops make a cache file of several MB, read in 1 MB chunks.
    const root = await tempDir("curio-bigcache-");
    const files = await writeCorpus(root, REPO_ROOT, {
      scoops: 400,
      topics: 3,
      curators: 4,
      tags: 12,
      seed: 11,
    });
    const themeDir = path.join(REPO_ROOT, "templates");
    // Excerpts go to a scratch file as they are parsed and loaded; the cache reads them back.
    const spilling = { ...deps(), spillExcerptsFrom: 0 };
    expect((await build({ root, themeDir }, spilling)).ok).toBe(true);
    const edited = files[200]!;
    await writeFile(edited, (await readFile(edited, "utf8")).replace(/\n---\n/, "\n---\nNew.\n\n"));
    const result = await build({ root, themeDir }, spilling);
    expect(result.ok).toBe(true);
    expect(result.written.length).toBeLessThan(60);
    const out = path.join(await tempDir("curio-cold-"), "dist");
    expect((await build({ root, outDir: out, cache: false, themeDir }, deps())).ok).toBe(true);
    expectSameTree(await readTree(path.join(root, "dist")), await readTree(out));
  }, 60_000);
});
