/// <reference lib="dom" />
import { mkdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/chromium.js";
import { buildSite, REPO_ROOT, tempDir } from "../helpers/sites.js";
import { serveStatic } from "../helpers/static-server.js";

/**
 * The example digest in a real browser (Debian's Chromium driven by playwright-core): a reader's
 * walk through the site, axe-core on every kind of page in light and dark mode, keyboard use,
 * no console errors or failed requests, no horizontal scrolling at 360 px, and screenshots at
 * 360 and 1280 px in test-output/screenshots/.
 */
const SHOTS = path.join(REPO_ROOT, "test-output", "screenshots");
const TOPIC = "/topics/social-media-and-healthcare/";
const AXE = await readFile(path.join(REPO_ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");

let out: string;
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;

beforeAll(async () => {
  out = path.join(await tempDir(), "dist");
  const result = await buildSite(REPO_ROOT, { outDir: out, baseUrl: "http://127.0.0.1/" });
  expect(result.ok).toBe(true);
  server = await serveStatic(out);
  browser = await launchChromium();
  await mkdir(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page that records console errors and failed requests. */
async function openPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    // Chromium logs the 404 status of the deliberately missing page itself; anything else counts.
    const expected404 =
      m.text().includes("status of 404") && m.location().url.endsWith("/does-not-exist/");
    if (m.type() === "error" && !expected404)
      problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/does-not-exist/"))
      problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, problems };
}

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page and returns its violations, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    return (await axe.run(document)).violations;
  });
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

const path_ = (page: Page) => new URL(page.url()).pathname;

describe("a reader's walk through the example digest", () => {
  it("home → topic → page 2 → scoop → curator → tag → back, every page accessible", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    const visited: string[] = [];
    const check = async (expectedPath: RegExp | string, title: RegExp) => {
      if (typeof expectedPath === "string") expect(path_(page)).toBe(expectedPath);
      else expect(path_(page)).toMatch(expectedPath);
      expect(await page.title()).toMatch(title);
      expect(await axeViolations(page), path_(page)).toEqual([]);
      visited.push(path_(page));
    };

    await page.goto(`${server.url}/`);
    await check("/", /^Health & Social Media Digest$/);

    await page.click(".topic-card__title a");
    await check(TOPIC, /^Social Media and Healthcare · /);
    expect(await page.locator("main article.card").count()).toBe(20);
    expect(
      await page.locator("main article.card").first().locator(".card__pin").textContent(),
    ).toBe("Pinned");

    // The pager works from the keyboard: Tab reaches it, focus is visible, Enter follows it.
    await page.locator("main article.card").last().locator("a").last().focus();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return {
        text: el.textContent?.trim(),
        inPager: !!el.closest(".pager"),
        outline: style.outlineStyle,
        width: style.outlineWidth,
      };
    });
    expect(focused.inPager).toBe(true);
    expect(focused.outline).not.toBe("none");
    expect(focused.width).not.toBe("0px");
    await page.locator('.pager a[rel="next"]').focus();
    await Promise.all([page.waitForURL(`**${TOPIC}page/2/`), page.keyboard.press("Enter")]);
    await check(`${TOPIC}page/2/`, /^Social Media and Healthcare, page 2 · /);
    expect(await page.locator("main article.card").count()).toBe(7);

    const scoopTitle = (await page.locator(".card__title a").first().textContent())!;
    await page.click(".card__title a >> nth=0");
    await check(
      new RegExp(`^${TOPIC}[a-z0-9-]+/$`),
      new RegExp(`^${scoopTitle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} · `),
    );
    expect(await page.locator("h1").textContent()).toBe(scoopTitle);

    await page.click(".scoop__byline a");
    await check(/^\/curators\/[a-z0-9]+\/$/, /^(nrip|Plus91) · /);
    const curatorPath = path_(page);

    await page.click("main .tag >> nth=0");
    await check(/^\/tags\/[a-z0-9-]+\/$/, / · Health & Social Media Digest$/);

    await page.goBack();
    expect(path_(page)).toBe(curatorPath);
    expect(visited).toHaveLength(6);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("the nav and the subscribe links", () => {
  it("a topic's Subscribe link → its row on /subscribe/ → Curators → Topics, every page accessible", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await page.goto(`${server.url}${TOPIC}`);
    await page.click("main .feed-links a >> nth=0");
    expect(path_(page)).toBe("/subscribe/");
    expect(new URL(page.url()).hash).toBe("#feeds-topics-social-media-and-healthcare");
    // The row it leads to is marked (:target) and holds the topic's three feeds.
    const row = page.locator(".feed-list__item:target");
    expect(await row.locator(".feed-list__formats a").count()).toBe(3);
    expect(await row.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(
      "rgba(0, 0, 0, 0)",
    );
    expect(await axeViolations(page)).toEqual([]);

    await page.click('.site-nav a:text-is("Curators")');
    expect(path_(page)).toBe("/curators/");
    expect(await page.locator(".curator-card").count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);

    await page.click('.site-nav a:text-is("Topics")');
    expect(path_(page)).toBe("/topics/");
    await page.click(".topic-card__title a");
    expect(path_(page)).toBe(TOPIC);
    expect(problems).toEqual([]);
    await context.close();
  });
});

const PAGES = [
  ["home", "/"],
  ["topic", TOPIC],
  ["topic-page-2", `${TOPIC}page/2/`],
  ["scoop", `${TOPIC}social-media-implementation-checklist/`],
  ["curator", "/curators/plus91/"],
  ["topics", "/topics/"],
  ["curators", "/curators/"],
  ["tags", "/tags/"],
  ["tag", "/tags/marketing/"],
  ["subscribe", "/subscribe/"],
  ["digests", `${TOPIC}digests/`],
  ["digest", `${TOPIC}digests/2019-w16/`],
  ["404", "/does-not-exist/"],
] as const;

describe.each(["light", "dark"] as const)("every kind of page in %s mode", (scheme) => {
  it.each(PAGES)(
    "%s has no axe violations, no horizontal scroll at 360 px, and is screenshotted",
    async (name, url) => {
      for (const width of [360, 1280]) {
        const context = await browser.newContext({
          viewport: { width, height: 800 },
          colorScheme: scheme,
        });
        const { page, problems } = await openPage(context);
        const response = await page.goto(`${server.url}${url}`);
        expect(response?.status()).toBe(name === "404" ? 404 : 200);
        expect(await axeViolations(page), `${url} at ${width}px`).toEqual([]);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow, `${url} scrolls sideways at ${width}px`).toBeLessThanOrEqual(0);
        const file = path.join(SHOTS, `${name}-${width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect((await stat(file)).size).toBeGreaterThan(5_000);
        expect(problems).toEqual([]);
        await context.close();
      }
    },
  );
});

describe("light pages", () => {
  it("a topic page weighs under 60 KB before images, and needs no JavaScript", async () => {
    const html = await readFile(path.join(out, "topics/social-media-and-healthcare/index.html"));
    const css = await readFile(path.join(out, "assets/style.css"));
    expect(html.length + css.length).toBeLessThan(60 * 1024);

    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${server.url}${TOPIC}`);
    expect(await page.locator("main article.card").count()).toBe(20);
    expect(await page.locator("script:not([type='application/ld+json'])").count()).toBe(0);
    await context.close();
  });
});
