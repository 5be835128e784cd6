import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  scoopFile,
  plainTextAsMarkdown,
  publishedDay,
  titleFromUrl,
} from "../../src/new/scoop-file.js";
import { createMarkdownRenderer } from "../../src/parse/markdown.js";

const md = createMarkdownRenderer("https://example.org");
const NOW = Date.UTC(2026, 0, 1, 12, 0);

describe("scoopFile", () => {
  it("writes every field the page gave, quoting YAML where it must", () => {
    const file = scoopFile({
      url: "https://news.example/a",
      curator: "ann",
      now: NOW,
      timezone: "America/New_York",
      metadata: {
        title: "#1: the 'best' title",
        description: "# Not a heading",
        image: "https://news.example/a.png",
        imageAlt: "yes",
        siteName: "1984",
        author: "Ann",
        published: "Tue, 30 Dec 2025 23:30:00 GMT",
      },
    });
    expect(file.fileName).toBe("2026-01-01-1-the-best-title.md");
    expect(file.text).toBe(`---
title: "#1: the 'best' title"
url: https://news.example/a
date: 2026-01-01T07:00
curator: ann
tags: []
image: https://news.example/a.png
imageAlt: yes
published: 2025-12-30
sourceName: "1984"
sourceAuthor: Ann
---

\\# Not a heading

## Insight

`);
  });

  it("a skeleton takes its title from the URL, and its slug is at most 60 characters", () => {
    const file = scoopFile({
      url: `https://news.example/2024/${"very-long-words-".repeat(8)}end.html?x=1`,
      curator: "ann",
      now: NOW,
      timezone: "UTC",
    });
    expect(file.slug).toBe("very-long-words-very-long-words-very-long-words-very-long");
    expect(file.text).toContain(`title: Very long words very long words`);
    expect(file.text.endsWith("tags: []\n---\n\n## Insight\n\n")).toBe(true);
  });
});

describe("titleFromUrl", () => {
  it.each([
    ["https://x.example/blog/my-great_post.html", "My great post"],
    ["https://x.example/a/Caf%C3%A9-cr%C3%A8me/", "Café crème"],
    ["https://www.x.example/", "x.example"],
    ["https://x.example/2024/12345", "x.example"],
  ])("%s → %s", (url, title) => {
    expect(titleFromUrl(url)).toBe(title);
  });
});

describe("publishedDay", () => {
  it("keeps the day an ISO date starts with, and reads other dates in the site's zone", () => {
    expect(publishedDay("2025-12-30T23:30:00-08:00", "Asia/Kolkata")).toBe("2025-12-30");
    expect(publishedDay("2025-12-30", "UTC")).toBe("2025-12-30");
    expect(publishedDay("Tue, 30 Dec 2025 23:30:00 GMT", "Asia/Kolkata")).toBe("2025-12-31");
    expect(publishedDay("2025-02-30", "UTC")).toBeUndefined();
    expect(publishedDay("last Tuesday", "UTC")).toBeUndefined();
  });
});

describe("plainTextAsMarkdown", () => {
  it("renders back to the same text", () => {
    for (const text of [
      "# heading? no",
      "> not a quote",
      "- not a list",
      "+ nor this",
      "1. nor this",
      "2) nor this",
      "*stars* and _underscores_ and snake_case",
      "`code` and [a link](https://x.example) and ![img](a.png)",
      "<b>html</b> & &amp; entities &#169;",
      "back\\slash at the end\\",
      "~~~ fence",
      "=== setext?",
      "| a | b |",
    ]) {
      expect(md(plainTextAsMarkdown(text), { kind: "content" }).text).toBe(text);
    }
  });

  it("renders back to the same text, whatever the text (one line, trimmed)", () => {
    const chars = fc.constantFrom(..."ab1 #>-+=|~`*_[]()!<>&;\\.:/'\"".split(""));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }), (list) => {
        const text = list.join("").replace(/\s+/g, " ").trim();
        fc.pre(text !== "");
        expect(md(plainTextAsMarkdown(text), { kind: "content" }).text).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
