import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite as buildRecipe } from "../src/build.js";
import { runCli } from "./helpers/run-cli.js";
import type { Scoop } from "../src/model.js";
import { memoryWriter } from "../src/write/writer.js";
import { buildSite, listFiles, makeSite, REPO_ROOT, TEST_NOW, tempDir } from "./helpers/sites.js";

/**
 * `curio import`: every format from a fixture file (tests/import/), a round trip through Curio's
 * own feeds of the example digest, idempotence, and bad input (nothing written).
 */
const FIXTURES = path.join(import.meta.dirname, "import");

/** An empty digest: two curators, one topic `t` curated by nrip. */
const EMPTY = {
  "curio.config.yml": "title: Imports\nbaseUrl: https://imports.example/\ntimezone: Asia/Kolkata\n",
  "content/curators/nrip.md": "---\nname: nrip\n---\n",
  "content/curators/plus91.md": "---\nname: Plus91\n---\n",
  "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [nrip]\n---\n",
};

/** `curio <args> --root <root>`, run in this process from the digest's folder. */
const curio = (root: string, ...args: string[]) => runCli([...args, "--root", root], root);

/** The published scoops of a digest, as a build sees them (nothing written). */
async function scoopsOf(root: string): Promise<Scoop[]> {
  const result = await buildRecipe(
    { root, now: TEST_NOW, searchIndex: false },
    { writer: memoryWriter({ keep: false }) },
  );
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  if (!result.ok || !result.site) throw new Error("the digest did not build");
  return [...result.site.index.scoops];
}

const topicFiles = async (root: string) =>
  (await listFiles(path.join(root, "content/topics/t"))).filter((f) => f !== "_topic.md");

describe("curio import: a round trip through Curio's own feeds", () => {
  let feeds: string;
  let original: Scoop[];
  beforeAll(async () => {
    feeds = path.join(await tempDir("curio-import-feeds-"), "dist");
    const built = await buildSite(REPO_ROOT, { outDir: feeds, cache: false });
    expect(built.ok).toBe(true);
    original = await scoopsOf(REPO_ROOT);
  });

  it.each(["feed.xml", "atom.xml", "feed.json"])(
    "%s: the same titles, dates, URLs and excerpts, every file checks clean, and a second import writes nothing",
    async (feed) => {
      const root = await makeSite(EMPTY);
      const first = await curio(root, "import", path.join(feeds, feed), "--topic", "t");
      expect(first.code, first.err).toBe(0);
      expect(first.out.trim().split("\n")).toHaveLength(original.length);
      const imported = await scoopsOf(root);
      const key = (s: Scoop) => s.title;
      const byTitle = new Map(imported.map((s) => [key(s), s]));
      expect([...byTitle.keys()].sort()).toEqual(original.map(key).sort());
      for (const o of original) {
        const i = byTitle.get(o.title)!;
        // The example's scoops have no source link: their feed items link to their pages.
        expect(i.url, o.title).toBe(o.url ?? `https://example.org/topics/${o.topicId}/${o.slug}/`);
        expect(Date.parse(i.date.iso), o.title).toBe(Date.parse(o.date.iso));
        expect(i.excerptText, o.title).toBe(o.excerptText);
        expect(i.tags, o.title).toEqual(o.tags);
      }
      const check = await curio(root, "check");
      expect(check.code, check.err).toBe(0);
      expect(check.err).not.toMatch(/error/);

      const again = await curio(root, "import", path.join(feeds, feed), "--topic", "t");
      expect(again.code).toBe(0);
      expect(again.out).toBe("");
      expect(again.err).toContain(`Imported 0 scoops from`);
      expect(again.err).toContain(`; ${original.length} already scooped`);
      expect(await topicFiles(root)).toHaveLength(original.length);
    },
  );

  it("keeps a scoop's insight, source and excerpt apart (the basic fixture's feed)", async () => {
    const site = path.join(await tempDir("curio-import-basic-"), "site");
    await cp(path.join(REPO_ROOT, "tests/fixtures/basic/site"), site, { recursive: true });
    const out = path.join(site, "out");
    expect((await buildSite(site, { outDir: out, cache: false })).ok).toBe(true);
    const tomatoes = (await scoopsOf(site)).find((s) => s.title.startsWith("Tomatoes"))!;
    const root = await makeSite(EMPTY);
    const r = await curio(root, "import", path.join(out, "topics/gardening/feed.xml"));
    expect(r.code, r.err).toBe(0);
    const got = (await scoopsOf(root)).find((s) => s.title === tomatoes.title)!;
    expect(got.url).toBe(tomatoes.url);
    expect(got.excerptText).toBe(tomatoes.excerptText);
    expect(got.insightText).toBe(tomatoes.insightText);
    const file = (await topicFiles(root)).find((f) => f.includes("tomatoes"))!;
    expect(await readFile(path.join(root, "content/topics/t", file), "utf8")).toContain(
      "\n## Insight\n\nI tried this on a **north-facing** balcony. See also [my notes](https://example.org/garden/topics/tools/).\n",
    );
  });
});

describe("curio import: each format", () => {
  it("RSS 1.0 (RDF): content as clean markdown (scripts, iframes and pixels gone), tags, the date's offset, the link without tracking", async () => {
    const root = await makeSite(EMPTY);
    const r = await curio(root, "import", path.join(FIXTURES, "rss1.rdf"));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe("content/topics/t/2004-05-17-why-a-wiki-helps-a-ward.md\n");
    expect(r.err).toContain(
      'skipped: item 2 ("An item whose only address is ftp"): no http(s) link',
    );
    expect(
      await readFile(
        path.join(root, "content/topics/t/2004-05-17-why-a-wiki-helps-a-ward.md"),
        "utf8",
      ),
    ).toBe(`---
title: Why a wiki helps a ward
url: https://old.example/2004/05/wiki#comments
date: 2004-05-17T08:15+02:00
curator: nrip
tags:
  - Wikis
  - Nursing
---

Nurses share _notes_ faster with a [wiki](https://wiki.example/).

- less paper
- fewer calls

> It just works.

## Insight

`);
  });

  it("a browser's bookmarks export (Netscape HTML): titles, notes, tags, dates; a javascript: link skipped", async () => {
    const root = await makeSite(EMPTY);
    const r = await curio(root, "import", path.join(FIXTURES, "bookmarks.html"));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('skipped: item 3 ("A bookmarklet"): no http(s) link');
    expect(r.err).toContain('no date: item 4 ("Patient voices: "we want to be heard"")');
    const scoops = await scoopsOf(root);
    const tele = scoops.find((s) => s.url === "https://news.example/telehealth")!;
    expect(tele).toMatchObject({
      title: "Telehealth reaches rural clinics",
      tags: ["telehealth", "rural care"],
      excerptText: "Clinics cut travel by half.",
    });
    expect(Date.parse(tele.date.iso)).toBe(1555650000 * 1000);
    // No title: one is made from the address.
    expect(scoops.find((s) => s.url === "https://news.example/untitled")?.title).toBe("Untitled");
    const voices = scoops.find((s) => s.url === "https://blog.example/posts/patient-voices.html")!;
    expect(voices.title).toBe('Patient voices: "we want to be heard"');
    expect(Date.parse(voices.date.iso)).toBe(TEST_NOW);
  });

  it("Pinboard's JSON export: title, note, space-separated tags, time", async () => {
    const root = await makeSite(EMPTY);
    const r = await curio(root, "import", path.join(FIXTURES, "pinboard.json"), "--draft");
    expect(r.code, r.err).toBe(0);
    expect(r.out.trim().split("\n")).toHaveLength(2);
    const text = await readFile(path.join(root, r.out.split("\n")[0]!), "utf8");
    expect(text).toContain(
      "title: Hospitals on Mastodon\nurl: https://pin.example/a\ndate: 2023-02-10T14:05+00:00\ncurator: nrip\ntags:\n  - mastodon\n  - hospitals\ndraft: true\n",
    );
    expect(text).toContain("\nWhy some hospitals left X for Mastodon.\n");
  });

  it("an ISO-8859-1 feed is read in its declared encoding", async () => {
    const root = await makeSite(EMPTY);
    const r = await curio(root, "import", path.join(FIXTURES, "latin1.xml"));
    expect(r.code, r.err).toBe(0);
    const [scoop] = await scoopsOf(root);
    expect(scoop).toMatchObject({
      title: "Médecins et réseaux sociaux : le guide",
      tags: ["Réseaux sociaux"],
      excerptText: "Ce qu'il faut savoir avant de publier.",
    });
    expect(await readFile(path.join(root, r.out.trim()), "utf8")).toContain(
      "date: 2019-04-16T09:30+02:00",
    );
  });

  it("--dry-run lists the files it would write, and writes none", async () => {
    const root = await makeSite(EMPTY);
    const r = await curio(root, "import", path.join(FIXTURES, "pinboard.json"), "--dry-run");
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n")).toHaveLength(2);
    expect(r.err).toContain("Would import 2 scoops");
    expect(r.err).toContain("nothing was written");
    expect(await topicFiles(root)).toEqual([]);
  });
});

describe("curio import: bad input gives a clear error and writes nothing", () => {
  let server: ReturnType<typeof createServer>;
  let base: string;
  beforeAll(async () => {
    const rdf = await readFile(path.join(FIXTURES, "rss1.rdf"));
    server = createServer((req, res) => {
      if (req.url === "/feed.rdf")
        res.writeHead(200, { "content-type": "application/rdf+xml" }).end(rdf);
      else res.writeHead(404).end("not here");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("reads a feed from a URL", async () => {
    const root = await makeSite(EMPTY);
    const r = await curio(root, "import", `${base}/feed.rdf`);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe("content/topics/t/2004-05-17-why-a-wiki-helps-a-ward.md\n");
  });

  const truncated = async () => {
    const text = await readFile(path.join(FIXTURES, "rss1.rdf"), "utf8");
    return text.slice(0, Math.floor(text.length * 0.6));
  };
  it.each([
    [
      "truncated XML",
      "cut.xml",
      truncated,
      "cut.xml is not a well-formed feed (it may be cut short): nothing was imported",
    ],
    [
      "not a feed",
      "notes.txt",
      () => "just some notes\n",
      "notes.txt is not a format Curio imports: give an RSS, Atom or JSON feed, a browser's bookmarks export (HTML) or Pinboard's JSON export",
    ],
    [
      "an HTML page",
      "page.html",
      () => "<!doctype html><title>x</title><p>hi",
      "page.html is not a format Curio imports",
    ],
    [
      "JSON of another kind",
      "other.json",
      () => '[{"name": "x"}]',
      "other.json is a JSON list but not Pinboard's export (each entry needs an `href`): nothing was imported",
    ],
    [
      "cut-short JSON",
      "cut.json",
      () => '[{"href": "https://a.example/"',
      "cut.json is not valid JSON (it may be cut short): nothing was imported",
    ],
  ])("%s", async (_what, name, content, message) => {
    const root = await makeSite({ ...EMPTY, [name]: await content() });
    const r = await curio(root, "import", name);
    expect(r.code).toBe(1);
    expect(r.err).toContain(message);
    expect(await topicFiles(root)).toEqual([]);
  });

  it("a URL that fails, a missing file, an ftp address", async () => {
    const root = await makeSite(EMPTY);
    const missing = await curio(root, "import", `${base}/gone.xml`);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`could not read ${base}/gone.xml: HTTP 404`);
    const noFile = await curio(root, "import", "nowhere.xml");
    expect(noFile.err).toContain("no file nowhere.xml");
    const ftp = await curio(root, "import", "ftp://old.example/feed.xml");
    expect(ftp.code).toBe(2);
    expect(await topicFiles(root)).toEqual([]);
  });
});
