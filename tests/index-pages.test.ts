import * as cheerio from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { readSources } from "../src/load/read-sources.js";
import { buildInMemory, makeSite } from "./helpers/sites.js";

/**
 * Issue 14's pages on a small site under a base path: `/topics/`, `/curators/`, `/subscribe/`,
 * the nav and footer that lead there, and the feed links of every list page. A topic is called
 * `subscribe`, to show it does not clash with the subscribe page.
 */
const scoop = (title: string, date: string, extra = "") =>
  `---\ntitle: ${title}\ndate: ${date}\nurl: https://news.example.com/${title.toLowerCase().replace(/\W+/g, "-")}\ncurator: ann\n${extra}---\nQuoted words.\n`;

let files: ReadonlyMap<string, Uint8Array>;
const page = (rel: string) => {
  const bytes = files.get(rel);
  if (!bytes) throw new Error(`no ${rel} in the build`);
  return cheerio.load(Buffer.from(bytes).toString("utf8"));
};
const text = ($: cheerio.CheerioAPI, selector: string) =>
  $(selector)
    .map((_, el) => $(el).text().replace(/\s+/g, " ").trim())
    .get();
const hrefs = ($: cheerio.CheerioAPI, selector: string) =>
  $(selector)
    .map((_, el) => $(el).attr("href"))
    .get();

beforeAll(async () => {
  const root = await makeSite({
    "curio.config.yml":
      "title: Tiny digest\nbaseUrl: https://example.org/digest/\ntimezone: UTC\npageSize: 2\n",
    "content/curators/ann.md":
      "---\nname: Ann Example\navatar: /images/ann.png\n---\nAnn grows *tomatoes*.\n",
    "content/curators/bob.md": "---\nname: Bob\n---\n",
    "content/curators/cy.md": "---\nname: Cy\n---\n",
    "content/topics/garden/_topic.md":
      "---\ntitle: Garden\ndescription: Growing things\ncurators: [ann]\n---\n",
    "content/topics/subscribe/_topic.md": "---\ntitle: Newsletters\ncurators: [ann, bob]\n---\n",
    "content/topics/garden/2024-03-01-old.md": scoop("Old news", "2024-03-01", "tags: [Soil]\n"),
    "content/topics/garden/2024-03-05-new.md": scoop(
      "Fresh tomatoes",
      "2024-03-05",
      "tags: [Soil, Sun]\n",
    ),
    "content/topics/subscribe/2024-02-01-letters.md": scoop("Letters", "2024-02-01"),
  });
  const built = await buildInMemory(await readSources(root));
  expect(built.result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(built.result.ok).toBe(true);
  files = built.files;
});

describe("the nav and footer", () => {
  it("lead to the topics, curators, tags and subscribe pages, marking the current one", () => {
    const $ = page("curators/index.html");
    expect(text($, ".site-nav a")).toEqual(["Topics", "Curators", "Tags", "Subscribe"]);
    expect(hrefs($, ".site-nav a")).toEqual([
      "/digest/topics/",
      "/digest/curators/",
      "/digest/tags/",
      "/digest/subscribe/",
    ]);
    expect(text($, '.site-nav a[aria-current="page"]')).toEqual(["Curators"]);
    expect(text(page("subscribe/index.html"), '.site-nav a[aria-current="page"]')).toEqual([
      "Subscribe",
    ]);
    expect(hrefs($, ".site-footer a")).toEqual(["/digest/subscribe/"]);
    expect(hrefs(page("index.html"), ".site-nav a, .site-footer a")).not.toContain(
      "/digest/feed.xml",
    );
  });
});

describe("/topics/", () => {
  it("shows every topic as the home page does: description, curators, count, newest scoop", () => {
    const $ = page("topics/index.html");
    expect($("title").text()).toBe("Topics · Tiny digest");
    expect(text($, "h1")).toEqual(["Topics"]);
    expect(text($, ".topic-card h2")).toEqual(["Garden", "Newsletters"]);
    expect(hrefs($, ".topic-card h2 a")).toEqual([
      "/digest/topics/garden/",
      "/digest/topics/subscribe/",
    ]);
    const [garden, letters] = $(".topic-card").toArray();
    expect($(garden).text().replace(/\s+/g, " ")).toContain(
      "Growing things Curated by Ann Example · 2 scoops Latest: Fresh tomatoes, March 5, 2024",
    );
    expect($(letters).text().replace(/\s+/g, " ")).toContain("Curated by Ann Example, Bob");
    // The same cards as the home page's, one heading level up.
    const home = page("index.html");
    expect(home(".topic-card").first().html()!.replace(/h3/g, "h2")).toBe(
      $(".topic-card").first().html(),
    );
  });
});

describe("/curators/", () => {
  it("shows each curator's avatar, name, bio, scoop count and topics", () => {
    const $ = page("curators/index.html");
    expect(text($, "h1")).toEqual(["Curators"]);
    expect(text($, ".curator-card h2")).toEqual(["Ann Example", "Bob", "Cy"]);
    expect(hrefs($, ".curator-card h2 a")).toEqual([
      "/digest/curators/ann/",
      "/digest/curators/bob/",
      "/digest/curators/cy/",
    ]);
    expect($(".curator-card img").attr("src")).toBe("/digest/images/ann.png");
    expect($(".curator-card img").attr("alt")).toBe("");
    expect(text($, ".curator-card__meta")).toEqual([
      "3 scoops · curates Garden, Newsletters",
      "0 scoops · curates Newsletters",
      "0 scoops",
    ]);
    expect($(".curator-card__bio").first().html()).toContain("<em>tomatoes</em>");
  });

  it("and a curator's own page names their topics", () => {
    const $ = page("curators/bob/index.html");
    expect(text($, ".curator-topics")).toEqual(["Curates Newsletters"]);
    expect(hrefs($, ".curator-topics a")).toEqual(["/digest/topics/subscribe/"]);
    expect(page("curators/cy/index.html")(".curator-topics")).toHaveLength(0);
  });
});

describe("every list page links its own feeds", () => {
  it.each([
    ["topics/garden/index.html", "topics/garden/", "Garden"],
    ["curators/ann/page/2/index.html", "curators/ann/", "scoops by Ann Example"],
    ["curators/ann/index.html", "curators/ann/", "scoops by Ann Example"],
    ["tags/soil/index.html", "tags/soil/", "scoops tagged Soil"],
  ])("%s", (file, dir, name) => {
    const $ = page(file);
    const links = $("main .feed-links a");
    expect(links.map((_, a) => $(a).attr("href")).get()).toEqual([
      `/digest/subscribe/#feeds-${dir.replace(/\/$/, "").replace(/\//g, "-")}`,
      `/digest/${dir}feed.xml`,
      `/digest/${dir}atom.xml`,
      `/digest/${dir}feed.json`,
    ]);
    expect(links.map((_, a) => $(a).text()).get()).toEqual([
      `Subscribe to ${name}`,
      `RSS feed of ${name}`,
      `Atom feed of ${name}`,
      `JSON Feed feed of ${name}`,
    ]);
    expect(
      $("main .feed-links")
        .text()
        .replace(/ (to|feed of) [^:,]+?(?=[:,]|$| or )/g, ""),
    ).toBe("Subscribe: RSS, Atom or JSON Feed");
  });
});

describe("/subscribe/", () => {
  it("says what a feed reader is and links the OPML file", () => {
    const $ = page("subscribe/index.html");
    expect($("title").text()).toBe("Subscribe · Tiny digest");
    expect(text($, "h1")).toEqual(["Subscribe"]);
    expect($(".page-header").text()).toMatch(/A feed reader is an app or website/);
    expect(hrefs($, ".page-header a")).toEqual(["/digest/feeds.opml"]);
  });

  it("lists the site's feeds, then every topic's, curator's and tag's, in each format", () => {
    const $ = page("subscribe/index.html");
    expect(text($, "main h2")).toEqual(["Everything", "Topics", "Curators", "Tags", "Digests"]);
    const rows = $(".feed-list__item")
      .map((_, li) => ({
        id: $(li).attr("id"),
        name: $(li).find(".feed-list__name").text(),
        page: $(li).find(".feed-list__name").attr("href"),
        feeds: $(li)
          .find(".feed-list__formats a")
          .map((_, a) => $(a).attr("href"))
          .get(),
      }))
      .get();
    expect(rows.map((r) => [r.id, r.name, r.page])).toEqual([
      ["feeds-site", "Tiny digest", "/digest/"],
      ["feeds-topics-garden", "Garden", "/digest/topics/garden/"],
      ["feeds-topics-subscribe", "Newsletters", "/digest/topics/subscribe/"],
      ["feeds-curators-ann", "Scoops by Ann Example", "/digest/curators/ann/"],
      ["feeds-curators-bob", "Scoops by Bob", "/digest/curators/bob/"],
      ["feeds-curators-cy", "Scoops by Cy", "/digest/curators/cy/"],
      ["feeds-tags-soil", "Scoops tagged Soil", "/digest/tags/soil/"],
      ["feeds-tags-sun", "Scoops tagged Sun", "/digest/tags/sun/"],
      [
        "feeds-topics-garden-digests",
        "Garden: the weekly digest",
        "/digest/topics/garden/digests/",
      ],
      [
        "feeds-topics-subscribe-digests",
        "Newsletters: the weekly digest",
        "/digest/topics/subscribe/digests/",
      ],
    ]);
    for (const r of rows) {
      expect(r.feeds).toEqual(["feed.xml", "atom.xml", "feed.json"].map((f) => `${r.page}${f}`));
      for (const f of r.feeds) expect(files.has(f.replace("/digest/", ""))).toBe(true);
    }
    // Every format link names its feed for screen readers.
    expect(text($, ".feed-list__formats a").slice(0, 3)).toEqual([
      "RSS feed of Tiny digest",
      "Atom feed of Tiny digest",
      "JSON Feed feed of Tiny digest",
    ]);
  });

  it("is in the sitemap with the other index pages", () => {
    const sitemap = Buffer.from(files.get("sitemap.xml")!).toString("utf8");
    for (const url of ["topics/", "curators/", "subscribe/"]) {
      expect(sitemap).toContain(`<url><loc>https://example.org/digest/${url}</loc></url>`);
    }
  });

  it("describes the index pages as collections for search engines", () => {
    for (const file of ["topics/index.html", "curators/index.html", "subscribe/index.html"]) {
      const $ = page(file);
      const data = JSON.parse($('script[type="application/ld+json"]').text()) as {
        "@type": string;
      };
      expect(data["@type"], file).toBe("CollectionPage");
    }
  });
});
