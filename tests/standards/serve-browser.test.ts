/// <reference lib="dom" />
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/chromium.js";
import type { DevServer } from "../../src/serve/dev-server.js";
import { startDevServer } from "../../src/serve/dev-server.js";
import { REPO_ROOT, tempDir, TEST_NOW } from "../helpers/sites.js";

/** `curio serve` in a real browser: the page reloads itself, shows the error overlay, and clears it. */
const CHECKLIST =
  "content/topics/social-media-and-healthcare/2019-04-18-social-media-implementation-checklist.md";

let dev: DevServer | undefined;
afterAll(async () => dev?.close());

describe("live reload in Chromium", () => {
  it("reloads on save, overlays a broken save, and clears the overlay on the fix", async () => {
    const root = await tempDir("curio-serve-browser-");
    for (const item of ["content", "curio.config.yml"])
      await cp(path.join(REPO_ROOT, item), path.join(root, item), { recursive: true });
    dev = await startDevServer({
      root,
      port: 0,
      debounceMs: 50,
      themeDir: path.join(REPO_ROOT, "templates"),
      now: () => TEST_NOW,
      curioVersion: "test",
    });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(
        `${dev.url}topics/social-media-and-healthcare/social-media-implementation-checklist/`,
      );
      await page.waitForFunction(
        () => document.querySelector("script[src='/__curio/client.js']") !== null,
      );
      await page.waitForTimeout(300); // the event stream connects

      const file = path.join(root, CHECKLIST);
      const original = await readFile(file, "utf8");
      await Promise.all([
        page.waitForEvent("load", { timeout: 15_000 }),
        writeFile(file, original.replace("Set goals first.", "Set goals first, says the browser.")),
      ]);
      await expect
        .poll(() => page.locator(".excerpt").textContent())
        .toContain("Set goals first, says the browser.");

      await writeFile(file, original.replace("date: 2019-04-18", "date: April 18"));
      const overlay = page.locator("#curio-overlay");
      await overlay.waitFor({ state: "visible", timeout: 15_000 });
      expect(await overlay.textContent()).toContain("error bad-date");

      await Promise.all([
        page.waitForEvent("load", { timeout: 15_000 }),
        writeFile(file, original),
      ]);
      await expect.poll(() => page.locator("#curio-overlay").count()).toBe(0);
      expect(await page.locator(".excerpt").textContent()).toContain("Set goals first.");
    } finally {
      await browser.close();
    }
  });
});
