import { writeFileSync } from "node:fs";
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DevServer, RebuildEvent } from "../src/serve/dev-server.js";
import { startDevServer } from "../src/serve/dev-server.js";
import { WatchBatcher } from "../src/serve/watch-batcher.js";
import { listFiles, REPO_ROOT, tempDir, TEST_NOW } from "./helpers/sites.js";
import { connectEvents } from "./helpers/sse.js";

const TOPIC = "content/topics/social-media-and-healthcare";
const CHECKLIST = `${TOPIC}/2019-04-18-social-media-implementation-checklist.md`;
const CHECKLIST_URL = "topics/social-media-and-healthcare/social-media-implementation-checklist/";

let dev: DevServer | undefined;
afterEach(async () => {
  await dev?.close();
  dev = undefined;
});

async function copyOfExample(): Promise<string> {
  const root = await tempDir("curio-serve-");
  for (const item of ["content", "curio.config.yml"])
    await cp(path.join(REPO_ROOT, item), path.join(root, item), { recursive: true });
  return root;
}

async function serve(
  root: string,
  events: RebuildEvent[] = [],
  debounceMs = 50,
): Promise<DevServer> {
  dev = await startDevServer(
    {
      root,
      port: 0,
      debounceMs,
      themeDir: path.join(REPO_ROOT, "templates"),
      now: () => TEST_NOW,
      curioVersion: "test",
    },
    (e) => events.push(e),
  );
  return dev;
}

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
};

describe("curio serve", () => {
  it("reloads open pages on a save, shows an overlay on a broken save, and clears it on the fix", async () => {
    const root = await copyOfExample();
    const server = await serve(root);
    expect(server.initial.result.ok).toBe(true);
    const page = `${server.url}${CHECKLIST_URL}`;
    const first = await get(page);
    expect(first.status).toBe(200);
    expect(first.text).toContain("Set goals first.");
    expect(first.text).toContain('<script src="/__curio/client.js"></script></body>');
    const events = await connectEvents(`${server.server.url}/__curio/events`);

    const file = path.join(root, CHECKLIST);
    const original = await readFile(file, "utf8");
    await writeFile(
      file,
      original.replace("Set goals first.", "Set your goals before anything else."),
    );
    await events.next("reload");
    expect((await get(page)).text).toContain("Set your goals before anything else.");

    await writeFile(
      file,
      original.replace('title: "Social Media Implementation Checklist"', "title: Social: Media"),
    );
    const overlay = (await events.next("overlay")) as { text: string };
    expect(overlay.text).toContain("error yaml-syntax: the value of `title` contains `: `");
    const broken = await get(page);
    expect(broken.text).toContain('<div id="curio-overlay" role="alert"');
    expect(broken.text).toContain("yaml-syntax");
    expect(broken.text).toContain("Set your goals before anything else."); // the last good build stays served

    await writeFile(file, original);
    // A busy machine can see the broken save as two changes (truncate, then write), each built
    // and reported: the same error may come again before the fix clears it.
    let cleared = (await events.next("overlay")) as { text: string };
    while (cleared.text.includes("error yaml-syntax")) {
      cleared = (await events.next("overlay")) as { text: string };
    }
    expect(cleared).toEqual({ text: "" });
    await events.next("reload");
    const fixed = await get(page);
    expect(fixed.text).not.toContain("curio-overlay");
    expect(fixed.text).toContain("Set goals first.");
    events.close();

    // The reload script is added when serving, never written into the built files.
    for (const f of (await listFiles(path.join(root, ".curio-cache/serve"))).filter((f) =>
      f.endsWith(".html"),
    )) {
      expect(await readFile(path.join(root, ".curio-cache/serve", f), "utf8"), f).not.toContain(
        "__curio",
      );
    }
  });

  it("removes a deleted scoop's page, list entries and feed items", async () => {
    const root = await copyOfExample();
    const server = await serve(root);
    const title = "Social Media Implementation Checklist";
    const topicPage = `${server.url}topics/social-media-and-healthcare/`;
    expect((await get(topicPage)).text).toContain(title);
    expect((await get(`${server.url}feed.xml`)).text).toContain(CHECKLIST_URL);
    const events = await connectEvents(`${server.server.url}/__curio/events`);

    await rm(path.join(root, CHECKLIST));
    await events.next("reload");
    events.close();
    expect((await get(`${server.url}${CHECKLIST_URL}`)).status).toBe(404);
    for (const url of [
      "",
      "topics/social-media-and-healthcare/",
      "curators/nrip/",
      "tags/strategy/",
      "tags/marketing/",
    ]) {
      expect((await get(`${server.url}${url}`)).text, url).not.toContain(title);
    }
    for (const feed of [
      "feed.xml",
      "atom.xml",
      "feed.json",
      "topics/social-media-and-healthcare/feed.xml",
      "curators/nrip/atom.xml",
      "tags/strategy/feed.json",
    ]) {
      const res = await get(`${server.url}${feed}`);
      expect(res.status, feed).toBe(200);
      expect(res.text, feed).not.toContain(CHECKLIST_URL);
    }
    const files = await listFiles(path.join(root, ".curio-cache/serve"));
    expect(files).not.toContain(`${CHECKLIST_URL}index.html`);
  });

  it("rebuilds once for a burst of changes", async () => {
    const root = await copyOfExample();
    const rebuilds: RebuildEvent[] = [];
    const server = await serve(root, rebuilds, 400);
    const names = (await listFiles(path.join(root, TOPIC))).filter((f) => f !== "_topic.md");
    for (const name of names) {
      const f = path.join(root, TOPIC, name);
      await writeFile(f, `${await readFile(f, "utf8")}\nAn added line.\n`);
    }
    await new Promise((r) => setTimeout(r, 600));
    await server.idle();
    expect(rebuilds.length).toBe(2); // the initial build and one rebuild
    expect(rebuilds[1]!.changed.map((p) => path.basename(p)).sort()).toEqual([...names].sort());
    expect(rebuilds[1]!.result.ok).toBe(true);
  });

  it("rewrites exactly the files a one-scoop edit changes (driven without the watcher)", async () => {
    const root = await copyOfExample();
    const server = await serve(root);
    const file = path.join(root, CHECKLIST);
    await writeFile(
      file,
      (await readFile(file, "utf8")).replace("Set goals first.", "Set goals first!"),
    );
    const event = await server.rebuild([file]);
    // The scoop's page, the pages and feeds that show its excerpt: home, topic, curator, tags,
    // and its digest issue (page, emails) and the digest's feeds.
    expect([...event.result.written].sort()).toEqual(
      [
        `${CHECKLIST_URL}index.html`,
        "index.html",
        "topics/social-media-and-healthcare/index.html",
        "curators/nrip/index.html",
        "tags/strategy/index.html",
        "tags/marketing/index.html",
        "topics/social-media-and-healthcare/digests/2019-w16/index.html",
        "topics/social-media-and-healthcare/digests/2019-w16/email.html",
        "topics/social-media-and-healthcare/digests/2019-w16/email.txt",
        ...[
          "",
          "topics/social-media-and-healthcare/",
          "curators/nrip/",
          "tags/strategy/",
          "tags/marketing/",
          "topics/social-media-and-healthcare/digests/",
        ].flatMap((p) => [`${p}feed.xml`, `${p}atom.xml`, `${p}feed.json`]),
      ].sort(),
    );
    expect(event.result.deleted).toEqual([]);
  });
});

/** Polls a page (bounded) until its text contains `wanted`; returns the last text seen. */
async function waitForText(url: string, wanted: string, timeoutMs = 5_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = "";
  while (Date.now() < deadline) {
    text = (await get(url)).text;
    if (text.includes(wanted)) return text;
    await sleep(25);
  }
  return text;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("curio serve ends on the last save", () => {
  /** The checklist scoop with its first sentence replaced by a numbered one (all the same size). */
  async function saver(root: string): Promise<(n: number) => Promise<string>> {
    const file = path.join(root, CHECKLIST);
    const original = await readFile(file, "utf8");
    return async (n) => {
      const marker = `Save number ${String(n).padStart(3, "0")} is here.`;
      await writeFile(file, original.replace("Set goals first.", marker));
      return marker;
    };
  }

  /** The real watcher and the default debounce: what `curio serve` runs. */
  async function serveAsUsual(root: string): Promise<DevServer> {
    dev = await startDevServer({
      root,
      port: 0,
      themeDir: path.join(REPO_ROOT, "templates"),
      now: () => TEST_NOW,
      curioVersion: "test",
    });
    return dev;
  }

  /** Asserts the page shows `marker` (waiting, bounded) and still shows it once things are quiet. */
  async function expectSettledOn(server: DevServer, marker: string): Promise<void> {
    const page = `${server.url}${CHECKLIST_URL}`;
    expect(await waitForText(page, marker), "the preview shows the last save").toContain(marker);
    await server.idle();
    await sleep(300);
    await server.idle();
    expect((await get(page)).text, "and stays on it").toContain(marker);
  }

  it("a save while the first build runs is not lost", async () => {
    const root = await copyOfExample();
    const file = path.join(root, CHECKLIST);
    const marker = "Saved while the first build ran.";
    const changed = (await readFile(file, "utf8")).replace("Set goals first.", marker);
    dev = await startDevServer(
      {
        root,
        port: 0,
        themeDir: path.join(REPO_ROOT, "templates"),
        now: () => TEST_NOW,
        curioVersion: "test",
      },
      // Called as the first build ends, before the server is handed back.
      (e) => {
        if (e.changed.length === 0) writeFileSync(file, changed);
      },
    );
    await expectSettledOn(dev, marker);
  });

  it("two saves 30 ms apart: the preview shows the second", async () => {
    const root = await copyOfExample();
    const server = await serveAsUsual(root);
    const save = await saver(root);
    // Several rounds: on a stale server one round in five or so happens to end right.
    for (let round = 0; round < 6; round++) {
      await save(2 * round + 1);
      await sleep(30);
      const last = await save(2 * round + 2);
      await expectSettledOn(server, last);
    }
  });

  it("bursts of 50 saves: the preview shows the last of each", async () => {
    const root = await copyOfExample();
    const server = await serveAsUsual(root);
    const save = await saver(root);
    for (let burst = 0; burst < 2; burst++) {
      let last = "";
      // Saves 0 to 40 ms apart in a fixed uneven pattern, so rebuilds run while the saves go
      // on; then a short pause, and the last two saves 30 ms apart (where the watcher drops
      // the second event).
      for (let n = 1; n <= 50; n++) {
        last = await save(50 * burst + n);
        if (n < 50) await sleep(n === 48 ? 400 : n === 49 ? 30 : ((n + burst) * 13) % 41);
      }
      await expectSettledOn(server, last);
    }
  });
});

describe("WatchBatcher", () => {
  it("queues exactly one more rebuild for changes during a build", async () => {
    const calls: string[][] = [];
    let release!: () => void;
    const batcher = new WatchBatcher(async (paths) => {
      calls.push(paths);
      if (calls.length === 1) await new Promise<void>((r) => (release = r));
    }, 10);
    batcher.add("a");
    batcher.add("b");
    await new Promise((r) => setTimeout(r, 40));
    expect(calls).toEqual([["a", "b"]]);
    batcher.add("c");
    batcher.add("d");
    batcher.add("c");
    await new Promise((r) => setTimeout(r, 40));
    expect(calls).toHaveLength(1); // still building
    release();
    await batcher.idle();
    expect(calls).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });
});
