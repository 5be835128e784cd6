import { oneLine } from "../../src/util/one-line.js";
import { describe, expect, it } from "vitest";
import { createMarkdownRenderer } from "../../src/parse/markdown.js";

const md = createMarkdownRenderer("https://example.org", "/digest/");

describe("markdown rendering", () => {
  it("drops raw HTML and unsafe URLs, keeping link text", () => {
    const r = md(
      "[a](javascript:alert(1)) [b](JaVa&#x09;ScRiPt:alert(1)) <script>x()</script> <img src=x onerror=alert(1)> ![i](data:image/png;base64,AA)",
      { kind: "content" },
    );
    expect(r.html).toBe("<p>a b x()  </p>");
  });

  it("marks external links noopener, and comment links nofollow ugc too", () => {
    expect(md("[x](https://other.example/)", { kind: "content" }).html).toBe(
      '<p><a href="https://other.example/" rel="noopener">x</a></p>',
    );
    expect(md("[x](https://other.example/)", { kind: "comment" }).html).toBe(
      '<p><a href="https://other.example/" rel="nofollow ugc noopener">x</a></p>',
    );
    expect(md("[x](https://example.org/digest/a/)", { kind: "content" }).html).toBe(
      '<p><a href="https://example.org/digest/a/">x</a></p>',
    );
  });

  it("puts root-relative links under the base path", () => {
    expect(md("[x](/topics/a/) ![i](/img/a.png)", { kind: "content" }).html).toBe(
      '<p><a href="/digest/topics/a/">x</a> <img src="/digest/img/a.png" alt="i" loading="lazy"></p>',
    );
  });

  it("maps heading levels onto the page's outline without gaps, and flattens them in comments", () => {
    expect(md("# A\n\n#### B", { kind: "content", headingBase: 2 }).html).toBe(
      "<h2>A</h2>\n<h3>B</h3>",
    );
    expect(md("## A", { kind: "comment" }).html).toBe("<p>A</p>");
  });

  it("gives the plain text of every block, a line each, white space inside a block collapsed", () => {
    expect(
      md("Para *one*\nwraps  here.\n\n- item\n- two\n\n> quote\n\nhard  \nbreak", {
        kind: "content",
      }).text,
    ).toBe("Para one wraps here.\nitem\ntwo\nquote\nhard break");
  });

  it("joined by oneLine, gives what a one-line summary shows", () => {
    const text = md("One.\n\nTwo\nthree.\n\n1. four", { kind: "content" }).text;
    expect(oneLine(text)).toBe("One. Two three. four");
  });
});
