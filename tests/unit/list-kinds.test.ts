import { indexDigestIssues } from "../../src/index/digest-issues.js";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { indexSite } from "../../src/index/site-index.js";
import type { Scoop } from "../../src/model.js";
import type { ListKind, ListKindName, ListKindTable } from "../../src/plan/list-kinds.js";
import { LIST_KIND_NAMES, LIST_KINDS, listPageTitle } from "../../src/plan/list-kinds.js";
import { LISTING_FIELDS, listingShape } from "../../src/plan/listing-fields.js";
import type { PageKind } from "../../src/plan/page-templates.js";
import { PAGE_TEMPLATES, REQUIRED_TEMPLATES } from "../../src/plan/page-templates.js";
import { paginate } from "../../src/plan/paginate.js";
import { planSite } from "../../src/plan/plan-site.js";
import type { HtmlRoute } from "../../src/plan/routes.js";
import { config, curator, scoop, topic } from "../helpers/factories.js";
import { REPO_ROOT } from "../helpers/sites.js";

const scoops = [
  scoop("t/a", "2024-01-05", { tags: ["News"] }),
  scoop("t/b", "2024-01-04", { tags: ["news"], curatorId: "bob" }),
  scoop("t/c", "2024-01-03", { pinned: true, tags: ["News"] }),
];

function site(pageSize = 2) {
  return indexSite(
    config({ pageSize, description: "All the news" }),
    [curator("ann"), curator("bob")],
    [topic("t", ["ann", "bob"], { description: "About t" })],
    scoops,
  );
}

const slugs = (list: readonly Scoop[]) => list.map((s) => s.slug);

/** What the first list of each kind is, for `site()`. */
const FIRST: {
  readonly [K in ListKindName]: {
    url: string;
    title: string;
    description: string;
    listed: string[];
    feed: { title: string; description: string; scoops: string[] };
    sources: string[];
  };
} = {
  home: {
    url: "/",
    title: "Test digest",
    description: "All the news",
    listed: ["a", "b", "c"],
    feed: { title: "Test digest", description: "All the news", scoops: ["a", "b", "c"] },
    sources: [],
  },
  topic: {
    url: "/topics/t/",
    title: "Topic t",
    description: "About t",
    listed: ["c", "a", "b"],
    feed: { title: "Topic t", description: "About t", scoops: ["a", "b", "c"] },
    sources: ["content/topics/t/_topic.md"],
  },
  curator: {
    url: "/curators/ann/",
    title: "ANN",
    description: "Scoops curated by ANN",
    listed: ["a", "c"],
    feed: {
      title: "Scoops by ANN",
      description: "Scoops curated by ANN on Test digest",
      scoops: ["a", "c"],
    },
    sources: ["content/curators/ann.md"],
  },
  tag: {
    url: "/tags/news/",
    title: "Tagged “News”",
    description: "Scoops tagged News",
    listed: ["a", "b", "c"],
    feed: {
      title: "Scoops tagged News",
      description: "Scoops tagged News on Test digest",
      scoops: ["a", "b", "c"],
    },
    sources: ["content/topics/t/2024-01-05-a.md", "content/topics/t/2024-01-04-b.md"],
  },
};

describe("LIST_KINDS", () => {
  it.each(LIST_KIND_NAMES)("gives the %s lists their URL, titles, scoops and feeds", (name) => {
    const [entry] = LIST_KINDS[name].entries(site());
    if (!entry) throw new Error(`no ${name} list`);
    const want = FIRST[name];
    expect({
      url: entry.url,
      title: entry.title,
      description: entry.description,
      listed: slugs(entry.listed),
      feed: { ...entry.feed, scoops: slugs(entry.feed.scoops) },
      sources: entry.sources,
    }).toEqual(want);
    const [first, second] = paginate(entry.listed, 2, entry.url);
    expect(entry.page(first!)).toMatchObject({ kind: name, pager: first });
    expect(entry.page(second!).kind).toBe(name);
  });

  it("has one list for the site, and one for every topic, curator and tag", () => {
    const index = site();
    expect(LIST_KINDS.home.entries(index)).toHaveLength(1);
    expect(LIST_KINDS.topic.entries(index)).toHaveLength(index.topics.length);
    expect(LIST_KINDS.curator.entries(index)).toHaveLength(index.curators.length);
    expect(LIST_KINDS.tag.entries(index)).toHaveLength(index.tags.length);
  });

  it("plans the home page first: its feeds are the site's, and only its", () => {
    expect(LIST_KIND_NAMES[0]).toBe("home");
    expect(LIST_KIND_NAMES.filter((name) => LIST_KINDS[name].siteFeeds)).toEqual(["home"]);
  });

  it("gives a topic's scoops their own pages, and the home page the topics on page 1 only", () => {
    const index = site();
    const [topicList] = LIST_KINDS.topic.entries(index);
    expect(slugs(topicList!.scoopPages ?? [])).toEqual(["a", "b", "c"]);
    const [home] = LIST_KINDS.home.entries(index);
    const [first, second] = paginate(home!.listed, 2, home!.url);
    expect(home!.page(first!).topics.map((t) => t.topic.id)).toEqual(["t"]);
    expect(home!.page(second!).topics).toEqual([]);
    expect(home!.page(first!).topics[0]).toBe(topicList!.page(first!).entry);
  });

  it("names the OPML groups in the order of the kinds", () => {
    expect(LIST_KIND_NAMES.map((name) => LIST_KINDS[name].opmlGroup)).toEqual([
      "Site",
      "Topics",
      "Curators",
      "Tags",
    ]);
  });

  it("titles page N of a list `<title>, page N`", () => {
    expect(listPageTitle("Topic t", 1)).toBe("Topic t");
    expect(listPageTitle("Tagged “News”", 3)).toBe("Tagged “News”, page 3");
  });
});

describe("planSite with LIST_KINDS", () => {
  const index = site(1);
  const digests = indexDigestIssues(index, { now: Date.parse("2030-01-01T00:00:00Z") });
  const html = planSite({ index, assets: [], statics: [], digests }).routes.filter(
    (r): r is HtmlRoute => r.format === "html",
  );

  it.each(LIST_KIND_NAMES)("paginates every %s list with its template and titles", (name) => {
    for (const entry of LIST_KINDS[name].entries(site(1))) {
      const pages = html.filter((r) => r.page.kind === name && r.url.startsWith(entry.url));
      expect(pages.map((r) => r.url)).toEqual(
        entry.listed.map((_, i) => (i === 0 ? entry.url : `${entry.url}page/${i + 1}/`)),
      );
      expect(pages.map((r) => r.title)).toEqual(
        pages.map((_, i) => listPageTitle(entry.title, i + 1)),
      );
      for (const page of pages) expect(page.template).toBe(LIST_KINDS[name].template);
    }
  });

  it("renders every page with its kind's template", () => {
    for (const route of html) expect(route.template).toBe(PAGE_TEMPLATES[route.page.kind]);
    const kinds = new Set(html.map((r) => r.page.kind));
    expect([...kinds].sort()).toEqual(Object.keys(PAGE_TEMPLATES).sort());
  });
});

describe("REQUIRED_TEMPLATES", () => {
  it("names a template for every kind of page, and the default theme has each", () => {
    expect([...REQUIRED_TEMPLATES].sort()).toEqual(
      [
        "home",
        "topic",
        "scoop",
        "curator",
        "topics",
        "curators",
        "tags",
        "tag",
        "subscribe",
        "digests",
        "digest",
        "email",
        "search",
        "404",
      ].sort(),
    );
    for (const name of REQUIRED_TEMPLATES) {
      expect(existsSync(path.join(REPO_ROOT, "templates", `${name}.eta`)), name).toBe(true);
    }
  });

  it("is checked by the compiler: every list kind has a row, every row and page a template", () => {
    // @ts-expect-error: the table must have a row for every list kind
    const missingRow: ListKindTable = { home: LIST_KINDS.home };
    // @ts-expect-error: a row must name its template
    const noTemplate: ListKind<"tag"> = { opmlGroup: "Tags", entries: () => [] };
    // @ts-expect-error: every kind of page must have a template
    const noPage: { readonly [K in PageKind]: string } = { home: "home" };
    expect([missingRow, noTemplate, noPage]).toHaveLength(3);
  });
});

describe("listingShape", () => {
  const base = scoop("t/a", "2024-01-05", { tags: ["News"] });
  const changed: { [F in (typeof LISTING_FIELDS)[number]]: Partial<Scoop> } = {
    id: { id: "t/z" },
    slug: { slug: "z" },
    topicId: { topicId: "u" },
    file: { file: "content/topics/t/other.md" },
    date: { date: scoop("t/a", "2024-01-06").date },
    curatorId: { curatorId: "bob" },
    tags: { tags: ["News", "Tips"] },
    pinned: { pinned: true },
    draft: { draft: true },
  };

  it("changes with every listing field", () => {
    for (const field of LISTING_FIELDS) {
      expect(listingShape({ ...base, ...changed[field] }), field).not.toBe(listingShape(base));
    }
  });

  it("stays the same when only shown text changes", () => {
    const edited = { ...base, title: "Other", excerptText: "Other", insightHtml: "<p>Mine</p>" };
    expect(listingShape(edited)).toBe(listingShape(base));
  });
});
