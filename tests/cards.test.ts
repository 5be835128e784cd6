import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { buildSite, makeSite, readOut, tempDir } from "./helpers/sites.js";

/**
 * Issue 14's cards and scoop page: the headline leads to the source (or, with
 * `cards.headline: page`, to the scoop's page), the date to the scoop's page, the insight comes
 * before the excerpt, excerpt paragraphs stay apart, compact rows, and a scoop page that lets
 * readers respond (discuss, suggest, share) without a server.
 */
const fm = (data: Record<string, unknown>, body: string) => `---\n${stringify(data)}---\n${body}\n`;

interface SiteOptions {
  config?: Record<string, unknown>;
  topic?: Record<string, unknown>;
}

/** A one-topic digest: a scoop with a source, insight and two paragraphs; one without a url. */
function digest({ config = {}, topic = {} }: SiteOptions = {}): Record<string, string> {
  return {
    "curio.config.yml": stringify({
      title: "Test digest",
      baseUrl: "https://example.org/",
      timezone: "UTC",
      ...config,
    }),
    "content/curators/plus91.md": fm({ name: "Plus91" }, ""),
    "content/topics/health/_topic.md": fm({ title: "Health", curators: ["plus91"], ...topic }, ""),
    "content/topics/health/2024-05-02-sourced.md": fm(
      {
        title: 'Apps & "care" 🩺',
        url: "https://www.healthcareitnews.com/news/apps?x=1&y=2",
        date: "2024-05-02",
        insight: "Worth a read for **every** clinic.",
        image: "/images/apps.png",
        imageWidth: 800,
        imageHeight: 600,
        comments: [{ author: "Ann", date: "2024-05-03", text: "Agreed." }],
      },
      "First paragraph of the excerpt.\n\nSecond paragraph of the excerpt.",
    ),
    "content/topics/health/2024-05-01-no-source.md": fm(
      { title: "Notes without a source", date: "2024-05-01" },
      "Only an excerpt here.",
    ),
  };
}

async function build(
  options: SiteOptions = {},
): Promise<(rel: string) => Promise<cheerio.CheerioAPI>> {
  const root = await makeSite(digest(options));
  const outDir = `${await tempDir()}/dist`;
  const result = await buildSite(root, { outDir });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(result.ok).toBe(true);
  return async (rel) => cheerio.load(await readOut(outDir, rel));
}

const SOURCE = "https://www.healthcareitnews.com/news/apps?x=1&y=2";
const PAGE = "/topics/health/sourced/";

describe("cards", () => {
  it("link the headline to the source by default, marked with its domain; the date to the page", async () => {
    const page = await build();
    const $ = await page("topics/health/index.html");
    const card = $("article.card").first();
    const title = card.find(".card__title a");
    expect(title.attr("href")).toBe(SOURCE);
    expect(title.attr("rel")).toBe("noopener");
    expect(card.find(".card__domain").text()).toBe("healthcareitnews.com");
    expect(card.find("a.card__date").attr("href")).toBe(PAGE);
    expect(card.find("a.card__date time").attr("datetime")).toMatch(/^2024-05-02/);
    // A scoop without a url: the headline leads to its page, no source line.
    const other = $("article.card").eq(1);
    expect(other.find(".card__title a").attr("href")).toBe("/topics/health/no-source/");
    expect(other.find(".card__title a").attr("rel")).toBeUndefined();
    expect(other.find(".card__source")).toHaveLength(0);
  });

  it("link the headline to the scoop's page with cards.headline: page", async () => {
    const page = await build({ config: { cards: { headline: "page" } } });
    const $ = await page("topics/health/index.html");
    const card = $("article.card").first();
    expect(card.find(".card__title a").attr("href")).toBe(PAGE);
    expect(card.find(".card__title a").attr("rel")).toBeUndefined();
    expect(card.find(".card__source a").attr("href")).toBe(SOURCE);
    expect(card.find("a.card__date").attr("href")).toBe(PAGE);
  });

  it("lead with the curator's insight, then the excerpt's paragraphs apart; a side thumbnail", async () => {
    const page = await build();
    const $ = await page("topics/health/index.html");
    const card = $("article.card").first();
    const html = card.html()!;
    expect(html.indexOf("card__insight")).toBeGreaterThan(-1);
    expect(html.indexOf("card__insight")).toBeLessThan(html.indexOf("card__excerpt"));
    expect(card.find(".card__insight .label").text()).toBe("Plus91’s insight");
    expect(
      card
        .find(".card__excerpt p")
        .map((_, p) => $(p).text())
        .get(),
    ).toEqual(["First paragraph of the excerpt.", "Second paragraph of the excerpt."]);
    expect(card.hasClass("card--image")).toBe(true);
    const img = card.find("img.card__image");
    expect(img.attr("loading")).toBe("lazy");
    expect([img.attr("width"), img.attr("height")]).toEqual(["800", "600"]);
  });

  it("show a comment count only when there are comments", async () => {
    const page = await build();
    const $ = await page("topics/health/index.html");
    expect($("article.card").eq(0).find(".card__comments").text()).toContain("1 comment");
    expect($("article.card").eq(0).find(".card__comments").attr("href")).toBe(`${PAGE}#comments`);
    expect($("article.card").eq(1).find(".card__comments")).toHaveLength(0);
    expect($.html()).not.toContain("No comment yet");
  });

  it("are rows in the compact view: title, one line of insight (or excerpt), domain, date", async () => {
    const page = await build({ config: { cards: { view: "compact" } } });
    for (const file of ["topics/health/index.html", "index.html"]) {
      const $ = await page(file);
      const rows = $("article.card--compact");
      expect(rows, file).toHaveLength(2);
      expect($("article.card--full"), file).toHaveLength(0);
      const first = rows.eq(0);
      expect(first.find(".card__title a").attr("href")).toBe(SOURCE);
      expect(first.find(".card__line").text()).toBe("Worth a read for every clinic.");
      expect(first.find(".card__domain").text()).toContain("healthcareitnews.com");
      expect(first.find("a.card__date").attr("href")).toBe(PAGE);
      expect(first.find("img, .card__excerpt, .card__insight, .tag-list")).toHaveLength(0);
      expect(rows.eq(1).find(".card__line").text()).toBe("Only an excerpt here.");
    }
  });
});

describe("the scoop page", () => {
  it("puts the insight before the quoted excerpt, then the link to the article", async () => {
    const page = await build();
    const $ = await page("topics/health/sourced/index.html");
    const html = $("main").html()!;
    const at = (s: string) => html.indexOf(s);
    expect(at('class="scoop__source"')).toBeGreaterThan(-1);
    expect(at('class="scoop__source"')).toBeLessThan(at('class="insight'));
    expect(at('class="insight')).toBeLessThan(at('class="excerpt'));
    expect(at('class="excerpt')).toBeLessThan(at('class="scoop__more"'));
    expect($("#insight-heading").text()).toBe("Plus91’s insight");
  });

  it("shows no empty comments section, and no discuss, suggest or share links by default", async () => {
    const page = await build();
    const $ = await page("topics/health/no-source/index.html");
    expect($("#comments")).toHaveLength(0);
    expect($.html()).not.toContain("No comment yet");
    expect($(".share, .respond")).toHaveLength(0);
    const withComments = await page("topics/health/sourced/index.html");
    expect(withComments("#comments-heading").text()).toBe("Comments (1)");
    expect(withComments(".comment")).toHaveLength(1);
    expect(withComments(".respond")).toHaveLength(0);
  });

  it("links to the site's discuss and suggest addresses, a topic's own winning", async () => {
    const siteWide = await build({
      config: { discuss: "https://forum.example/c/health", suggest: "mailto:ed@example.org" },
    });
    let $ = await siteWide("topics/health/no-source/index.html");
    expect($("#comments-heading").text()).toBe("Have your say");
    const discuss = $('.respond a:contains("Discuss this scoop")');
    expect(discuss.attr("href")).toBe("https://forum.example/c/health");
    expect(discuss.attr("rel")).toBe("noopener");
    const suggest = $('.respond a:contains("Suggest a link")');
    expect(suggest.attr("href")).toBe("mailto:ed@example.org?subject=A%20link%20for%20Health");
    expect(suggest.attr("rel")).toBeUndefined();

    const topicOwn = await build({
      config: { discuss: "https://forum.example/c/health", suggest: "mailto:ed@example.org" },
      topic: { discuss: "mailto:health@example.org", suggest: "/suggest/" },
    });
    $ = await topicOwn("topics/health/no-source/index.html");
    expect($('.respond a:contains("Discuss this scoop")').attr("href")).toBe(
      "mailto:health@example.org?subject=Re%3A%20Notes%20without%20a%20source",
    );
    expect($('.respond a:contains("Suggest a link")').attr("href")).toBe("/suggest/");
  });

  it("shows share links only when configured, in the configured order, properly encoded", async () => {
    const page = await build({ config: { share: ["bluesky", "email", "linkedin", "mastodon"] } });
    const $ = await page("topics/health/sourced/index.html");
    const links = $(".share a")
      .map((_, a) => ({ text: $(a).text(), href: $(a).attr("href") }))
      .get();
    const url = encodeURIComponent(`https://example.org${PAGE}`);
    const title = encodeURIComponent('Apps & "care" 🩺');
    expect(links).toEqual([
      {
        text: "Share on Bluesky",
        href: `https://bsky.app/intent/compose?text=${title}%20${url}`,
      },
      { text: "Share by Email", href: `mailto:?subject=${title}&body=${url}` },
      {
        text: "Share on LinkedIn",
        href: `https://www.linkedin.com/sharing/share-offsite/?url=${url}`,
      },
      { text: "Share on Mastodon", href: `https://mastodonshare.com/?text=${title}%20${url}` },
    ]);
    // Escaped in the markup: the raw `&` of the query is `&#38;` there.
    expect($.html()).not.toMatch(/href="mailto:\?subject=[^"]*&body/);
  });
});
