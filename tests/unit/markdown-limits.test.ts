import { describe, expect, it } from "vitest";
import { MARKDOWN_LIMITS, markdownLimitProblem } from "../../src/parse/markdown-limits.js";

const reason = (markdown: string) => markdownLimitProblem(markdown)?.reason;

describe("markdown limits (issue 12, defect 10)", () => {
  it("let code spans that close pass, whatever their lengths", () => {
    let closed = "";
    for (let n = 1; n <= 300; n++) closed += `${"`".repeat(n)} a ${"`".repeat(n)} `;
    expect(reason(closed)).toBeUndefined();
    expect(reason(`Type \\\` for a backtick. ${"word ".repeat(100_000)}`)).toBeUndefined();
    expect(reason(`A stray \` here. ${"word ".repeat(50_000)}`)).toBeUndefined();
  });

  it("refuse backticks that never close before a long paragraph, and count per paragraph", () => {
    const stray = "` `` ``` ```` ";
    expect(reason(`${stray}${"word ".repeat(30_000)}`)).toBe(
      "it has too many backticks that open code spans and never close in a long paragraph",
    );
    // The same backticks, each in a paragraph of its own, are read to their paragraph's end only.
    expect(reason(`${stray.split(" ").join(" a\n\n")}${"word ".repeat(30_000)}`)).toBeUndefined();
  });

  it("allow 5000 links, images and definitions, and refuse one more", () => {
    const links = (n: number) => "[a](https://e.example/) ".repeat(n);
    expect(reason(links(MARKDOWN_LIMITS.links))).toBeUndefined();
    expect(reason(links(MARKDOWN_LIMITS.links + 1))).toBe(
      "it has more than 5000 links, images or link definitions (`[`)",
    );
  });

  it("allow 20,000 blocks and refuse one more; lines inside a paragraph count an eighth", () => {
    const paragraphs = (n: number) => "a\n\n".repeat(n);
    expect(reason(paragraphs(MARKDOWN_LIMITS.elements))).toBeUndefined();
    expect(reason(paragraphs(MARKDOWN_LIMITS.elements + 1))).toBe(
      "it has more than 20000 blocks and markup elements (paragraphs, list items, links, code spans, emphasis, entities)",
    );
    expect(reason("line\n".repeat(8 * MARKDOWN_LIMITS.elements))).toBeUndefined();
    expect(reason("- item\n".repeat(MARKDOWN_LIMITS.elements + 1))).toBeDefined();
  });

  it("give each problem its hint", () => {
    expect(markdownLimitProblem(">".repeat(101))?.hint).toBe(
      "simplify the markdown: fewer nested quotes or lists, fewer `*`/`_` in one paragraph",
    );
    expect(markdownLimitProblem("[a] ".repeat(5001))?.hint).toBe(
      "shorten the text: quote the passage that matters and link to the rest",
    );
  });
});
