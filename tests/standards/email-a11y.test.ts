import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/chromium.js";
import { axeViolations } from "../helpers/axe.js";
import { buildSite, listFiles, REPO_ROOT, tempDir } from "../helpers/sites.js";

/**
 * The digest emails of the example digest pass axe-core in Chromium, on a phone in light mode
 * and on a desktop in dark mode, as a mail client shows them (the HTML on its own). Two rules
 * about a web page's landmarks are left out: an email is shown inside the mail client's own
 * page, whose landmarks are the client's (`landmark-one-main`, `region`).
 */
const NOT_FOR_EMAIL = ["landmark-one-main", "region"];

let browser: Browser;
let emails: { file: string; html: string }[] = [];

beforeAll(async () => {
  const out = path.join(await tempDir(), "dist");
  expect((await buildSite(REPO_ROOT, { outDir: out })).ok).toBe(true);
  const files = (await listFiles(out)).filter((f) => f.endsWith("/email.html"));
  emails = await Promise.all(
    files.map(async (file) => ({ file, html: await readFile(path.join(out, file), "utf8") })),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe.each([
  [375, "light"],
  [1280, "dark"],
] as const)("digest emails at %i px, %s mode", (width, scheme) => {
  it("have no axe violations", async () => {
    expect(emails.length).toBeGreaterThan(0);
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      colorScheme: scheme,
      offline: true,
    });
    const page = await context.newPage();
    const found: string[] = [];
    for (const { file, html } of emails) {
      await page.setContent(html);
      for (const v of await axeViolations(page, NOT_FOR_EMAIL)) found.push(`${file}: ${v}`);
    }
    await context.close();
    expect(found).toEqual([]);
  });
});
