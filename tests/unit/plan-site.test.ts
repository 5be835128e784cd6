import { describe, expect, it } from "vitest";
import { indexSite } from "../../src/index/site-index.js";
import { planSite } from "../../src/plan/plan-site.js";
import type { HtmlRoute, Route } from "../../src/plan/routes.js";
import { absoluteUrlFor, hrefFor, outputPathFor } from "../../src/plan/urls.js";
import { config, curator, scoop, topic } from "../helpers/factories.js";

function plan(scoops = defaultScoops(), pageSize = 2) {
  const index = indexSite(
    config({ pageSize }),
    [curator("ann"), curator("bob")],
    [topic("t", ["ann", "bob"])],
    scoops,
  );
  return planSite({ index, assets: ["assets/style.css"] });
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
        "html 404.html",
        "html curators/ann/index.html",
        "html curators/bob/index.html",
        "html index.html",
        "html page/2/index.html",
        "html tags/index.html",
        "html tags/news/index.html",
        "html topics/t/a/index.html",
        "html topics/t/b/index.html",
        "html topics/t/c/index.html",
        "html topics/t/index.html",
        "html topics/t/page/2/index.html",
        "robots robots.txt",
        "rss curators/ann/feed.xml",
        "rss curators/bob/feed.xml",
        "rss feed.xml",
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

  it("lists every indexable page in the sitemap, and not the 404 page", () => {
    const { routes } = plan();
    const sitemap = routes.find((r) => r.format === "sitemap");
    if (sitemap?.format !== "sitemap") throw new Error("no sitemap");
    const html = routes
      .filter((r) => r.format === "html" && r.url !== "/404.html")
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

  it("caps feeds at 50 items, newest first", () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      scoop(`t/s${i}`, `2024-01-01T00:${String(i).padStart(2, "0")}`),
    );
    const feed = plan(many).routes.find((r) => r.url === "/feed.xml");
    if (feed?.format !== "rss") throw new Error("no feed");
    expect(feed.feed.items).toHaveLength(50);
    expect(feed.feed.items[0]!.slug).toBe("s59");
  });
});

describe("urls", () => {
  it("maps URLs to output files", () => {
    expect(outputPathFor("/")).toBe("index.html");
    expect(outputPathFor("/topics/x/page/2/")).toBe("topics/x/page/2/index.html");
    expect(outputPathFor("/feed.xml")).toBe("feed.xml");
  });

  it("puts links under the base path and percent-encodes them", () => {
    expect(hrefFor("/topics/x/", "/digest/")).toBe("/digest/topics/x/");
    expect(hrefFor("/tags/日本/", "/")).toBe("/tags/%E6%97%A5%E6%9C%AC/");
    expect(absoluteUrlFor("/", "https://example.org", "/digest/")).toBe(
      "https://example.org/digest/",
    );
  });
});
