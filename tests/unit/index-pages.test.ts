import { describe, expect, it } from "vitest";
import { indexSite } from "../../src/index/site-index.js";
import { LIST_KINDS } from "../../src/plan/list-kinds.js";
import { PAGE_TEMPLATES, REQUIRED_TEMPLATES } from "../../src/plan/page-templates.js";
import { planSite } from "../../src/plan/plan-site.js";
import { routesByEntity } from "../../src/plan/replace-scoops.js";
import type { HtmlRoute, OpmlRoute, PageData, Route, SitemapRoute } from "../../src/plan/routes.js";
import { summariesOf } from "../../src/plan/summaries.js";
import { subscribeAnchor, urls } from "../../src/plan/urls.js";
import { config, curator, scoop, topic } from "../helpers/factories.js";

/**
 * Issue 14's index pages: `/topics/` and `/curators/` (index pages of their list kinds) and
 * `/subscribe/` (every list's feeds, planned in `planSite`).
 */
const scoops = [
  scoop("t/a", "2024-01-05", { tags: ["News"] }),
  scoop("t/b", "2024-01-04", { tags: ["news"], curatorId: "bob" }),
  scoop("u/c", "2024-01-03", { curatorId: "cy" }),
];

function site(topics = [topic("t", ["ann"]), topic("u", ["ann"])]) {
  return indexSite(
    config({ pageSize: 2 }),
    [curator("ann"), curator("bob"), curator("cy"), curator("dee")],
    topics,
    scoops,
  );
}

function plan(index = site()) {
  return planSite({ index, assets: [], statics: [] });
}

const html = (routes: readonly Route[], url: string) => {
  const route = routes.find((r): r is HtmlRoute => r.format === "html" && r.url === url);
  if (!route) throw new Error(`no page at ${url}`);
  return route;
};

function pageOf<K extends PageData["kind"]>(route: HtmlRoute, kind: K) {
  if (route.page.kind !== kind) throw new Error(`${route.url} is a ${route.page.kind} page`);
  return route.page as Extract<PageData, { kind: K }>;
}

describe("urls of the index pages", () => {
  it("puts the topic and curator lists above their pages, and the subscribe page at the top", () => {
    expect(urls.topics()).toBe("/topics/");
    expect(urls.curators()).toBe("/curators/");
    expect(urls.subscribe()).toBe("/subscribe/");
    expect(urls.subscribe("/topics/t/")).toBe("/subscribe/#feeds-topics-t");
    expect(urls.subscribe("/")).toBe("/subscribe/#feeds-site");
    expect(subscribeAnchor("/tags/a-b/")).toBe("feeds-tags-a-b");
  });

  it("gives a list's feeds in every format, RSS first", () => {
    expect(urls.feedsOf("/curators/ann/").map((f) => [f.label, f.url, f.type])).toEqual([
      ["RSS", "/curators/ann/feed.xml", "application/rss+xml"],
      ["Atom", "/curators/ann/atom.xml", "application/atom+xml"],
      ["JSON Feed", "/curators/ann/feed.json", "application/feed+json"],
    ]);
  });
});

describe("planning /topics/, /curators/ and /subscribe/", () => {
  const { routes, diagnostics } = plan();

  it("plans each once, with its template, title and the site's feeds", () => {
    expect(diagnostics).toEqual([]);
    const want = [
      ["/topics/", "topics/index.html", "topics", "Topics"],
      ["/curators/", "curators/index.html", "curators", "Curators"],
      ["/subscribe/", "subscribe/index.html", "subscribe", "Subscribe"],
    ] as const;
    for (const [url, outputPath, kind, title] of want) {
      const route = html(routes, url);
      expect(routes.filter((r) => r.url === url)).toHaveLength(1);
      expect(route).toMatchObject({ outputPath, title, indexable: true, sources: [] });
      expect(route.page.kind).toBe(kind);
      expect(route.template).toBe(PAGE_TEMPLATES[kind]);
      expect(route.description).toBeTruthy();
      expect(route.feeds.map((f) => f.url)).toEqual(["/feed.xml", "/atom.xml", "/feed.json"]);
    }
    expect(REQUIRED_TEMPLATES).toEqual(expect.arrayContaining(["topics", "curators", "subscribe"]));
  });

  it("lists them in the sitemap without a date, like /tags/", () => {
    const sitemap = routes.find((r): r is SitemapRoute => r.format === "sitemap")!;
    for (const url of ["/topics/", "/curators/", "/subscribe/", "/tags/"]) {
      expect(sitemap.pages.filter((p) => p.url === url)).toEqual([{ url }]);
    }
  });

  it("plans the index pages before the lists they list", () => {
    const at = (url: string) => routes.findIndex((r) => r.url === url);
    expect(at("/topics/")).toBeLessThan(at("/topics/t/"));
    expect(at("/curators/")).toBeLessThan(at("/curators/ann/"));
    expect(at("/subscribe/")).toBeGreaterThan(at("/tags/news/"));
  });

  it("shows every topic as the home page does: the same summary objects", () => {
    const index = site();
    const planned = plan(index).routes;
    const topics = pageOf(html(planned, "/topics/"), "topics").topics;
    expect(topics).toBe(summariesOf(index).topics);
    expect(topics).toBe(pageOf(html(planned, "/"), "home").topics);
    expect(topics.map((t) => [t.topic.id, t.count, t.latest?.slug])).toEqual([
      ["t", 2, "a"],
      ["u", 1, "c"],
    ]);
  });

  it("shows every curator with their count and topics, as their own pages do", () => {
    const index = site();
    const planned = plan(index).routes;
    const curators = pageOf(html(planned, "/curators/"), "curators").curators;
    expect(curators.map((c) => [c.curator.id, c.count, c.topics.map((t) => t.id)])).toEqual([
      ["ann", 1, ["t", "u"]],
      ["bob", 1, ["t"]], // named by no topic, but scooped in t
      ["cy", 1, ["u"]],
      ["dee", 0, []],
    ]);
    const own = pageOf(html(planned, "/curators/bob/"), "curator").entry;
    expect(own).toBe(curators[1]);
  });

  it("lists on /subscribe/ every list the OPML file lists, with each one's place", () => {
    const page = pageOf(html(routes, "/subscribe/"), "subscribe");
    const opml = routes.find((r): r is OpmlRoute => r.format === "opml")!;
    expect(page.groups.map((g) => g.title)).toEqual(opml.groups.map((g) => g.title));
    expect(page.groups.map((g) => g.lists.map((l) => [l.title, l.url]))).toEqual(
      opml.groups.map((g) => g.feeds.map((f) => [f.title, f.htmlUrl])),
    );
    expect(page.groups.flatMap((g) => g.lists.map((l) => l.url))).toEqual([
      "/",
      "/topics/t/",
      "/topics/u/",
      "/curators/ann/",
      "/curators/bob/",
      "/curators/cy/",
      "/curators/dee/",
      "/tags/news/",
    ]);
    for (const list of page.groups.flatMap((g) => g.lists)) {
      expect(urls.subscribe(list.url)).toBe(`/subscribe/#${list.id}`);
    }
  });

  it("re-renders /topics/ when its topics' newest scoops change, and no index page for others", () => {
    const byEntity = routesByEntity(routes);
    const reaching = (s: object) => (byEntity.get(s) ?? []).map((i) => routes[i]!.url);
    const newest = scoops[0]!; // t's newest: shown on /topics/ and /
    expect(reaching(newest)).toEqual(expect.arrayContaining(["/", "/topics/"]));
    const older = scoops[1]!;
    expect(reaching(older)).not.toContain("/topics/");
    for (const s of scoops) {
      expect(reaching(s)).not.toContain("/curators/");
      expect(reaching(s)).not.toContain("/subscribe/");
    }
  });
});

describe("names that could collide with the index pages", () => {
  it("a topic, curator or tag called `subscribe`, `topics` or `curators` stays under its own folder", () => {
    const index = indexSite(
      config(),
      [curator("ann"), curator("topics"), curator("subscribe")],
      [topic("subscribe"), topic("curators"), topic("topics")],
      [
        scoop("subscribe/a", "2024-01-05", { tags: ["subscribe", "topics", "curators"] }),
        scoop("topics/b", "2024-01-04", { curatorId: "topics" }),
      ],
    );
    const { routes, diagnostics } = planSite({ index, assets: [], statics: [] });
    expect(diagnostics).toEqual([]);
    const paths = routes.map((r) => r.outputPath);
    for (const p of [
      "topics/index.html",
      "curators/index.html",
      "subscribe/index.html",
      "topics/subscribe/index.html",
      "topics/topics/index.html",
      "curators/subscribe/index.html",
      "tags/subscribe/index.html",
    ]) {
      expect(
        paths.filter((x) => x === p),
        p,
      ).toHaveLength(1);
    }
  });

  it("a static file in the place of an index page is a collision naming it", () => {
    for (const url of ["/topics/", "/curators/", "/subscribe/"]) {
      const file = `static${url}index.html`;
      const { diagnostics } = planSite({ index: site(), assets: [], statics: [file] });
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({ code: "url-collision", file });
      expect(diagnostics[0]!.message).toBe(
        `the static file ${file} would replace the file Curio writes at ${url}`,
      );
    }
  });

  it("the topic and curator rows give their index pages", () => {
    const index = site();
    expect(LIST_KINDS.topic.indexPage?.(index).url).toBe("/topics/");
    expect(LIST_KINDS.curator.indexPage?.(index).url).toBe("/curators/");
  });
});
