import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../helpers/axe.js";
import { buildSite, listFiles, REPO_ROOT, tempDir } from "../helpers/sites.js";
import { serveStatic } from "../helpers/static-server.js";

/**
 * The golden `basic` fixture digest (a scoop with a source URL, an image, an insight, `via`,
 * comments, pinned and drafted scoops, a base path): every HTML page it builds passes axe-core
 * at phone and desktop widths, in light and dark mode. (The Nu HTML Checker covers the same
 * pages in html-validity.test.ts; its feeds are validated in feeds.test.ts and golden.test.ts.)
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SITE = path.join(REPO_ROOT, "tests", "fixtures", "basic", "site");

let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
let pages: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  // Served at the root: the fixture's base path is kept out of the URLs it links.
  const out = path.join(await tempDir(), "dist");
  expect((await buildSite(SITE, { outDir: out, baseUrl: "http://127.0.0.1/" })).ok).toBe(true);
  // Every page but the later pages of a list and all tags but one: the same templates again.
  pages = (await listFiles(out))
    .filter((f) => f.endsWith(".html") && !/\/page\/\d+\//.test(f))
    .filter(
      (f) => !f.startsWith("tags/") || f === "tags/index.html" || f === "tags/balcony/index.html",
    )
    .map((f) => `/${f.replace(/index\.html$/, "")}`);
  server = await serveStatic(out);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
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
