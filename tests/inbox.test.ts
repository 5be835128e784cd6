import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import { buildSite, listFiles, makeSite } from "./helpers/sites.js";

/** `curio inbox`: watched feeds (served on 127.0.0.1) → candidates → taken or dropped. */
const FIXTURES = path.join(import.meta.dirname, "import");
const JSON_FEED = {
  version: "https://jsonfeed.org/version/1.1",
  title: "A JSON feed",
  items: [
    {
      id: "1",
      url: "https://json.example/one",
      title: "First from JSON",
      content_html: "<p>One <em>quote</em>.</p>",
      date_published: "2024-02-01T10:00:00+01:00",
      tags: ["Telehealth"],
    },
    {
      id: "2",
      url: "https://json.example/two?utm_source=feed",
      title: "Second from JSON",
      content_text: "Two.",
    },
  ],
};

let base: string;
const server = createServer(async (req, res) => {
  if (req.url === "/feed.rdf")
    res
      .writeHead(200, { "content-type": "application/rdf+xml" })
      .end(await readFile(path.join(FIXTURES, "rss1.rdf")));
  else if (req.url === "/feed.json")
    res.writeHead(200, { "content-type": "application/feed+json" }).end(JSON.stringify(JSON_FEED));
  else res.writeHead(404).end();
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** `curio <args> --root <root>`, run in this process from the digest's folder. */
const curio = (root: string, ...args: string[]) => runCli([...args, "--root", root], root);

const ids = (out: string) =>
  out
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split(/\s+/)[0]!);

describe("curio inbox", () => {
  it("pulls new items from the watched feeds, lists them, takes one as a scoop and drops one for good", async () => {
    const root = await makeSite({
      "curio.config.yml": [
        "title: Inbox digest",
        "baseUrl: https://inbox.example/",
        "timezone: UTC",
        "sources:",
        `  - { feed: ${base}/feed.rdf, topic: t }`,
        `  - { feed: ${base}/feed.json }`,
        `  - { feed: ${base}/missing.xml }`,
        "",
      ].join("\n"),
      "content/curators/ann.md": "---\nname: Ann\n---\n",
      "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
    });

    const pulled = await curio(root, "inbox", "pull");
    expect(pulled.code).toBe(1); // one feed failed; the others were read
    expect(pulled.err).toContain(
      `feed skipped: could not read ${base}/missing.xml: HTTP 404 Not Found\n`,
    );
    expect(pulled.err).toContain("3 new candidates; 0 already scooped, waiting or dropped");
    expect(pulled.out).toContain("  t  Why a wiki helps a ward\n");
    const [wiki, first, second] = ids(pulled.out);

    const listed = await curio(root, "inbox");
    expect(listed.out).toContain(
      `${first}  2024-02-01  t  First from JSON\n  https://json.example/one\n`,
    );
    expect(listed.out).toContain(
      `${second}              t  Second from JSON\n  https://json.example/two\n`,
    );

    const again = await curio(root, "inbox", "pull");
    expect(again.out).toBe("");
    expect(again.err).toContain("0 new candidates; 3 already scooped, waiting or dropped");

    const dropped = await curio(root, "inbox", "drop", second!.slice(0, 6));
    expect(dropped.code).toBe(0);
    expect(dropped.err).toBe(`dropped ${second}: Second from JSON\n`);

    const taken = await curio(
      root,
      "inbox",
      "take",
      first!,
      "--insight",
      "Mine, in *markdown*.",
      "--tags",
      "A, B",
    );
    expect(taken.code, taken.err).toBe(0);
    expect(taken.out).toBe("content/topics/t/2026-01-01-first-from-json.md\n");
    expect(await readFile(path.join(root, taken.out.trim()), "utf8")).toBe(`---
title: First from JSON
url: https://json.example/one
date: 2026-01-01T00:00
curator: ann
tags:
  - A
  - B
published: 2024-02-01
---

One _quote_.

## Insight

Mine, in *markdown*.
`);

    // Taken and dropped links never come back; the one left still waits.
    const third = await curio(root, "inbox", "pull");
    expect(third.err).toContain("0 new candidates; 3 already scooped, waiting or dropped");
    expect(ids((await curio(root, "inbox")).out).filter((x) => /^[0-9a-f]{10}$/.test(x))).toEqual([
      wiki,
    ]);

    const built = await buildSite(root);
    expect(built.ok).toBe(true);
    expect(built.diagnostics).toEqual([]);
    const published = await listFiles(path.join(root, "dist"));
    expect(published).toContain("topics/t/first-from-json/index.html");
    expect(published.some((f) => f.startsWith("inbox"))).toBe(false);
  });

  it("says how to watch feeds when there are none, and which candidate ids it does not know", async () => {
    const root = await makeSite({
      "content/curators/ann.md": "---\nname: Ann\n---\n",
      "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
    });
    const none = await curio(root, "inbox", "pull");
    expect(none.code).toBe(1);
    expect(none.err).toContain("no feeds to watch: list them in curio.config.yml");
    const unknown = await curio(root, "inbox", "take", "abcdef1234");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("no candidate `abcdef1234` in inbox/");
  });
});
