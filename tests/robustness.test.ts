import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { Sources } from "../src/load/read-sources.js";
import { readSources } from "../src/load/read-sources.js";
import { buildInMemory, buildSite, listFiles, makeSite } from "./helpers/sites.js";

const BASE = {
  "content/curators/ann.md": "---\nname: Ann\n---\n",
  "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
};
const scoop = (front: string, body: string) =>
  `---\ntitle: Pathological\ndate: 2024-01-01\n${front}---\n${body}\n`;

/** Builds a one-scoop site and returns the build result (it must never throw). */
async function buildOne(file: string) {
  const root = await makeSite({ ...BASE, "content/topics/t/2024-01-01-x.md": file });
  return { root, result: await buildSite(root) };
}

describe("pathological input builds or fails with a diagnostic, never a stack trace", () => {
  it("a 5 MB scoop is refused with file-too-large", async () => {
    const file = scoop(
      "",
      "Paragraph with *emphasis* and [a link](https://x.example/).\n\n".repeat(86_000),
    );
    expect(Buffer.byteLength(file)).toBeGreaterThan(5_000_000);
    const { result } = await buildOne(file);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["file-too-large", "the file is 5.0 MB; a content file may be at most 2 MB"],
    ]);
  });

  it("a 1 MB line builds", async () => {
    const { root, result } = await buildOne(scoop("", "word ".repeat(210_000)));
    expect(result.ok).toBe(true);
    expect(await listFiles(path.join(root, "dist"))).toContain("topics/t/x/index.html");
  });

  it.each([
    [
      "10,000 nested blockquotes",
      `${">".repeat(10_000)} deep`,
      "it nests block quotes or lists more than 100 levels deep",
    ],
    [
      "10,000 nested list items",
      `${"- ".repeat(10_000)}deep`,
      "it nests block quotes or lists more than 100 levels deep",
    ],
    [
      "10,000 nested emphasis markers",
      `${"*a ".repeat(10_000)}x${" a*".repeat(10_000)}`,
      "one paragraph has more than 1000 `*` or `_` emphasis markers",
    ],
  ])("%s give markdown-too-complex at the body", async (_name, body, reason) => {
    const started = performance.now();
    const { result } = await buildOne(scoop("", body));
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      {
        severity: "error",
        code: "markdown-too-complex",
        file: "content/topics/t/2024-01-01-x.md",
        line: 5,
        column: 1,
        message: `the excerpt (the file's body) cannot be rendered: ${reason}`,
        hint: "simplify the markdown: fewer nested quotes or lists, fewer `*`/`_` in one paragraph",
      },
    ]);
    // Refused up front, not after minutes in the markdown engine (a generous bound, not a benchmark).
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it("10,000 list items side by side build", async () => {
    const { result } = await buildOne(
      scoop("", Array.from({ length: 10_000 }, (_, i) => `- item ${i}`).join("\n")),
    );
    expect(result.ok).toBe(true);
  });

  it("10,000 tags on one scoop are refused with too-many-tags", async () => {
    const tags = Array.from({ length: 10_000 }, (_, i) => `tag ${i}`);
    const { result } = await buildOne(scoop(`tags: ${JSON.stringify(tags)}\n`, "Text."));
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ["too-many-tags", 4, "the scoop has 10000 tags; at most 100 are allowed"],
    ]);
  });
});

describe("nothing is written outside the output folder", () => {
  it("whatever the slugs, tags and file names say", async () => {
    const root = await makeSite({
      ...BASE,
      "content/topics/t/2024-01-01-..%2F..%2Fescape.md": scoop(
        "slug: ../../../etc/passwd\ntags: ['../../up', '/abs', '..', 'a/b\\\\c']\n",
        "x",
      ),
      "content/topics/t/2024-01-02-dots.md": scoop("slug: '..'\n", "x"),
    });
    const result = await buildSite(root);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["bad-slug", "bad-tag"]);
    const { root: root2 } = await buildOne(
      scoop("slug: ../../../etc/passwd\ntags: ['../../up', '/abs', 'a/b\\\\c']\n", "x"),
    );
    const files = await listFiles(root2);
    const outside = files.filter(
      (f) =>
        !f.startsWith("dist/") &&
        !f.startsWith("content/") &&
        !f.startsWith(".curio-cache/") &&
        f !== "curio.config.yml",
    );
    expect(outside).toEqual([]);
    const dist = await listFiles(path.join(root2, "dist"));
    expect(dist).toContain("topics/t/etc-passwd/index.html");
    expect(dist).toEqual(
      expect.arrayContaining([
        "tags/up/index.html",
        "tags/abs/index.html",
        "tags/a-b-c/index.html",
      ]),
    );
  });
});

describe("tags that differ only in case, spacing or accents", () => {
  it("are one tag with one page", async () => {
    const root = await makeSite({
      ...BASE,
      "content/topics/t/2024-01-01-a.md": scoop("tags: [Patient engagement, Stratégie]\n", "a"),
      "content/topics/t/2024-01-02-b.md": scoop("tags: [patient  ENGAGEMENT, strategie]\n", "b"),
      "content/topics/t/2024-01-03-c.md": scoop("tags: [patient-engagement]\n", "c"),
    });
    const result = await buildSite(root);
    expect(result.diagnostics).toEqual([]);
    const tags = (await listFiles(path.join(root, "dist"))).filter(
      (f) => f.startsWith("tags/") && f.endsWith(".html"),
    );
    expect(tags).toEqual([
      "tags/index.html",
      "tags/patient-engagement/index.html",
      "tags/strategie/index.html",
    ]);
  });
});

describe("property: arbitrary front matter and markdown never make the build throw", () => {
  const scalar = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(
      "2024-01-01",
      "2024-02-30",
      "2024-01-01T25:00",
      "javascript:alert(1)",
      "https://x.example/",
      "#hash: value",
      "../..",
      "",
    ),
  );
  const value = fc.letrec((tie) => ({
    v: fc.oneof(
      { depthSize: "small" },
      scalar,
      fc.array(tie("v"), { maxLength: 4 }),
      fc.dictionary(fc.string(), tie("v"), { maxKeys: 4 }),
    ),
  })).v;
  const keys = fc.constantFrom(
    "title",
    "date",
    "curator",
    "tags",
    "url",
    "image",
    "imageAlt",
    "insight",
    "published",
    "via",
    "pinned",
    "draft",
    "comments",
    "slug",
    "tittle",
    "name",
    "cta",
  );
  const frontMatter = fc.oneof(
    fc.dictionary(keys, value, { maxKeys: 8 }).map((d) => `---\n${stringify(d)}---\n`),
    fc.string().map((s) => `---\n${s}\n---\n`),
    fc.constant(""),
  );
  const markdown = fc.oneof(
    fc.string(),
    fc
      .array(
        fc.constantFrom(
          "# ",
          "> ",
          "- ",
          "1. ",
          "*",
          "_",
          "[",
          "](",
          ")",
          "`",
          "<",
          ">",
          "&",
          "\n",
          "\n\n",
          "    ",
          "javascript:",
          "http://x/",
          "<script>",
          "|",
          "---",
          "text",
        ),
        { maxLength: 60 },
      )
      .map((a) => a.join("")),
  );

  it("builds or returns diagnostics", async () => {
    const base = await readSources(await makeSite(BASE));
    const encoder = new TextEncoder();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(frontMatter, markdown), { minLength: 1, maxLength: 4 }),
        frontMatter,
        async (scoops, topicFront) => {
          const content = [
            ...base.content.filter((f) => !f.path.endsWith("_topic.md")),
            { path: "content/topics/t/_topic.md", bytes: encoder.encode(`${topicFront}Body`) },
            ...scoops.map(([fmText, md], i) => ({
              path: `content/topics/t/2024-01-0${i + 1}-s${i}.md`,
              bytes: encoder.encode(fmText + md),
            })),
          ];
          const sources: Sources = { ...base, content };
          const { result, files } = await buildInMemory(sources);
          const errors = result.diagnostics.filter((d) => d.severity === "error");
          if (errors.length === 0) expect(files.size).toBeGreaterThan(0);
          for (const d of result.diagnostics) {
            expect(d.code).not.toBe("internal-error");
            expect(d.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});
