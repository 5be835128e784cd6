import { readFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";
import { parseFrontMatter } from "../src/parse/front-matter.js";
import { buildSite, listFiles, readOut, REPO_ROOT, tempDir } from "./helpers/sites.js";

const TOPIC = "social-media-and-healthcare";
const TOPIC_DIR = path.join(REPO_ROOT, "content", "topics", TOPIC);
let out: string;
let files: string[];
let warnings: readonly Diagnostic[];

/** The example's scoop files, read independently of Curio's pipeline. */
async function exampleScoops() {
  const names = (await listFiles(TOPIC_DIR)).filter((f) => f !== "_topic.md");
  return Promise.all(
    names.map(async (name) => {
      const fm = parseFrontMatter(name, await readFile(path.join(TOPIC_DIR, name), "utf8"));
      return { name, slug: name.slice(11, -3), data: fm.data as Record<string, unknown> };
    }),
  );
}

const page = async (rel: string) => cheerio.load(await readOut(out, rel));
const text = ($: cheerio.CheerioAPI) => $("main").text().replace(/\s+/g, " ");

beforeAll(async () => {
  out = path.join(await tempDir(), "dist");
  const result = await buildSite(REPO_ROOT, { outDir: out });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(result.ok).toBe(true);
  warnings = result.diagnostics;
  files = await listFiles(out);
});

describe("the example digest's warnings", () => {
  const at = (d: Diagnostic) => [d.code, d.file, d.line];
  const byCode = (code: string) => warnings.filter((d) => d.code === code);

  it("are the placeholder baseUrl, the cta without a url and the empty comment, and long excerpts", () => {
    expect(warnings.every((d) => d.severity === "warning")).toBe(true);
    expect(warnings.filter((d) => d.code !== "long-excerpt").map(at)).toEqual([
      ["placeholder-base-url", "curio.config.yml", 4],
      [
        "empty-comment",
        `content/topics/${TOPIC}/2019-04-18-social-media-implementation-checklist.md`,
        15,
      ],
      ["cta-without-url", `content/topics/${TOPIC}/_topic.md`, 6],
    ]);
  });

  // A faithful copy of a Scoop.it topic quotes whole articles: 17 of its 27 excerpts are over
  // the 300 words of `excerptWords`, each warned of at its body's first line.
  it("name every excerpt over 300 words, with its length", () => {
    const long = byCode("long-excerpt");
    expect(
      long.map((d) => [
        d.file!.slice(d.file!.lastIndexOf("/") + 1),
        Number(/is (\d+) words/.exec(d.message)![1]),
      ]),
    ).toEqual([
      ["2019-03-24-enlisting-social-media-to-support-those-living-with-terminal.md", 721],
      ["2019-03-25-complete-guide-to-patient-retention-at-your-medical-practice.md", 2150],
      ["2019-03-27-how-social-media-is-providing-a-holistic-approach-to-the.md", 494],
      ["2019-03-28-how-digital-marketing-can-improve-the-results-of-healthcare.md", 564],
      ["2019-03-29-5-forecasts-of-healthcare-marketing.md", 423],
      ["2019-03-31-healthcare-marketing-in-india-a-growing-industry.md", 359],
      ["2019-04-02-using-social-media-to-market-your-medical-products.md", 798],
      ["2019-04-03-healthcare-providers-patients-social-media.md", 1114],
      ["2019-04-06-dont-let-hipaa-scare-you-away-from-social-media.md", 524],
      ["2019-04-07-patient-communications-why-pharma-leaders-should-think-like.md", 862],
      ["2019-04-10-how-hospitals-can-optimize-digital-marketing-strategy-for.md", 934],
      ["2019-04-12-hookahlife-social-media-posts-spread-misleading-information.md", 385],
      ["2019-04-13-ai-ambulances-and-robot-doctors-china-seeks-digital-salve-to.md", 1278],
      ["2019-04-14-ihealthspot-blog-how-the-face-of-healthcare-marketing-is.md", 625],
      ["2019-04-15-video-5-things-your-specialty-clinic-needs-to-know-now.md", 705],
      ["2019-04-16-take-two-and-tweet-me-in-the-morning-how-social-media-is.md", 1670],
      ["2019-04-17-social-medias-having-a-crisis-heres-why-your-organization.md", 804],
    ]);
    for (const d of long) {
      expect(d.line).toBe(8);
      expect(d.message).toMatch(
        /^the excerpt is \d+ words long, over the 300 of `excerptWords`: quoting a whole article is not curation$/,
      );
    }
  });
});

describe("the example digest", () => {
  it("has 27 scoop pages", () => {
    const scoopPages = files.filter((f) =>
      new RegExp(`^topics/${TOPIC}/(?!page/|digests/)[^/]+/index\\.html$`).test(f),
    );
    expect(scoopPages).toHaveLength(27);
  });

  it("shows 20 then 7 scoops on the topic pages, the pinned one first", async () => {
    const p1 = await page(`topics/${TOPIC}/index.html`);
    const p2 = await page(`topics/${TOPIC}/page/2/index.html`);
    expect(p1("main article.card")).toHaveLength(20);
    expect(p2("main article.card")).toHaveLength(7);
    const first = p1("main article.card").first();
    expect(first.find(".card__title").text()).toBe(
      "Here's The Simple Secret To Apple's Marketing Success",
    );
    expect(first.find(".card__pin").text()).toBe("Pinned");
    expect(files).not.toContain(`topics/${TOPIC}/page/3/index.html`);
  });

  it("has both curators' pages, listing their scoops across pages", async () => {
    const nrip = await page("curators/nrip/index.html");
    const plus91 = await page("curators/plus91/index.html");
    expect(nrip("h1").text()).toBe("nrip");
    expect(nrip("main article.card")).toHaveLength(2);
    expect(plus91("h1").text()).toBe("Plus91");
    const plus91p2 = await page("curators/plus91/page/2/index.html");
    expect(plus91("main article.card").length + plus91p2("main article.card").length).toBe(25);
  });

  it("shows the topic header: title, description, audience, curators, scoop count, and the call to action", async () => {
    const $ = await page(`topics/${TOPIC}/index.html`);
    expect($("h1").text()).toBe("Social Media and Healthcare");
    const t = text($);
    expect(t).toContain(
      "Articles and Discussions on the intersection of Social Media and Healthcare.",
    );
    expect(t).toContain(
      "Relevant to Healthcare Practitioners, Pharma', Insurance, Clinicians, Labs, Health IT Vendors, Health Marketeers, Health Policy Makers, Hospital Administrators.",
    );
    expect($(".topic-header__meta").text().replace(/\s+/g, " ")).toContain(
      "Curated by nrip, Plus91 · 27 scoops",
    );
    expect($(".cta h2").text()).toBe(
      "Would you like me to help you with your Social Media Activities?",
    );
    expect($(".cta").text()).toContain("Please fill this form and I will get in touch with you");
    // The call to action ends the topic's last page too.
    expect((await page(`topics/${TOPIC}/page/2/index.html`))(".cta")).toHaveLength(1);
  });

  it("shows every scoop's title, full excerpt, curator and date on its own page", async () => {
    for (const s of await exampleScoops()) {
      const $ = await page(`topics/${TOPIC}/${s.slug}/index.html`);
      expect($("h1").text()).toBe(s.data.title);
      const curatorName = s.data.curator === "nrip" ? "nrip" : "Plus91";
      expect($(".scoop__byline").text()).toContain(`Scooped by ${curatorName}`);
      expect($(".scoop__byline time").attr("datetime")).toMatch(
        new RegExp(`^${String(s.data.date)}T00:00:00\\+05:30$`),
      );
      // The excerpt's words, as in the source file, all appear in the page.
      const source = await readFile(path.join(TOPIC_DIR, s.name), "utf8");
      const body = source.slice(source.indexOf("\n---", 3) + 4);
      const words = body
        .replace(/\\([\\`*_{}[\]()#+\-.!])/g, "$1")
        .replace(/^\s*(#+|-|\d+\.)\s+/gm, "")
        .split(/\s+/)
        .filter(Boolean);
      const shown = $(".excerpt").text().replace(/\s+/g, " ");
      for (const w of words) expect(shown).toContain(w);
      // No comments, and no discuss or suggest address in the example: no comments section.
      if (!s.data.comments) expect($("#comments")).toHaveLength(0);
    }
  });

  it("shows the comments with author, time and text", async () => {
    const $ = await page(`topics/${TOPIC}/social-media-implementation-checklist/index.html`);
    const comments = $(".comment")
      .map((_, el) => $(el).text().replace(/\s+/g, " ").trim())
      .get();
    expect(comments).toEqual([
      "Formdox’s comment, April 20, 2019 at 5:34 AM Nice post",
      "Formdox’s comment, April 20, 2019 at 5:34 AM #Formdox integrates perfectly with several #functionalities for the monitoring",
      "cctopbuilders’s comment, April 26, 2019 at 6:01 AM",
    ]);
    expect($(".comment time").first().attr("datetime")).toBe("2019-04-20T05:34:00+05:30");
  });

  it("shows the comment count on list cards", async () => {
    const $ = await page(`topics/${TOPIC}/index.html`);
    expect($("main article.card").eq(1).find(".card__comments").text()).toContain("3 comments");
    // A card without comments shows no count at all (not "No comment yet").
    expect($("main article.card").eq(0).find(".card__comments")).toHaveLength(0);
  });

  it("has a home page with the topic card and the latest scoops, paginated", async () => {
    const $ = await page("index.html");
    expect($(".topic-card h3").text()).toBe("Social Media and Healthcare");
    expect($(".topic-card").text().replace(/\s+/g, " ")).toContain("27 scoops");
    expect($(".topic-card__latest").text()).toContain(
      "Here's The Simple Secret To Apple's Marketing Success",
    );
    expect($("main article.card")).toHaveLength(20);
    expect((await page("page/2/index.html"))("main article.card")).toHaveLength(7);
  });

  it("has tag pages with counts", async () => {
    const $ = await page("tags/index.html");
    const tags = $(".tag-cloud a")
      .map((_, el) => $(el).attr("href"))
      .get();
    expect(tags.length).toBeGreaterThan(5);
    for (const href of tags) expect(files).toContain(`${href.replace(/^\//, "")}index.html`);
    const marketing = await page("tags/marketing/index.html");
    expect(marketing("h1").text()).toBe("Marketing");
  });

  it("writes the 404 page, robots.txt and the stylesheet", async () => {
    expect(files).toEqual(
      expect.arrayContaining(["404.html", "robots.txt", "assets/style.css", "sitemap.xml"]),
    );
    expect(await readOut(out, "robots.txt")).toContain("Sitemap: https://example.org/sitemap.xml");
  });
});

// The example's feeds (RSS, Atom, JSON Feed and the OPML list) are tested in feeds.test.ts.
describe("the example's sitemap", () => {
  it("lists every HTML page in the sitemap, except the 404 and search pages", async () => {
    const xml = new XMLParser().parse(await readOut(out, "sitemap.xml")) as {
      urlset: { url: { loc: string }[] };
    };
    const locs = xml.urlset.url.map((u) => u.loc).sort();
    const pages = files
      .filter(
        (f) =>
          f.endsWith(".html") &&
          f !== "404.html" &&
          f !== "search/index.html" &&
          !f.endsWith("/email.html"),
      )
      .map((f) => `https://example.org/${f.replace(/index\.html$/, "")}`)
      .sort();
    expect(locs).toEqual(pages);
  });
});
