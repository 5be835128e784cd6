import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { build, Rebuilder } from "../src/api.js";
import type { ListingField } from "../src/plan/listing-fields.js";
import { LISTING_FIELDS } from "../src/plan/listing-fields.js";
import { readTree, tempDir, TEST_NOW } from "./helpers/sites.js";

/**
 * `curio serve` patches the output for an edit that keeps every listing field of a scoop
 * (`LISTING_FIELDS`), and builds the site again for any other. Either way the output must be a
 * cold build's: here one scoop of a small digest is edited, one field at a time (each listing
 * field, and fields that are only shown), and the patched output is compared byte for byte
 * with a cold build of the edited digest into a fresh folder.
 */

const TOPICS = ["t", "u"] as const;
const CURATORS = ["ann", "bob"] as const;
const TAGS = ["News", "Tips", "Research"] as const;

/** One scoop of the digest: `s<i>` in its topic, on day `day` of February 2024. */
interface ScoopSpec {
  topic: (typeof TOPICS)[number];
  day: number;
  curator: (typeof CURATORS)[number];
  tags: string[];
  pinned: boolean;
  draft: boolean;
  slug?: string;
  title: string;
  insight?: string;
  excerpt: string;
}

const scoopSpec: fc.Arbitrary<ScoopSpec> = fc.record({
  topic: fc.constantFrom(...TOPICS),
  day: fc.integer({ min: 1, max: 28 }),
  curator: fc.constantFrom(...CURATORS),
  tags: fc.subarray([...TAGS]),
  pinned: fc.boolean(),
  draft: fc.constant(false),
  title: fc.constantFrom("A title", "Another title", "Short"),
  excerpt: fc.constantFrom("Some words.", "Other words, *emphasised*."),
});

/** A digest of a dozen scoops; at most one pinned per topic. */
const digest = fc.array(scoopSpec, { minLength: 8, maxLength: 12 }).map((specs) => {
  const pinned = new Set<string>();
  return specs.map((s) => {
    const keep = s.pinned && !pinned.has(s.topic);
    if (keep) pinned.add(s.topic);
    return { ...s, pinned: keep };
  });
});

const fileOf = (s: ScoopSpec, i: number, name = `s${i}`) =>
  `content/topics/${s.topic}/2024-02-${String(s.day).padStart(2, "0")}-${name}.md`;

function scoopText(s: ScoopSpec): string {
  const lines = [
    `title: ${JSON.stringify(s.title)}`,
    `date: 2024-02-${String(s.day).padStart(2, "0")}`,
    `curator: ${s.curator}`,
    `tags: ${JSON.stringify(s.tags)}`,
    ...(s.pinned ? ["pinned: true"] : []),
    ...(s.draft ? ["draft: true"] : []),
    ...(s.slug === undefined ? [] : [`slug: ${s.slug}`]),
    ...(s.insight === undefined ? [] : [`insight: ${JSON.stringify(s.insight)}`]),
  ];
  return `---\n${lines.join("\n")}\n---\n${s.excerpt}\n`;
}

async function writeDigest(root: string, scoops: readonly ScoopSpec[]): Promise<void> {
  const files: Record<string, string> = {
    "curio.config.yml":
      "title: Patch digest\nbaseUrl: https://example.org/\ntimezone: UTC\npageSize: 3\nfeeds:\n  items: 4\n",
    "content/curators/ann.md": "---\nname: Ann\n---\nAnn scoops.\n",
    "content/curators/bob.md": "---\nname: Bob\n---\n",
    "content/topics/t/_topic.md": "---\ntitle: Topic T\ncurators: [ann, bob]\n---\n",
    "content/topics/u/_topic.md":
      "---\ntitle: Topic U\ndescription: All of U\ncurators: [ann, bob]\n---\n",
  };
  scoops.forEach((s, i) => (files[fileOf(s, i)] = scoopText(s)));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
}

/**
 * An edit of scoop `i` (`n` varies it): which scoop's file it changes (`at`, `i` unless said),
 * the scoop as it is after it, and the file's new path if it moves.
 */
type Edit = (
  scoops: readonly ScoopSpec[],
  i: number,
  n: number,
) => { at?: number; spec: ScoopSpec; moveTo?: string };

const other = <T>(list: readonly T[], value: T) => list.find((v) => v !== value)!;

/** For every listing field, an edit of a scoop file that changes it. */
const LISTING_EDITS: { readonly [F in ListingField]: Edit } = {
  // A new file name, the same bytes: a new slug, so a new id and URL.
  id: (scoops, i) => ({ spec: scoops[i]!, moveTo: fileOf(scoops[i]!, i, `s${i}-renamed`) }),
  slug: (scoops, i) => ({ spec: { ...scoops[i]!, slug: `moved-${i}` } }),
  // Into the other topic's folder (its pinned state would clash there: it is left unpinned).
  topicId: (scoops, i) => {
    const s = scoops[i]!;
    const spec = { ...s, topic: other(TOPICS, s.topic), pinned: false };
    return { spec, moveTo: fileOf(spec, i) };
  },
  // A new file name with the old slug: only the file changes.
  file: (scoops, i) => ({
    spec: { ...scoops[i]!, slug: `s${i}` },
    moveTo: fileOf(scoops[i]!, i, `s${i}-file`),
  }),
  date: (scoops, i, n) => ({ spec: { ...scoops[i]!, day: ((scoops[i]!.day - 1 + n) % 28) + 1 } }),
  curatorId: (scoops, i) => ({
    spec: { ...scoops[i]!, curator: other(CURATORS, scoops[i]!.curator) },
  }),
  tags: (scoops, i, n) => {
    const tags = scoops[i]!.tags;
    const tag = TAGS[n % TAGS.length]!;
    return {
      spec: {
        ...scoops[i]!,
        tags: tags.includes(tag) ? tags.filter((t) => t !== tag) : [...tags, tag],
      },
    };
  },
  // Pinned where the topic has no pinned scoop; otherwise the topic's pinned scoop is unpinned.
  pinned: (scoops, i) => {
    const s = scoops[i]!;
    const pinnedOne = scoops.findIndex((o) => o.topic === s.topic && o.pinned);
    return pinnedOne === -1
      ? { spec: { ...s, pinned: true } }
      : { at: pinnedOne, spec: { ...scoops[pinnedOne]!, pinned: false } };
  },
  draft: (scoops, i) => ({ spec: { ...scoops[i]!, draft: true } }),
};

/** The newest scoop of scoop `i`'s topic (the latest of its day, when several share it). */
const newestInTopic = (scoops: readonly ScoopSpec[], i: number) =>
  scoops.reduce(
    (best, s, j) => (s.topic === scoops[i]!.topic && s.day >= scoops[best]!.day ? j : best),
    i,
  );

/** Edits of fields that are only shown: these are patched. */
const SHOWN_EDITS: Record<"title" | "newest title" | "insight" | "excerpt", Edit> = {
  title: (scoops, i, n) => ({ spec: { ...scoops[i]!, title: `Retitled ${n}` } }),
  // A topic's newest scoop is shown by the home page's and /topics/' topic cards too.
  "newest title": (scoops, i, n) => {
    const at = newestInTopic(scoops, i);
    return { at, spec: { ...scoops[at]!, title: `Retitled ${n}` } };
  },
  insight: (scoops, i, n) => ({ spec: { ...scoops[i]!, insight: `My *view*, ${n}.` } }),
  excerpt: (scoops, i, n) => ({ spec: { ...scoops[i]!, excerpt: `New words, ${n}.` } }),
};

const deps = { now: () => TEST_NOW, curioVersion: "test" };

async function patchedEqualsCold(
  scoops: readonly ScoopSpec[],
  edit: Edit,
  i: number,
  n: number,
  inspect?: (outDir: string) => Promise<void>,
): Promise<boolean | undefined> {
  const root = await tempDir("curio-patch-");
  await writeDigest(root, scoops);
  const outDir = path.join(await tempDir("curio-patch-out-"), "dist");
  const builder = new Rebuilder({ root, outDir, cache: true }, deps);
  try {
    expect((await builder.build()).ok).toBe(true);

    const { at = i, spec, moveTo } = edit(scoops, i, n);
    const before = fileOf(scoops[at]!, at);
    const after = moveTo ?? before;
    if (moveTo !== undefined) {
      await mkdir(path.dirname(path.join(root, after)), { recursive: true });
      await rename(path.join(root, before), path.join(root, after));
    }
    await writeFile(path.join(root, after), scoopText(spec));
    const changed = [...new Set([before, after])].map((f) => path.join(root, f));
    const result = await builder.build(changed);
    expect(result.ok).toBe(true);
    await builder.searchSettled(); // a patch writes the search index after the pages

    const coldOut = path.join(await tempDir("curio-cold-"), "dist");
    const cold = await build({ root, outDir: coldOut, cache: false }, deps);
    expect(cold.ok).toBe(true);
    const actual = await readTree(outDir);
    const expected = await readTree(coldOut);
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [file, bytes] of expected) expect(actual.get(file)!.equals(bytes), file).toBe(true);
    await inspect?.(outDir);
    return result.mode === "patched";
  } finally {
    builder.close();
  }
}

const run = fc.tuple(digest, fc.nat(), fc.integer({ min: 1, max: 27 }));

/** Each edit, and whether the patch path takes it. */
const CASES: [string, Edit, boolean][] = [
  ...LISTING_FIELDS.map((f): [string, Edit, boolean] => [
    `the listing field ${f}: built again`,
    LISTING_EDITS[f],
    false,
  ]),
  ...Object.entries(SHOWN_EDITS).map(([f, edit]): [string, Edit, boolean] => [
    `${f}, which is only shown: patched`,
    edit,
    true,
  ]),
];

describe("an edit under curio serve's patch path gives a cold build's output", () => {
  it.each(CASES)("an edit of %s", async (_name, edit, patched) => {
    await fc.assert(
      fc.asyncProperty(run, async ([scoops, which, n]) => {
        const result = await patchedEqualsCold(scoops, edit, which % scoops.length, n);
        expect(result ?? false).toBe(patched);
      }),
      { numRuns: 2 },
    );
  });
});

describe("the index pages (issue 14) under the patch path", () => {
  // Days are distinct, so each topic's newest scoop is plain: s2 in t, s3 in u.
  const scoops: ScoopSpec[] = [
    {
      topic: "t",
      day: 3,
      curator: "ann",
      tags: ["News"],
      pinned: true,
      draft: false,
      title: "A title",
      excerpt: "Some words.",
    },
    {
      topic: "t",
      day: 5,
      curator: "bob",
      tags: [],
      pinned: false,
      draft: false,
      title: "Short",
      excerpt: "Some words.",
    },
    {
      topic: "t",
      day: 9,
      curator: "ann",
      tags: ["Tips"],
      pinned: false,
      draft: false,
      title: "Another title",
      excerpt: "Some words.",
    },
    {
      topic: "u",
      day: 7,
      curator: "bob",
      tags: ["News"],
      pinned: false,
      draft: false,
      title: "A title",
      excerpt: "Some words.",
    },
  ];
  const read = (outDir: string, rel: string) => readFile(path.join(outDir, rel), "utf8");

  it("re-renders /topics/ and the home page when a topic's newest scoop is retitled", async () => {
    const patched = await patchedEqualsCold(scoops, SHOWN_EDITS.title, 2, 1, async (outDir) => {
      for (const page of ["topics/index.html", "index.html"]) {
        expect(await read(outDir, page), page).toContain(">Retitled 1</a>");
      }
      expect(await read(outDir, "curators/index.html")).toContain("Topic T");
      expect(await read(outDir, "subscribe/index.html")).toContain("Topic U");
    });
    expect(patched).toBe(true);
  });

  it("builds again when an edit changes what /curators/ shows (a scoop's curator)", async () => {
    const patched = await patchedEqualsCold(
      scoops,
      LISTING_EDITS.curatorId,
      3,
      1,
      async (outDir) => {
        const curators = await read(outDir, "curators/index.html");
        expect(curators).toMatch(/Ann<\/a><\/h2>\s*<p class="curator-card__meta">3 scoops/);
      },
    );
    expect(patched).toBe(false);
  });
});
