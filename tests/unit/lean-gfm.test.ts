import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { createMarkdownRenderer } from "../../src/parse/markdown.js";
import {
  gatedAutolinkTransform,
  hasLiteralMark,
  unusedGfmConstructs,
  withoutConstructs,
} from "../../src/parse/lean-gfm.js";

/** remark-gfm as it comes, and the renderer's two processors. */
const full = unified().use(remarkParse).use(remarkGfm).freeze();
const gated = unified().use(remarkParse).use([remarkGfm, gatedAutolinkTransform]).freeze();
const leanOf = (names: string[]) =>
  unified()
    .use(remarkParse)
    .use([remarkGfm, gatedAutolinkTransform, [withoutConstructs, names]])
    .freeze();
const lean = leanOf(["emailAutolink"]);
const leanest = leanOf(["emailAutolink", "table"]);

/** The names of the processor's mdast transforms. */
function transformNames(processor: typeof full): string[] {
  const extensions = (processor.data().fromMarkdownExtensions ?? []) as unknown[];
  return extensions
    .flat(2)
    .flatMap((e) =>
      ((e as { transforms?: { name: string }[] }).transforms ?? []).map((t) => t.name),
    );
}

/** Every construct name in the processor's micromark extensions, by character code. */
function constructNames(processor: typeof full): Set<string> {
  const names = new Set<string>();
  const extensions = (processor.data().micromarkExtensions ?? []) as Record<string, unknown>[];
  for (const extension of extensions)
    for (const record of Object.values(extension))
      for (const constructs of Object.values((record ?? {}) as Record<string, unknown>))
        for (const c of [constructs].flat() as { name?: string }[])
          if (c?.name !== undefined) names.add(c.name);
  return names;
}

/** Pieces of markdown around links, autolinks, escapes and entities: everything but `@`. */
const pieces = [
  "word",
  "Contact",
  " ",
  "\n",
  "\n\n",
  "www.",
  "WWW.",
  "example.org",
  "http://",
  "https://",
  "mailto:",
  "xmpp:",
  "a.b-c_d",
  "[",
  "]",
  "(",
  ")",
  "](",
  "<",
  ">",
  "*",
  "_",
  "~",
  "`",
  "|",
  "- ",
  "1. ",
  "# ",
  "> ",
  "\\",
  "&#64;",
  "&#x40;",
  "&amp;",
  ".",
  ",",
  "/",
  "?",
  "=",
  "+",
  "-",
  "[^1]",
  "[^1]: ",
  "[ ] ",
  "[x] ",
  "---",
  "| a | b |\n| - | - |\n",
];
/** The same, with emails and marks that escapes and entities spell. */
const anyPiece = fc.constantFrom(
  ...pieces,
  "@",
  "ada@example.org",
  "\\@",
  "h&#116;tp://",
  "www&#46;",
  "HTTPS://",
  "&#119;ww.",
  "http:&#47;/",
);

describe("GFM's autolink transform, run only on trees with an autolink's mark", () => {
  it("wraps the transform", () => {
    expect(transformNames(full)).toContain("transformGfmAutolinkLiterals");
    expect(transformNames(gated)).not.toContain("transformGfmAutolinkLiterals");
    expect(transformNames(gated)).toHaveLength(transformNames(full).length);
  });

  it("sees marks in any text, also those entities spell", () => {
    expect(hasLiteralMark(full.parse("*a* [b](https://x.org) c"))).toBe(false);
    expect(hasLiteralMark(full.parse("*a* b WWW.x.org"))).toBe(true);
    expect(hasLiteralMark(full.parse("- a\n  - ada&#64;x.org"))).toBe(true);
  });

  it("parses any text to the same tree, positions included", () => {
    fc.assert(
      fc.property(fc.array(anyPiece, { maxLength: 40 }), (list) => {
        const text = list.join("");
        expect(gated.parse(text)).toEqual(full.parse(text));
      }),
      { numRuns: 600 },
    );
  });
});

/** Pieces around tables' rows: cells, delimiters, colons, escaped and spelled pipes. */
const tablePiece = fc.constantFrom(
  "a",
  " ",
  "\n",
  ":",
  "-",
  "--",
  ":-",
  "-:",
  "|",
  "\\|",
  "&#124;",
  "> ",
  "- ",
  "`",
);

/** Asserts that `text` parses without its unused constructs to the tree remark-gfm gives. */
function parsesLikeFull(text: string): void {
  expect(leanOf(unusedGfmConstructs(text)).parse(text)).toEqual(full.parse(text));
}

describe("GFM without the constructs a text cannot use", () => {
  it("names the email construct without an @, the table without | :- -:", () => {
    expect(unusedGfmConstructs("write to ada@example.org | x")).toEqual([]);
    expect(unusedGfmConstructs("write to ada&#64;example.org")).toEqual(["emailAutolink", "table"]);
    expect(unusedGfmConstructs("a\n:-")).toEqual(["emailAutolink"]);
    expect(unusedGfmConstructs("a\n-: b@c.d")).toEqual([]);
  });

  it("removes those constructs and keeps the others", () => {
    expect(constructNames(full)).toContain("emailAutolink");
    expect(constructNames(full)).toContain("table");
    const names = constructNames(leanest);
    expect(names).not.toContain("emailAutolink");
    expect(names).not.toContain("table");
    expect(names).toContain("wwwAutolink");
    expect(names).toContain("protocolAutolink");
    expect(constructNames(lean)).toContain("table");
  });

  it("parses any text to the same tree without them, positions included", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyPiece, tablePiece), { maxLength: 40 }), (list) =>
        parsesLikeFull(list.join("")),
      ),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.array(tablePiece, { maxLength: 16 }), (list) => parsesLikeFull(list.join(""))),
      { numRuns: 1500 },
    );
  });

  it("parses the example digest's texts to the same trees", () => {
    const root = path.resolve(import.meta.dirname, "../../content");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".md"))
      .map((f) => readFileSync(path.join(root, f), "utf8"));
    expect(files.filter((text) => unusedGfmConstructs(text).length === 2).length).toBeGreaterThan(
      20,
    );
    for (const text of files) parsesLikeFull(text);
  });

  it("still links emails and makes tables in the renderer", () => {
    const render = createMarkdownRenderer("https://example.org");
    expect(render("Write to ada@example.org.", { kind: "content" }).html).toBe(
      '<p>Write to <a href="mailto:ada@example.org">ada@example.org</a>.</p>',
    );
    expect(render("Write to ada&#64;example.org.", { kind: "content" }).html).toBe(
      '<p>Write to <a href="mailto:ada@example.org">ada@example.org</a>.</p>',
    );
    expect(render("See www.example.com/a.", { kind: "content" }).html).toBe(
      '<p>See <a href="http://www.example.com/a" rel="noopener">www.example.com/a</a>.</p>',
    );
    expect(render("Vice\n:-\nA", { kind: "content" }).html).toContain("<td");
  });
});
