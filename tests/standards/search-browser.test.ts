/// <reference lib="dom" />
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/chromium.js";
import { axeViolations } from "../helpers/axe.js";
import { buildSite, makeSite } from "../helpers/sites.js";
import { serveStatic } from "../helpers/static-server.js";

/**
 * Search as a reader uses it, in Chromium: the header's box, Pagefind's results (title, the
 * source's domain, the insight), the topic filter, untrusted text shown as text, and an
 * incremental build that makes an edited scoop's new words findable (and its old ones not).
 */
const TOMATOES = "content/topics/gardening/2024-05-01-tomatoes.md";
const PAYLOAD_TITLE = "<img src=x onerror=alert(1)> payload";

const DIGEST: Record<string, string> = {
  "curio.config.yml": "title: Balcony Notes\nbaseUrl: https://balcony.example/\ntimezone: UTC\n",
  "content/curators/ann.md": "---\nname: Ann\n---\n",
  "content/curators/bo.md": "---\nname: Bo\n---\n",
  "content/topics/gardening/_topic.md": "---\ntitle: Gardening\ncurators: [ann]\n---\n",
  "content/topics/tools/_topic.md": "---\ntitle: Tools\ncurators: [bo]\n---\n",
  [TOMATOES]: [
    "---",
    "title: Tomatoes on a balcony",
    "url: https://www.example.com/tomatoes",
    "date: 2024-05-01",
    "tags: [Balcony]",
    "insight: Grow them in deep pots, and water at dawn.",
    "---",
    "A balcony in full sun grows tomatoes in containers all summer.",
    "",
  ].join("\n"),
  "content/topics/gardening/2024-04-20-compost.md":
    "---\ntitle: Compost without a garden\ndate: 2024-04-20\n---\nA worm bin fits on any balcony.\n",
  "content/topics/tools/2024-03-03-trowel.md":
    "---\ntitle: The best trowel\ndate: 2024-03-03\n---\nA small trowel for balcony pots.\n",
  "content/topics/tools/2024-03-04-payload.md": [
    "---",
    `title: "${PAYLOAD_TITLE}"`,
    "date: 2024-03-04",
    'insight: "Not <b onmouseover=alert(2)>bold</b>, <script>alert(3)</script> safe"',
    "---",
    "An excerpt.",
    "",
  ].join("\n"),
};

let root: string;
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;

beforeAll(async () => {
  root = await makeSite(DIGEST);
  const built = await buildSite(root, { baseUrl: "http://127.0.0.1/" });
  expect(built.ok, JSON.stringify(built.diagnostics)).toBe(true);
  server = await serveStatic(path.join(root, "dist"));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page (no cached index) that records errors and dialogs. */
async function open(colorScheme: "light" | "dark" = "light") {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { page, problems, close: () => context.close() };
}

/** The results Pagefind's UI shows now: each one's title and text. */
async function results(page: Page): Promise<{ title: string; text: string }[]> {
  return page.$$eval(".pagefind-ui__result", (items) =>
    items.map((li) => ({
      title: li.querySelector(".pagefind-ui__result-title")?.textContent?.trim() ?? "",
      text: li.querySelector(".pagefind-ui__result-excerpt")?.textContent?.trim() ?? "",
    })),
  );
}

/**
 * Waits until Pagefind's UI has answered the query (a result count or "no results") and every
 * result shown has loaded (it shows a placeholder until then).
 */
async function answered(page: Page): Promise<void> {
  await page.waitForSelector(".pagefind-ui__message", { timeout: 15_000 });
  await page.waitForFunction(
    () =>
      !/searching/i.test(document.querySelector(".pagefind-ui__message")?.textContent ?? "") &&
      Array.from(document.querySelectorAll(".pagefind-ui__result")).every((r) =>
        r.querySelector(".pagefind-ui__result-link"),
      ),
  );
}

describe("search in Chromium", () => {
  it("the header box opens the search page; the right scoop comes first, with its domain and insight", async () => {
    const { page, problems, close } = await open();
    await page.goto(`${server.url}/`);
    await page.fill("#site-search-q", "tomatoes");
    await page.press("#site-search-q", "Enter");
    await page.waitForURL(/\/search\/\?q=tomatoes$/);
    await answered(page);
    const found = await results(page);
    expect(found[0]?.title).toBe("Tomatoes on a balcony · example.com");
    expect(found[0]?.text).toBe("Grow them in deep pots, and water at dawn.");
    expect(await page.getAttribute(".pagefind-ui__result-link", "href")).toBe(
      "/topics/gardening/tomatoes/",
    );
    expect(problems).toEqual([]);
    await close();
  });

  it("filters by topic", async () => {
    const { page, problems, close } = await open();
    await page.goto(`${server.url}/search/?q=balcony`);
    await answered(page);
    expect((await results(page)).map((r) => r.title.split(" · ")[0]).sort()).toEqual([
      "Compost without a garden",
      "The best trowel",
      "Tomatoes on a balcony",
    ]);
    await page.click("summary:has-text('Topic')");
    await page.check("#topic-Tools");
    await expect
      .poll(async () => (await results(page)).map((r) => r.title))
      .toEqual(["The best trowel"]);
    expect(problems).toEqual([]);
    await close();
  });

  it("shows untrusted titles and insights as text, running nothing", async () => {
    const { page, problems, close } = await open();
    await page.goto(`${server.url}/search/?q=payload`);
    await answered(page);
    const found = await results(page);
    expect(found.map((r) => r.title)).toEqual([PAYLOAD_TITLE]);
    // The insight's markup was sanitized when the scoop was parsed; what is left is text.
    expect(found[0]?.text).toMatch(/^Not bold, .*safe$/);
    const markup = ".pagefind-ui__result img, .pagefind-ui__result script, .pagefind-ui__result b";
    expect(await page.locator(markup).count()).toBe(0);
    await page.waitForTimeout(300);
    expect(problems).toEqual([]);
    await close();
  });

  it.each(["light", "dark"] as const)(
    "the search page with results has no axe violations (%s)",
    async (scheme) => {
      const { page, problems, close } = await open(scheme);
      await page.goto(`${server.url}/search/?q=balcony`);
      await answered(page);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await close();
    },
  );

  it("finds an edited scoop's new words after an incremental build, and not its old ones", async () => {
    const file = path.join(root, TOMATOES);
    await writeFile(
      file,
      (await readFile(file, "utf8")).replace("water at dawn", "water with zymurgy brine"),
    );
    const rebuilt = await buildSite(root, { baseUrl: "http://127.0.0.1/" });
    expect(rebuilt.ok).toBe(true);
    expect(rebuilt.written).toContain("pagefind/pagefind-entry.json");

    const { page, problems, close } = await open();
    await page.goto(`${server.url}/search/?q=zymurgy`);
    await answered(page);
    expect((await results(page))[0]?.title).toBe("Tomatoes on a balcony · example.com");
    await page.goto(`${server.url}/search/?q=dawn`);
    await answered(page);
    expect(await results(page)).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });
});
