/// <reference lib="dom" />
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/chromium.js";
import type { DevServer } from "../../src/serve/dev-server.js";
import { startDevServer } from "../../src/serve/dev-server.js";
import { axeViolations } from "../helpers/axe.js";
import type { PageServer } from "../helpers/page-server.js";
import { startPageServer } from "../helpers/page-server.js";
import { listFiles, makeSite, REPO_ROOT, TEST_NOW } from "../helpers/sites.js";

/**
 * One-click scooping in Chromium: the bookmarklet from `curio serve`, clicked on an article
 * (served on 127.0.0.1), opens the form pre-filled; saving writes a scoop that builds and shows
 * in the preview. Requests without the token or from another origin are refused.
 */
let root: string;
let dev: DevServer;
let pages: PageServer;
let browser: Browser;

beforeAll(async () => {
  root = await makeSite({
    "content/curators/ann.md": "---\nname: Ann\n---\n",
    "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
    "content/topics/u/_topic.md": "---\ntitle: U\ncurators: [ann]\n---\n",
  });
  dev = await startDevServer({
    root,
    port: 0,
    debounceMs: 50,
    themeDir: path.join(REPO_ROOT, "templates"),
    now: () => TEST_NOW,
    curioVersion: "test",
  });
  pages = await startPageServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await dev?.close();
});

const scoops = async (topic: string) =>
  (await listFiles(path.join(root, "content/topics", topic))).filter((f) => f !== "_topic.md");

describe("the scooping desk of curio serve", () => {
  it("the bookmarklet opens the form pre-filled from the article; saving writes a scoop the preview shows", async () => {
    // axe-core is injected into the pages; the desk's pages forbid scripts of their own (CSP).
    const context = await browser.newContext({ bypassCSP: true });
    const desk = await context.newPage();
    await desk.goto(new URL("/__curio/bookmarklet", dev.url).href);
    expect(await axeViolations(desk)).toEqual([]);
    const href = await desk.getAttribute("a.bookmarklet", "href");
    expect(href).toMatch(/^javascript:/);
    const code = decodeURI(href!.slice("javascript:".length));

    const article = await context.newPage();
    await article.goto(`${pages.base}/good`);
    const [form] = await Promise.all([context.waitForEvent("page"), article.evaluate(code)]);
    await form.waitForLoadState();
    expect(await form.inputValue("#url")).toBe(`${pages.base}/articles/take-two`);
    expect(await form.inputValue("#title")).toBe('Take two: "Social" media & health care');
    expect(await form.inputValue("#excerpt")).toContain(
      "How social media is reshaping health care",
    );
    expect(await form.inputValue("#image")).toBe(`${pages.base}/images/cover.png`);
    expect(await axeViolations(form)).toEqual([]);
    await form.screenshot({ path: path.join(REPO_ROOT, "test-output", "scoop-desk-form.png") });

    await form.selectOption("#topic", "u");
    await form.fill("#insight", "Worth it for **every** hospital.\n\nA second paragraph.");
    await form.fill("#tags", "Health, Social media");
    await form.click("button[type=submit]");
    await form.waitForSelector("text=Saved as");
    const saved = await scoops("u");
    expect(saved).toEqual(["2026-01-01-take-two-social-media-and-health-care.md"]);
    const text = await readFile(path.join(root, "content/topics/u", saved[0]!), "utf8");
    expect(text).toContain("tags:\n  - Health\n  - Social media\n");
    // The picture is measured, as `curio new scoop` does it: 1200 × 630.
    expect(text).toContain(
      `image: ${pages.base}/images/cover.png\nimageWidth: 1200\nimageHeight: 630\n`,
    );
    expect(text).toContain(
      "\n## Insight\n\nWorth it for **every** hospital.\n\nA second paragraph.\n",
    );

    // The watcher rebuilds; the link on the page leads to the scoop in the preview.
    await dev.idle();
    await expect
      .poll(
        async () => {
          await dev.idle();
          const r = await fetch(
            new URL("/topics/u/take-two-social-media-and-health-care/", dev.url),
          );
          return r.status;
        },
        { timeout: 20_000 },
      )
      .toBe(200);
    await form.click("text=see the scoop");
    await expect.poll(() => form.textContent("h1")).toBe('Take two: "Social" media & health care');
    await context.close();
  });

  it("refuses a form without the token, with a wrong one, or posted from another origin", async () => {
    const deskUrl = new URL("/__curio/scoop", dev.url).href;
    const bookmarklet = await (await fetch(new URL("/__curio/bookmarklet", dev.url))).text();
    const token = /token=([0-9a-f]{32})/.exec(bookmarklet)![1]!;
    const body = (t: string) =>
      new URLSearchParams({
        token: t,
        url: "https://news.example/x",
        title: "X",
        topic: "t",
      }).toString();
    const post = (origin: string | undefined, t: string) =>
      fetch(deskUrl, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...(origin ? { origin } : {}),
        },
        body: body(t),
      });
    const own = new URL(dev.url).origin;
    expect((await post("https://evil.example", token)).status).toBe(403);
    expect((await post(undefined, token)).status).toBe(403);
    expect((await post(own, "0".repeat(32))).status).toBe(403);
    expect((await fetch(`${deskUrl}?url=https://news.example/x`)).status).toBe(403);
    expect(await scoops("t")).toEqual([]);
    // The same form from this server's own origin, with the token, is taken.
    const ok = await post(own, token);
    expect(ok.status).toBe(201);
    expect(await scoops("t")).toEqual(["2026-01-01-x.md"]);
  });
});
