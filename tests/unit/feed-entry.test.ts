import { describe, expect, it } from "vitest";
import { feedEntry } from "../../src/render/feed-entry.js";
import type { FeedContext } from "../../src/render/feed-entry.js";
import { toUri } from "../../src/util/safe-url.js";
import { config, scoop } from "../helpers/factories.js";

const ctx = (link: "page" | "source" = "page"): FeedContext => ({
  config: config({
    origin: "https://example.org",
    basePath: "/digest/",
    baseUrl: "https://example.org/digest/",
    feeds: { items: 50, link },
  }),
  // The excerpt store of a build: only t/a has an excerpt with HTML.
  excerptHtml: (s) =>
    s.id === "t/a" ? '<p><a href="../b/">b</a> <img src="c.png" alt=""></p>' : "",
  curatorName: (id) => (id === "ann" ? "Ann" : undefined),
  tagName: (tag) => tag.toUpperCase(),
  tagSlug: (tag) => tag.toLowerCase(),
});

describe("feedEntry", () => {
  const withSource = scoop("t/a", "2024-01-05", {
    url: 'https://news.example/a b?q="<x>"|1',
    tags: ["News", "news", "SEO"],
    excerptText: `${"word ".repeat(200)}end`,
    insightHtml: '<p><a href="/digest/tags/seo/">seo</a></p>',
  });

  it("uses the permalink as id, and as link by default", () => {
    const e = feedEntry(withSource, ctx());
    expect(e.id).toBe("https://example.org/digest/topics/t/a/");
    expect(e.link).toBe(e.id);
    expect(e.source).toBe("https://news.example/a%20b?q=%22%3Cx%3E%22%7C1");
    expect(e.author).toBe("Ann");
  });

  it("links to the source with `feeds.link: source`, and to the page without a source", () => {
    expect(feedEntry(withSource, ctx("source")).link).toBe(
      "https://news.example/a%20b?q=%22%3Cx%3E%22%7C1",
    );
    expect(feedEntry(withSource, ctx("source")).id).toBe("https://example.org/digest/topics/t/a/");
    const plain = feedEntry(scoop("t/b", "2024-01-04"), ctx("source"));
    expect(plain.link).toBe("https://example.org/digest/topics/t/b/");
    expect(plain.source).toBeUndefined();
  });

  it("lists each tag once, with its slug and name", () => {
    expect(feedEntry(withSource, ctx()).tags).toEqual([
      { slug: "news", name: "NEWS" },
      { slug: "seo", name: "SEO" },
    ]);
  });

  it("makes every URL of the content absolute and shortens the summary", () => {
    const e = feedEntry(withSource, ctx());
    // The labelled insight, the quoted excerpt, then the source named by its host (the scoop
    // has no sourceDomain here: the URL's host, without www.).
    expect(e.contentHtml).toBe(
      "<p><strong>Ann’s insight</strong></p>" +
        '<p><a href="https://example.org/digest/tags/seo/">seo</a></p>' +
        '<blockquote><p><a href="https://example.org/digest/topics/t/b/">b</a> <img src="https://example.org/digest/topics/t/a/c.png" alt=""></p></blockquote>' +
        '<p><a href="https://news.example/a%20b?q=%22%3Cx%3E%22%7C1">Read at news.example</a></p>',
    );
    expect(e.summary.length).toBeLessThanOrEqual(500);
    expect(e.summary.endsWith("word…")).toBe(true);
  });
});

describe("toUri", () => {
  it("writes a URL as RFC 3986 allows", () => {
    expect(toUri("https://example.org/a?b=1&c=2#d")).toBe("https://example.org/a?b=1&c=2#d");
    expect(toUri("https://Bücher.example/ä ö?q={x}^`|")).toBe(
      "https://xn--bcher-kva.example/%C3%A4%20%C3%B6?q=%7Bx%7D%5E%60%7C",
    );
    expect(toUri("https://example.org/100%/%41")).toBe("https://example.org/100%25/%41");
  });
});
