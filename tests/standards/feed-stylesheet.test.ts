/// <reference lib="dom" />
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import Parser from "rss-parser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/chromium.js";
import { buildSite, makeSite, readOut, REPO_ROOT, tempDir } from "../helpers/sites.js";
import { serveStatic } from "../helpers/static-server.js";

/**
 * RSS and Atom feeds name the theme's `assets/feed.xsl` (`<?xml-stylesheet?>`): a browser that
 * opens a feed applies it and shows a page saying what a feed is, the address to copy into a
 * feed reader and the newest items, while readers still get the feed. Checked in Debian's
 * Chromium (playwright-core) on the example digest served at the root, and on a small digest
 * served under a base path, in light and dark, with axe-core.
 */
const AXE = await readFile(path.join(REPO_ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
const TOPIC = "/topics/social-media-and-healthcare/";

let root: Awaited<ReturnType<typeof serveStatic>>;
let based: Awaited<ReturnType<typeof serveStatic>>;
let out: string;
let basedOut: string;
let browser: Browser;

beforeAll(async () => {
  out = path.join(await tempDir(), "dist");
  const example = await buildSite(REPO_ROOT, { outDir: out, baseUrl: "http://127.0.0.1/" });
  expect(example.ok).toBe(true);
  root = await serveStatic(out);
  // A digest under /digest/: the folder above the output is served, as a host would.
  const above = await tempDir();
  basedOut = path.join(above, "digest");
  const small = await buildSite(
    await makeSite({
      "curio.config.yml":
        "title: Links & Notes\nbaseUrl: https://example.org/digest/\nlanguage: fr\ntimezone: UTC\n",
      "content/curators/ann.md": "---\nname: Ann\n---\n",
      "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
      "content/topics/t/2024-03-01-one.md":
        '---\ntitle: One <b>&</b> two\ndate: 2024-03-01\ninsight: "Read this & that `<soon>`."\n---\nA & B.\n',
    }),
    { outDir: basedOut },
  );
  expect(small.ok).toBe(true);
  based = await serveStatic(above);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await root?.close();
  await based?.close();
});

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's violations on the page, one line each (Chromium's own XSLT banner excluded). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: { exclude: string[][] },
            options: object,
          ) => Promise<{ violations: AxeViolation[] }>;
        };
      }
    ).axe;
    return (await axe.run({ exclude: [["xslt-warning-banner"]] }, {})).violations;
  });
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

/** Opens a feed as a reader's browser would; returns the page and the requests that failed. */
async function openFeed(url: string, colorScheme: "light" | "dark" = "light") {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, colorScheme });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico"))
      problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on("console", (m) => {
    // Chromium warns that XSLT is deprecated, and asks for /favicon.ico (a feed names no icon);
    // anything else counts.
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) {
      problems.push(`console: ${m.text()} (${m.location().url})`);
    }
  });
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  return { page, problems, context };
}

/** What the transformed page shows. */
async function shown(page: Page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    title: document.title,
    h1: document.querySelector("h1")?.textContent?.trim(),
    headings: Array.from(document.querySelectorAll("h1, h2")).map((h) => h.textContent?.trim()),
    text: document.body.innerText,
    address: document.querySelector("code.address")?.textContent,
    items: Array.from(document.querySelectorAll("main ol li")).map((li) => ({
      title: li.querySelector("h3 a")?.textContent?.trim(),
      href: li.querySelector("h3 a")?.getAttribute("href"),
      summary: li.querySelector(".summary")?.textContent,
    })),
    scripts: document.querySelectorAll("script").length,
    overflows: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  }));
}

describe("a feed opened in a browser", () => {
  it.each([
    ["RSS", "/feed.xml"],
    ["Atom", "/atom.xml"],
    ["a topic's RSS", `${TOPIC}feed.xml`],
    ["a topic's Atom", `${TOPIC}atom.xml`],
  ])("%s shows a readable page: title, what a feed is, the address, the items", async (_, file) => {
    const { page, problems, context } = await openFeed(`${root.url}${file}`);
    const feed = await new Parser().parseString(await readOut(out, file.slice(1)));
    const view = await shown(page);
    expect(view.lang).toBe("en");
    expect(view.h1).toBe(feed.title);
    expect(view.title).toBe(`${feed.title} (web feed)`);
    expect(view.headings).toEqual([feed.title, "What is this page?", "Newest scoops"]);
    expect(view.text).toContain(
      "This is a web feed (RSS or Atom): a list of the newest scoops that feed readers check for you.",
    );
    expect(view.text).toContain("Copy this address into your feed reader:");
    expect(view.address).toBe(`http://127.0.0.1${file}`);
    expect(view.items.map((i) => [i.title, i.href])).toEqual(
      feed.items.map((i) => [i.title, i.link]),
    );
    expect(view.items.map((i) => i.summary)).toEqual(
      feed.items.map((i) => (file.endsWith("atom.xml") ? i.summary : i.contentSnippet)),
    );
    expect(view.scripts).toBe(0);
    expect(view.overflows).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("is accessible in dark mode too", async () => {
    for (const file of ["/feed.xml", "/atom.xml"]) {
      const { page, problems, context } = await openFeed(`${root.url}${file}`, "dark");
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe("rgb(18, 20, 23)");
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it("under a base path, loads the stylesheet from it, in the site's language, text as text", async () => {
    for (const file of ["feed.xml", "atom.xml", "topics/t/feed.xml"]) {
      const { page, problems, context } = await openFeed(`${based.url}/digest/${file}`);
      const view = await shown(page);
      expect(view.lang).toBe("fr");
      expect(view.h1).toBe(file.startsWith("topics/") ? "Links & Notes: T" : "Links & Notes");
      expect(view.address).toBe(`https://example.org/digest/${file}`);
      // Markup-looking text in titles and summaries is shown as text (the RSS description is
      // HTML-escaped text; the stylesheet unescapes it and never outputs it as markup).
      expect(view.items).toEqual([
        {
          title: "One <b>&</b> two",
          href: "https://example.org/digest/topics/t/one/",
          summary: "Read this & that <soon>.",
        },
      ]);
      expect(await page.locator("main b").count()).toBe(0);
      expect(problems).toEqual([]);
      await context.close();
    }
    // The stylesheet was found under the base path, not at the server's root.
    expect(existsSync(path.join(basedOut, "assets", "feed.xsl"))).toBe(true);
  });
});
