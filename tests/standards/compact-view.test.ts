/// <reference lib="dom" />
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/chromium.js";
import { stringify } from "yaml";
import { buildSite, makeSite, tempDir } from "../helpers/sites.js";
import { serveStatic } from "../helpers/static-server.js";
import { axeViolations } from "../helpers/axe.js";

/**
 * `cards.view: compact` on a phone: a topic page of rows shows at least three scoops in the
 * first 375 × 667 screen, and passes axe-core in light and dark mode.
 */
const TOPIC = "/topics/telehealth/";

const fm = (data: Record<string, unknown>, body: string) => `---\n${stringify(data)}---\n${body}\n`;

/** A digest of eight scoops with sources and insights, shown as compact rows. */
function digest(): Record<string, string> {
  const files: Record<string, string> = {
    "curio.config.yml": stringify({
      title: "Telehealth Weekly",
      description: "What changes when care moves online, read and annotated every week.",
      baseUrl: "http://127.0.0.1/",
      timezone: "UTC",
      cards: { view: "compact" },
      discuss: "https://forum.example/c/telehealth",
    }),
    "content/curators/plus91.md": fm({ name: "Plus91" }, "Health IT people."),
    "content/topics/telehealth/_topic.md": fm(
      {
        title: "Telehealth",
        description: "Remote care, virtual visits and the tools behind them.",
        curators: ["plus91"],
      },
      "",
    ),
  };
  for (let i = 1; i <= 8; i++) {
    const day = String(i).padStart(2, "0");
    files[`content/topics/telehealth/2024-05-${day}-scoop-${i}.md`] = fm(
      {
        title: `Virtual visits, part ${i}: what patients and clinicians learned in the first year`,
        url: `https://www.healthcareitnews.com/news/virtual-visits-${i}`,
        date: `2024-05-${day}`,
        insight: `Part ${i} of a series every clinic manager should read: the numbers on no-shows alone are worth the click, and the interviews explain them.`,
        tags: ["Telehealth"],
        ...(i === 2 ? { comments: [{ author: "Ann", date: "2024-05-03", text: "Useful." }] } : {}),
      },
      "The first paragraph of the excerpt.\n\nThe second paragraph of the excerpt.",
    );
  }
  return files;
}

let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;

beforeAll(async () => {
  const root = await makeSite(digest());
  const out = path.join(await tempDir(), "dist");
  const result = await buildSite(root, { outDir: out });
  expect(result.ok).toBe(true);
  server = await serveStatic(out);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each(["light", "dark"] as const)("compact rows on a phone, %s mode", (scheme) => {
  it("fit at least three scoops in the first 375 × 667 screen, with no axe violations", async () => {
    const context = await browser.newContext({
      viewport: { width: 375, height: 667 },
      colorScheme: scheme,
    });
    const page = await context.newPage();
    const response = await page.goto(`${server.url}${TOPIC}`);
    expect(response?.status()).toBe(200);
    const rows = await page.evaluate(() =>
      Array.from(document.querySelectorAll("main article.card")).map((el) => {
        const r = el.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, height: r.height };
      }),
    );
    expect(rows).toHaveLength(8);
    // A row counts when at least three quarters of it is in the first screen.
    const visible = rows.filter(
      (r) => Math.min(r.bottom, 667) - Math.max(r.top, 0) >= 0.75 * r.height,
    );
    expect(visible.length, JSON.stringify(rows)).toBeGreaterThanOrEqual(3);
    // One line of insight each, cut with an ellipsis rather than wrapped.
    const lines = await page.evaluate(() =>
      Array.from(document.querySelectorAll(".card__line")).map((el) => {
        const style = getComputedStyle(el);
        return el.getBoundingClientRect().height <= parseFloat(style.lineHeight) * 1.5;
      }),
    );
    expect(lines).toEqual(Array(8).fill(true));
    expect(await page.locator(".card--compact .card__title a").first().getAttribute("href")).toBe(
      "https://www.healthcareitnews.com/news/virtual-visits-8",
    );
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
