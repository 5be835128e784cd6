import { describe, expect, it } from "vitest";
import { indexSite } from "../../src/index/site-index.js";
import { planSite } from "../../src/plan/plan-site.js";
import type { HtmlRoute, Route } from "../../src/plan/routes.js";
import { isFeedRoute } from "../../src/plan/routes.js";
import { absoluteUrlFor, feedUrl, hrefFor, outputPathFor, urls } from "../../src/plan/urls.js";
import { config, curator, scoop, topic } from "../helpers/factories.js";

function plan(scoops = defaultScoops(), pageSize = 2) {
  const index = indexSite(
    config({ pageSize }),
    [curator("ann"), curator("bob")],
    [topic("t", ["ann", "bob"])],
    scoops,
  );
  return planSite({
    index,
    assets: ["assets/style.css"],
    statics: ["static/images/card.png", "static/CNAME"],
  });
}

function defaultScoops() {
  return [
    scoop("t/a", "2024-01-05", { tags: ["News"] }),
    scoop("t/b", "2024-01-04", { tags: ["news"] }),
    scoop("t/c", "2024-01-03", { curatorId: "bob" }),
  ];
}

const byUrl = (routes: Route[]) => new Map(routes.map((r) => [r.url, r]));

describe("planSite", () => {
  it("plans every page, feed and file of the site at its URL", () => {
    const { routes, diagnostics } = plan();
    expect(diagnostics).toEqual([]);
    expect(routes.map((r) => `${r.format} ${r.outputPath}`).sort()).toEqual(
      [
        "asset assets/style.css",
        "asset images/card.png",
        "asset CNAME",
        "atom atom.xml",
        "atom curators/ann/atom.xml",
        "atom curators/bob/atom.xml",
        "atom tags/news/atom.xml",
        "atom topics/t/atom.xml",
        "html 404.html",
        "html curators/ann/index.html",
        "html curators/bob/index.html",
        "html curators/index.html",
        "html index.html",
        "html page/2/index.html",
        "html tags/index.html",
        "html tags/news/index.html",
        "html topics/t/a/index.html",
        "html topics/t/b/index.html",
        "html topics/t/c/index.html",
        "html topics/t/index.html",
        "html topics/t/page/2/index.html",
        "html topics/index.html",
        "html subscribe/index.html",
        "html search/index.html",
        "json-feed curators/ann/feed.json",
        "json-feed curators/bob/feed.json",
        "json-feed feed.json",
        "json-feed tags/news/feed.json",
        "json-feed topics/t/feed.json",
        "opml feeds.opml",
        "robots robots.txt",
        "rss curators/ann/feed.xml",
        "rss curators/bob/feed.xml",
        "rss feed.xml",
        "rss tags/news/feed.xml",
        "rss topics/t/feed.xml",
        "sitemap sitemap.xml",
      ].sort(),
    );
  });

  it("paginates lists with pageSize and links pages to each other", () => {
    const routes = byUrl(plan().routes);
    const first = routes.get("/topics/t/") as HtmlRoute;
    const second = routes.get("/topics/t/page/2/") as HtmlRoute;
    if (first.page.kind !== "topic" || second.page.kind !== "topic") throw new Error("wrong kind");
    expect(first.page.pager.items.map((s) => s.slug)).toEqual(["a", "b"]);
    expect(second.page.pager.items.map((s) => s.slug)).toEqual(["c"]);
    expect(first.page.pager.next).toBe("/topics/t/page/2/");
    expect(second.title).toBe("Topic t, page 2");
  });

  it("lists every indexable page in the sitemap, and not the 404 or search page", () => {
    const { routes } = plan();
    const sitemap = routes.find((r) => r.format === "sitemap");
    if (sitemap?.format !== "sitemap") throw new Error("no sitemap");
    const html = routes
      .filter((r) => r.format === "html" && r.url !== "/404.html" && r.url !== "/search/")
      .map((r) => r.url);
    expect(sitemap.pages.map((p) => p.url).sort()).toEqual(html.sort());
    expect(sitemap.pages.find((p) => p.url === "/topics/t/a/")?.lastmod).toBe("2024-01-05");
  });

  it("rejects two routes with one output path, naming the sources", () => {
    // A tag slug equal to another tag's is caught earlier; here two scoops share a slug.
    const scoops = [
      scoop("t/a", "2024-01-05"),
      scoop("t/a", "2024-01-04", { file: "content/topics/t/other.md" }),
    ];
    const { diagnostics } = plan(scoops);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "url-collision", severity: "error" });
    expect(diagnostics[0]!.message).toBe(
      "two pages would be written to topics/t/a/index.html: from content/topics/t/2024-01-05-a.md and content/topics/t/other.md",
    );
  });

  it("caps feeds at 50 items by default, newest first, the same in every format", () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      scoop(`t/s${i}`, `2024-01-01T00:${String(i).padStart(2, "0")}`),
    );
    const routes = byUrl(plan(many).routes);
    for (const url of ["/feed.xml", "/atom.xml", "/feed.json"]) {
      const feed = routes.get(url);
      if (!feed || !isFeedRoute(feed)) throw new Error(`no feed at ${url}`);
      expect(feed.feed.items).toHaveLength(50);
      expect(feed.feed.items[0]!.slug).toBe("s59");
      expect(feed.feed.updated).toBe(many[59]!.date);
    }
  });

  it("limits feeds to `feeds.items`", () => {
    const index = indexSite(
      config({ feeds: { items: 2, link: "page" } }),
      [curator("ann"), curator("bob")],
      [topic("t", ["ann", "bob"])],
      defaultScoops(),
    );
    const feeds = planSite({ index, assets: [], statics: [] }).routes.filter(isFeedRoute);
    expect(feeds).toHaveLength(15);
    for (const f of feeds) expect(f.feed.items.length).toBeLessThanOrEqual(2);
    expect(feeds.find((f) => f.url === "/feed.xml")!.feed.items.map((s) => s.slug)).toEqual([
      "a",
      "b",
    ]);
  });

  it("dates an empty feed like the site's newest scoop", () => {
    const index = indexSite(
      config(),
      [curator("ann")],
      [topic("t"), topic("empty")],
      [scoop("t/a", "2024-01-05")],
    );
    const routes = byUrl(planSite({ index, assets: [], statics: [] }).routes);
    const empty = routes.get("/topics/empty/atom.xml");
    if (!empty || !isFeedRoute(empty)) throw new Error("no feed");
    expect(empty.feed.items).toEqual([]);
    expect(empty.feed.updated?.iso).toBe("2024-01-05T00:00:00Z");
  });

  it("has each page advertise its own feeds, then the site's, RSS first", () => {
    const routes = byUrl(plan().routes);
    const feeds = (url: string) => (routes.get(url) as HtmlRoute).feeds;
    const site = [
      { title: "Test digest (RSS)", url: "/feed.xml", type: "application/rss+xml" },
      { title: "Test digest (Atom)", url: "/atom.xml", type: "application/atom+xml" },
      { title: "Test digest (JSON Feed)", url: "/feed.json", type: "application/feed+json" },
    ];
    expect(feeds("/")).toEqual(site);
    expect(feeds("/tags/")).toEqual(site);
    expect(feeds("/404.html")).toEqual(site);
    expect(feeds("/topics/t/")).toEqual([
      { title: "Topic t (RSS)", url: "/topics/t/feed.xml", type: "application/rss+xml" },
      { title: "Topic t (Atom)", url: "/topics/t/atom.xml", type: "application/atom+xml" },
      { title: "Topic t (JSON Feed)", url: "/topics/t/feed.json", type: "application/feed+json" },
      ...site,
    ]);
    expect(feeds("/topics/t/a/")).toEqual(feeds("/topics/t/"));
    expect(feeds("/curators/bob/").map((f) => f.url)).toEqual([
      "/curators/bob/feed.xml",
      "/curators/bob/atom.xml",
      "/curators/bob/feed.json",
      ...site.map((f) => f.url),
    ]);
    expect(feeds("/tags/news/").map((f) => f.title)).toEqual([
      "Scoops tagged News (RSS)",
      "Scoops tagged News (Atom)",
      "Scoops tagged News (JSON Feed)",
      ...site.map((f) => f.title),
    ]);
  });

  it("lists every scope's RSS feed once in the OPML, grouped", () => {
    const opml = plan().routes.find((r) => r.format === "opml");
    if (opml?.format !== "opml") throw new Error("no OPML");
    expect(opml.groups.map((g) => [g.title, g.feeds.map((f) => f.xmlUrl)])).toEqual([
      ["Site", ["/feed.xml"]],
      ["Topics", ["/topics/t/feed.xml"]],
      ["Curators", ["/curators/ann/feed.xml", "/curators/bob/feed.xml"]],
      ["Tags", ["/tags/news/feed.xml"]],
    ]);
    expect(opml.updated?.iso).toBe("2024-01-05T00:00:00Z");
  });
});

describe("urls", () => {
  it("maps URLs to output files", () => {
    expect(outputPathFor("/")).toBe("index.html");
    expect(outputPathFor("/topics/x/page/2/")).toBe("topics/x/page/2/index.html");
    expect(outputPathFor("/feed.xml")).toBe("feed.xml");
  });

  it("puts a scope's feeds next to its page, RSS at feed.xml", () => {
    expect(urls.feed()).toBe("/feed.xml");
    expect(urls.feed("atom")).toBe("/atom.xml");
    expect(urls.topicFeed("x")).toBe("/topics/x/feed.xml");
    expect(urls.curatorFeed("ann", "json-feed")).toBe("/curators/ann/feed.json");
    expect(urls.tagFeed("seo", "atom")).toBe("/tags/seo/atom.xml");
    expect(feedUrl(urls.tag("seo"), "rss")).toBe("/tags/seo/feed.xml");
    expect(urls.opml()).toBe("/feeds.opml");
  });

  it("puts links under the base path and percent-encodes them", () => {
    expect(hrefFor("/topics/x/", "/digest/")).toBe("/digest/topics/x/");
    expect(hrefFor("/tags/日本/", "/")).toBe("/tags/%E6%97%A5%E6%9C%AC/");
    expect(absoluteUrlFor("/", "https://example.org", "/digest/")).toBe(
      "https://example.org/digest/",
    );
  });
});
