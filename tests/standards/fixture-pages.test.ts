import path from "node:path";
import { imageSize } from "image-size";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/chromium.js";
import { axeViolations } from "../helpers/axe.js";
import { buildSite, listFiles, REPO_ROOT, tempDir } from "../helpers/sites.js";
import { serveStatic } from "../helpers/static-server.js";

/**
 * The golden `basic` fixture digest (a scoop with a source URL, an image, an insight, `via`,
 * comments, pinned and drafted scoops, a base path): every HTML page it builds passes axe-core
 * at phone and desktop widths, in light and dark mode. (The Nu HTML Checker covers the same
 * pages in html-validity.test.ts; its feeds are validated in feeds.test.ts and golden.test.ts.)
 */
const SITE = path.join(REPO_ROOT, "tests", "fixtures", "basic", "site");

let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
let pages: string[] = [];

beforeAll(async () => {
  // Served at the root: the fixture's base path is kept out of the URLs it links.
  const out = path.join(await tempDir(), "dist");
  expect((await buildSite(SITE, { outDir: out, baseUrl: "http://127.0.0.1/" })).ok).toBe(true);
  // Every page but the later pages of a list and all tags but one: the same templates again.
  pages = (await listFiles(out))
    // Digest emails are not web pages: tests/digests.test.ts checks them.
    .filter((f) => f.endsWith(".html") && !/\/page\/\d+\//.test(f) && !f.endsWith("/email.html"))
    .filter(
      (f) => !f.startsWith("tags/") || f === "tags/index.html" || f === "tags/balcony/index.html",
    )
    .map((f) => `/${f.replace(/index\.html$/, "")}`);
  server = await serveStatic(out);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each([
  [375, "light"],
  [1280, "dark"],
] as const)("the basic fixture at %i px, %s mode", (width, scheme) => {
  it("has no axe violations on any page", async () => {
    expect(pages).toEqual(
      expect.arrayContaining(["/", "/topics/gardening/tomatoes-on-a-balcony/", "/subscribe/"]),
    );
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      colorScheme: scheme,
    });
    const page = await context.newPage();
    const found: string[] = [];
    for (const url of pages) {
      const response = await page.goto(`${server.url}${url}`);
      expect(response?.status(), url).toBeLessThan(500);
      for (const v of await axeViolations(page)) found.push(`${url}: ${v}`);
    }
    await context.close();
    expect(found).toEqual([]);
  });
});

describe("a local image in Chromium", () => {
  it.each([
    // A card's thumbnail is 5.5rem (88 px) wide on a phone: 264 device pixels at 3×.
    ["/topics/tools/", ".card__image", 375, 3, "trowel-320w.jpg", 320],
    // A scoop page shows it the screen's width on a phone...
    ["/topics/tools/best-trowel/", ".scoop__figure img", 375, 1, "trowel-640w.jpg", 640],
    // ...and 42rem (672 px) wide on a desktop.
    ["/topics/tools/best-trowel/", ".scoop__figure img", 1280, 1, "trowel-960w.jpg", 960],
    ["/topics/tools/best-trowel/", ".scoop__figure img", 1280, 2, "trowel.jpg", 1500],
  ] as const)(
    "on %s (%s) at %i px and %i× loads the smallest copy that fills it: %s",
    async (url, selector, width, scale, file, pixels) => {
      const context = await browser.newContext({
        viewport: { width, height: 800 },
        deviceScaleFactor: scale,
      });
      const page = await context.newPage();
      await page.goto(`${server.url}${url}`);
      const img = page.locator(selector).first();
      await img.scrollIntoViewIfNeeded();
      await page.waitForFunction((sel) => {
        const el = document.querySelector<HTMLImageElement>(sel);
        return el !== null && el.complete && el.naturalWidth > 0;
      }, selector);
      const src = await img.evaluate((el: HTMLImageElement) => el.currentSrc);
      // The file it loaded is a picture of that width (naturalWidth says the slot's width).
      const loaded = imageSize(await (await context.request.get(src)).body());
      await context.close();
      expect({ file: src.slice(src.lastIndexOf("/") + 1), pixels: loaded.width }).toEqual({
        file,
        pixels,
      });
    },
  );
});
