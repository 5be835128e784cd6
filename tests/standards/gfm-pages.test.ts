import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/chromium.js";
import { axeViolations } from "../helpers/axe.js";
import { buildSite, listFiles, REPO_ROOT, tempDir } from "../helpers/sites.js";
import { serveStatic } from "../helpers/static-server.js";

/**
 * The golden `gfm` fixture digest: a table, strikethrough, bare links, a task list and
 * footnotes in excerpts, insights, a bio, a topic body and a comment. In Chromium, every page
 * passes axe-core (phone light, desktop dark), and the pages show what the markdown says: a
 * table with its columns aligned, struck text, labelled checkboxes, and footnotes that link
 * both ways. (The Nu HTML Checker covers these pages in html-validity.test.ts.)
 */
const SITE = path.join(REPO_ROOT, "tests", "fixtures", "gfm", "site");
const SCOOP = "/topics/tools/bench-vices-compared/";

let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
let pages: string[] = [];

beforeAll(async () => {
  const out = path.join(await tempDir(), "dist");
  expect((await buildSite(SITE, { outDir: out, baseUrl: "http://127.0.0.1/" })).ok).toBe(true);
  pages = (await listFiles(out))
    .filter((f) => f.endsWith(".html"))
    .map((f) => `/${f.replace(/index\.html$/, "")}`);
  server = await serveStatic(out);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  expect((await page.goto(`${server.url}${url}`))?.status()).toBe(200);
  return page;
}

describe.each([
  [375, "light"],
  [1280, "dark"],
] as const)("the gfm fixture at %i px, %s mode", (width, scheme) => {
  it("has no axe violations on any page", async () => {
    expect(pages).toEqual(expect.arrayContaining(["/", SCOOP, "/topics/tools/", "/curators/ada/"]));
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      colorScheme: scheme,
    });
    const page = await context.newPage();
    const found: string[] = [];
    for (const url of pages) {
      await page.goto(`${server.url}${url}`);
      for (const v of await axeViolations(page)) found.push(`${url}: ${v}`);
    }
    await context.close();
    expect(found).toEqual([]);
  });
});

describe("GitHub-flavoured markdown in Chromium", () => {
  it("shows the excerpt's table with its columns aligned, and struck text", async () => {
    const page = await open(SCOOP);
    const table = page.locator(".excerpt table");
    await expect(table.getByRole("columnheader").allInnerTexts()).resolves.toEqual([
      "Vice",
      "Jaw width",
      "Price",
    ]);
    const aligns = await table
      .locator("tbody tr")
      .first()
      .locator("td")
      .evaluateAll((cells) => cells.map((c) => getComputedStyle(c).textAlign));
    expect(aligns).toEqual(["left", "center", "right"]);
    const struck = page.locator(".excerpt del");
    await expect(struck.innerText()).resolves.toBe("cheapest");
    expect(await struck.evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe(
      "line-through",
    );
    await page.context().close();
  });

  it("names each task's checkbox by its text, ticked or not, and read-only", async () => {
    const page = await open(SCOOP);
    const done = page.getByRole("checkbox", { name: "Clamping force" });
    await expect(done.isChecked()).resolves.toBe(true);
    await expect(done.isDisabled()).resolves.toBe(true);
    const todo = page.getByRole("checkbox", { name: "Rust after a winter outdoors" });
    await expect(todo.isChecked()).resolves.toBe(false);
    await page.context().close();
  });

  it("links a bare address, with the link policy of its field", async () => {
    const page = await open(SCOOP);
    const link = page.locator(".excerpt a", { hasText: "https://workshop.example/vices/results" });
    await expect(link.getAttribute("href")).resolves.toBe("https://workshop.example/vices/results");
    const comment = page.locator(".comment a", { hasText: "www.steel.example" });
    await expect(comment.getAttribute("rel")).resolves.toBe("nofollow ugc noopener");
    await page.context().close();
  });

  it("takes a reader from a footnote mark to its note and back, in the excerpt and in the insight", async () => {
    const page = await open(SCOOP, 375);
    for (const [where, note] of [
      [".excerpt", "Before the summer sale."],
      [".insight", "Both are still sold at"],
    ] as const) {
      await page.locator(`${where} [data-footnote-ref]`).first().click();
      const target = page.locator(":target");
      await expect(target.innerText()).resolves.toContain(note);
      await expect(target.isVisible()).resolves.toBe(true);
      await page.locator(":target [data-footnote-backref]").click();
      await expect(page.locator(":target").getAttribute("data-footnote-ref")).resolves.toBe("");
    }
    // Both fields number their notes from 1, and no id is on the page twice.
    const ids = await page.locator("[id]").evaluateAll((els) => els.map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
    await page.context().close();
  });
});
