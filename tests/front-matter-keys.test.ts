import { readFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";
import { runCli } from "./helpers/run-cli.js";
import { makeSite } from "./helpers/sites.js";

/**
 * Front-matter and config keys are data (issue 12, defect 12): a key named like a property of
 * Object.prototype (`constructor`, `toString`, `__proto__`, …) is an unknown field like any
 * other, reported with the `unknown-field` warning. It never crashes validation (an internal
 * error, exit 70) and `__proto__` sets nothing: no title, no pin.
 */

const DIGEST: Record<string, string> = {
  "curio.config.yml": "title: Keys\nbaseUrl: https://digest.test/\ntimezone: UTC\n",
  "content/curators/ann.md": "---\nname: Ann\n---\n",
  "content/topics/t/_topic.md": "---\ntitle: Topic\ncurators: [ann]\n---\n",
  "content/topics/t/2024-01-02-newer.md": "---\ntitle: Newer\ndate: 2024-01-02\n---\nNew.\n",
  "content/topics/t/2024-01-01-older.md": "---\ntitle: Older\ndate: 2024-01-01\n---\nOld.\n",
};

/** Each kind of file, with a line `<key>: <value>` added as its line 4. */
const PLACES = {
  scoop: {
    file: "content/topics/t/2024-01-01-older.md",
    text: (line: string) => `---\ntitle: Older\ndate: 2024-01-01\n${line}\n---\nOld.\n`,
    known:
      "title, url, date, curator, tags, image, imageAlt, imageWidth, imageHeight, insight, published, sourceName, sourceAuthor, via, pinned, draft, comments, slug",
  },
  topic: {
    file: "content/topics/t/_topic.md",
    text: (line: string) => `---\ntitle: Topic\ncurators: [ann]\n${line}\n---\n`,
    known: "title, description, audience, curators, cta, discuss, suggest, digest",
  },
  curator: {
    file: "content/curators/ann.md",
    text: (line: string) => `---\nname: Ann\nurl: https://ann.example/\n${line}\n---\n`,
    known: "name, url, avatar",
  },
  config: {
    file: "curio.config.yml",
    text: (line: string) => `title: Keys\nbaseUrl: https://digest.test/\ntimezone: UTC\n${line}\n`,
    known:
      "title, description, baseUrl, language, timezone, pageSize, image, imageAlt, feeds, cards, discuss, suggest, share, excerptWords, images, digest, email, search, defaults, sources, markdown",
  },
} as const;
type Place = keyof typeof PLACES;

/** Runs the CLI on the digest with some files replaced. */
async function run(files: Record<string, string>, args: string[]) {
  const root = await makeSite({ ...DIGEST, ...files });
  return { ...(await runCli([...args, "--root", root], root)), root };
}

/** `curio check --format json` on the digest with one line added to one file. */
async function checkWith(place: Place, line: string) {
  const where = PLACES[place];
  const r = await run({ [where.file]: where.text(line) }, ["check", "--format", "json"]);
  const diagnostics =
    r.code === 70 ? [] : (JSON.parse(r.out) as { diagnostics: Diagnostic[] }).diagnostics;
  return { code: r.code, err: r.err, diagnostics };
}

/** The warning an unknown field gets, at line 4, column 1. */
function unknownField(place: Place, key: string): Diagnostic {
  return {
    severity: "warning",
    code: "unknown-field",
    file: PLACES[place].file,
    line: 4,
    column: 1,
    message: `unknown field \`${key}\``,
    hint: `remove it, or use one of: ${PLACES[place].known}`,
  };
}

const NAMED_KEYS = ["constructor", "toString", "hasOwnProperty", "valueOf", "__proto__"];
const CASES = NAMED_KEYS.flatMap((key) =>
  (Object.keys(PLACES) as Place[]).map((place) => ({ key, place })),
);

describe("a key named like a property of Object.prototype", () => {
  it.each(CASES)("`$key` in the $place is an unknown field", async ({ key, place }) => {
    expect(await checkWith(place, `${key}: x`)).toEqual({
      code: 0,
      err: "",
      diagnostics: [unknownField(place, key)],
    });
  });

  it("in the config is reported as text, not a stack trace", async () => {
    const r = await run({ "curio.config.yml": PLACES.config.text("constructor: x") }, ["check"]);
    expect(r).toMatchObject({
      code: 0,
      err: "",
      out: `curio.config.yml:4:1 warning unknown-field: unknown field \`constructor\`
  3 | timezone: UTC
  4 | constructor: x
    | ^
  hint: remove it, or use one of: ${PLACES.config.known}
No errors: 2 scoops, 1 topic, 1 curator; 0 errors, 1 warning in 1 file
`,
    });
  });

  it("is an unknown field inside a group of fields and a list too", async () => {
    const scoop = [
      "---",
      "title: Older",
      "date: 2024-01-01",
      "via: {name: Newsletter, constructor: x}",
      "comments:",
      "  - {author: Bo, date: 2024-01-02, text: Hi, toString: x}",
      "---",
      "Old.",
      "",
    ].join("\n");
    const r = await run({ [PLACES.scoop.file]: scoop }, ["check", "--format", "json"]);
    expect(r.code).toBe(0);
    const found = (JSON.parse(r.out) as { diagnostics: Diagnostic[] }).diagnostics;
    expect(found.map((d) => [d.code, d.line, d.message, d.hint])).toEqual([
      [
        "unknown-field",
        4,
        "unknown field `via.constructor`",
        "remove it, or use one of: name, url",
      ],
      [
        "unknown-field",
        6,
        "unknown field `comments.0.toString`",
        "remove it, or use one of: author, date, text",
      ],
    ]);
  });

  it("any of them, in any file, with any value: never an internal error (property)", async () => {
    const keys = Object.getOwnPropertyNames(Object.prototype);
    expect(keys).toEqual(expect.arrayContaining(NAMED_KEYS));
    const values = ["x", "1", "true", "[a, b]", "{title: X, pinned: true}", "", "{}"];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...keys),
        fc.constantFrom(...(Object.keys(PLACES) as Place[])),
        fc.constantFrom(...values),
        async (key, place, value) => {
          const r = await checkWith(place, `${key}: ${value}`);
          expect(r.err).toBe("");
          expect(r.code).toBe(0);
          expect(r.diagnostics).toEqual([unknownField(place, key)]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("`__proto__` in front matter", () => {
  it("sets no title: the scoop still misses its title", async () => {
    const r = await run(
      {
        [PLACES.scoop.file]:
          "---\ndate: 2024-01-01\n__proto__: {title: X, pinned: true}\n---\nOld.\n",
      },
      ["check"],
    );
    expect(r).toMatchObject({
      code: 1,
      out: "",
      err: `content/topics/t/2024-01-01-older.md:1:1 error missing-field: missing required field \`title\`
  1 | ---
    | ^
  hint: add a line \`title: …\` to the front matter

content/topics/t/2024-01-01-older.md:3:1 warning unknown-field: unknown field \`__proto__\`
  2 | date: 2024-01-01
  3 | __proto__: {title: X, pinned: true}
    | ^
  hint: remove it, or use one of: ${PLACES.scoop.known}

1 error, 1 warning in 1 file
`,
    });
  });

  it("pins nothing and retitles nothing in the built site", async () => {
    const r = await run(
      {
        [PLACES.scoop.file]:
          "---\ntitle: Older\ndate: 2024-01-01\n__proto__: {title: X, pinned: true}\n---\nOld.\n",
      },
      ["build"],
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const dist = path.join(r.root, "dist");
    const topic = cheerio.load(await readFile(path.join(dist, "topics/t/index.html"), "utf8"));
    expect(topic(".card--pinned")).toHaveLength(0);
    // Newest first, as with no pin.
    expect(
      topic(".card__title")
        .map((_, el) => topic(el).text().trim())
        .get(),
    ).toEqual(["Newer", "Older"]);
    const page = cheerio.load(await readFile(path.join(dist, "topics/t/older/index.html"), "utf8"));
    expect(page("h1").text().trim()).toBe("Older");
  });
});
