import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitInsight } from "../../src/parse/insight-section.js";
import { createMarkdownRenderer } from "../../src/parse/markdown.js";
import { validateScoop } from "../../src/parse/scoop-file.js";
import { parseFrontMatter } from "../../src/parse/front-matter.js";
import { config } from "../helpers/factories.js";

describe("splitInsight", () => {
  it("splits the body at its `## Insight` line: the excerpt above, the insight below", () => {
    const body = "\nThe quote.\n\n## Insight\n\nFirst paragraph.\n\nSecond *one*.\n";
    expect(splitInsight(body, 7)).toEqual({
      excerpt: "\nThe quote.\n",
      insight: "\nFirst paragraph.\n\nSecond *one*.\n",
      insightLine: 12,
      markerLine: 10,
    });
  });

  it("takes the marker in any case, with closing hashes, and the last one when there are two", () => {
    expect(splitInsight("a\n## INSIGHT ##\nb", 1).insight).toBe("b");
    expect(splitInsight("a\n## Insight\nb\n## insight\nc", 1)).toMatchObject({
      excerpt: "a\n## Insight\nb",
      insight: "c",
    });
  });

  it("leaves a body without the marker whole, and ignores it in code fences and other headings", () => {
    for (const body of [
      "Just a quote.",
      "```\n## Insight\n```\nafter",
      "~~~md\n## Insight\n~~~",
      "### Insight\nnot it",
      "## Insights\nnot it",
      "text ## Insight",
    ]) {
      expect(splitInsight(body, 1), body).toEqual({ excerpt: body });
    }
  });

  it("never loses a character: excerpt, marker and insight make the body again (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom("## Insight", "```", "", "text"), fc.string()), {
          maxLength: 12,
        }),
        (lines) => {
          const body = lines.join("\n");
          const all = body.split("\n");
          const s = splitInsight(body, 1);
          if (s.insight === undefined) expect(s.excerpt).toBe(body);
          else {
            const at = s.markerLine! - 1;
            const above = at === 0 ? [] : s.excerpt.split("\n");
            const below = at === all.length - 1 ? [] : s.insight.split("\n");
            expect([...above, all[at], ...below]).toEqual(all);
          }
        },
      ),
    );
  });
});

describe("a scoop's insight section", () => {
  const markdown = createMarkdownRenderer("https://digest.test", "/");
  const parse = (text: string) =>
    validateScoop(
      "t",
      "content/topics/t/2024-01-01-a.md",
      parseFrontMatter("content/topics/t/2024-01-01-a.md", text),
      config(),
      markdown,
    );

  it("becomes the scoop's insight, rendered as markdown, and leaves the excerpt without it", () => {
    const { scoop, excerptHtml, diagnostics } = parse(
      "---\ntitle: A\ndate: 2024-01-01\n---\nThe quote.\n\n## Insight\n\nMy **take**.\n\nMore.\n",
    );
    expect(diagnostics).toEqual([]);
    expect(excerptHtml).toBe("<p>The quote.</p>");
    expect(scoop?.insightHtml).toBe("<p>My <strong>take</strong>.</p>\n<p>More.</p>");
    expect(scoop?.insightText).toBe("My take.\nMore.");
  });

  it("left empty, gives no insight", () => {
    const { scoop } = parse("---\ntitle: A\ndate: 2024-01-01\n---\nThe quote.\n\n## Insight\n\n");
    expect(scoop?.insightHtml).toBeUndefined();
    expect(scoop?.excerptText).toBe("The quote.");
  });
});
