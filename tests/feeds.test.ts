import { cp, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { parseAtomFeed, parseJsonFeed, parseOpml, parseRssFeed } from "feedsmith";
import Parser from "rss-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { parseFrontMatter } from "../src/parse/front-matter.js";
import { toSlug } from "../src/util/slug.js";
import {
  ATOM_RNC,
  isAbsoluteUrl,
  jing,
  jsonFeedValidator,
  parseXml,
  urlsInFeed,
} from "./helpers/feeds.js";
import { buildSite, listFiles, makeSite, readOut, REPO_ROOT, tempDir } from "./helpers/sites.js";

/**
 * The feeds of the example digest: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site, the topic,
 * each curator and each tag, read by real client libraries (rss-parser, feedsmith), Atom
 * validated against RFC 4287's RELAX NG schema with Jing (needs Java), JSON Feed against the
 * JSON Feed 1.1 schema with Ajv; plus the feed settings and edge cases on small sites.
 */

const ORIGIN = "https://example.org";
const TOPIC = "social-media-and-healthcare";
const TOPIC_DIR = path.join(REPO_ROOT, "content", "topics", TOPIC);
const FORMATS = ["feed.xml", "atom.xml", "feed.json"] as const;
const FEED_FILE = /(^|\/)(feed\.xml|atom\.xml|feed\.json)$/;
const PERMALINK = new RegExp(`^${ORIGIN}/topics/${TOPIC}/[a-z0-9-]+/$`);

let out: string;
let files: string[];
let feedFiles: string[];
/** Folder of each scope ("" for the site, `topics/<t>/`, …) → its number of scoops. */
let scopes: Map<string, number>;

/** The example's scopes and their scoop counts, from the content files, not Curio's index. */
async function exampleScopes(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const bump = (scope: string) => counts.set(scope, (counts.get(scope) ?? 0) + 1);
  for (const name of (await readdir(TOPIC_DIR)).filter((n) => n !== "_topic.md")) {
    const fm = parseFrontMatter(name, await readFile(path.join(TOPIC_DIR, name), "utf8"));
    const data = fm.data as { curator: string; tags?: string[] };
    bump("");
    bump(`topics/${TOPIC}/`);
    bump(`curators/${data.curator}/`);
    for (const slug of new Set((data.tags ?? []).map(toSlug))) bump(`tags/${slug}/`);
  }
  return counts;
}

/** A copy of the example digest that a test may change. */
async function copyOfExample(): Promise<string> {
  const root = await tempDir("curio-example-");
  await cp(path.join(REPO_ROOT, "content"), path.join(root, "content"), { recursive: true });
  await cp(path.join(REPO_ROOT, "curio.config.yml"), path.join(root, "curio.config.yml"));
  return root;
}

/** Builds a site and returns its output folder; fails the test on any error. */
async function built(root: string, options: { baseUrl?: string } = {}): Promise<string> {
  const dir = path.join(await tempDir(), "dist");
  const result = await buildSite(root, { outDir: dir, ...options });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(result.ok).toBe(true);
  return dir;
}

/** What the three formats of one scope say, as client libraries read them. */
async function readScope(dir: string, scope: string) {
  const rssText = await readOut(dir, `${scope}feed.xml`);
  const atomText = await readOut(dir, `${scope}atom.xml`);
  const jsonText = await readOut(dir, `${scope}feed.json`);
  return {
    rss: await new Parser().parseString(rssText),
    atom: await new Parser().parseString(atomText),
    rss2: parseRssFeed(rssText),
    atom2: parseAtomFeed(atomText),
    json: parseJsonFeed(JSON.parse(jsonText)),
    jsonRaw: JSON.parse(jsonText) as JsonFeedDoc,
    atomDoc: parseXml(atomText) as { feed: AtomDoc },
  };
}

interface JsonFeedDoc {
  version: string;
  feed_url: string;
  items: {
    id: string;
    url: string;
    external_url?: string;
    content_html: string;
    date_published: string;
    tags?: string[];
  }[];
}

interface AtomLink {
  "@_rel"?: string;
  "@_href": string;
}
interface AtomDoc {
  id: string;
  updated: string;
  author?: unknown;
  link: AtomLink | AtomLink[];
  entry?: AtomEntry | AtomEntry[];
}
interface AtomEntry {
  id: string;
  updated: string;
  author?: unknown;
  content?: unknown;
  link: AtomLink | AtomLink[];
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : ([v].flat() as T[]));

beforeAll(async () => {
  out = await built(REPO_ROOT);
  files = await listFiles(out);
  // A topic's digest has feeds too, of its issues: tests/digests.test.ts reads those.
  feedFiles = files.filter((f) => FEED_FILE.test(f) && !f.includes("/digests/"));
  scopes = await exampleScopes();
});

describe("the example's feeds", () => {
  it("are written for the site, the topic, each curator and each tag, in three formats", () => {
    expect(scopes.get("")).toBe(27);
    expect(scopes.get(`topics/${TOPIC}/`)).toBe(27);
    expect(scopes.get("curators/nrip/")).toBe(2);
    expect(scopes.get("curators/plus91/")).toBe(25);
    expect([...scopes.keys()].filter((s) => s.startsWith("tags/")).length).toBeGreaterThan(5);
    const expected = [...scopes.keys()].flatMap((scope) => FORMATS.map((f) => `${scope}${f}`));
    expect(feedFiles).toEqual(expected.sort());
  });

  it("are read by real clients, with the right items, absolute links and unique, shared ids", async () => {
    for (const [scope, count] of scopes) {
      const f = await readScope(out, scope);
      const where = scope || "site";
      // rss-parser reads RSS and Atom; feedsmith reads all three formats.
      for (const feed of [f.rss, f.atom]) {
        expect(feed.items, where).toHaveLength(count);
        expect(feed.link, where).toBe(`${ORIGIN}/${scope}`);
      }
      expect(f.rss2.items, where).toHaveLength(count);
      expect(f.atom2.entries, where).toHaveLength(count);
      expect(f.json.items, where).toHaveLength(count);
      expect(f.json.feed_url).toBe(`${ORIGIN}/${scope}feed.json`);
      expect(f.json.home_page_url).toBe(`${ORIGIN}/${scope}`);

      const rssIds = f.rss.items.map((i) => i.guid);
      const atomIds = f.atom.items.map((i) => (i as { id?: string }).id);
      const jsonIds = f.json.items!.map((i) => i.id);
      expect(new Set(rssIds).size, where).toBe(count);
      for (const id of rssIds) expect(id).toMatch(PERMALINK);
      // One scoop has one id, whatever the format, and the same items in the same order.
      expect(atomIds, where).toEqual(rssIds);
      expect(jsonIds, where).toEqual(rssIds);
      for (const item of [...f.rss.items, ...f.atom.items]) {
        expect(item.link).toBe(item.guid ?? (item as { id?: string }).id);
        expect(item.title).toBeTruthy();
        expect(item.isoDate).toBeTruthy();
      }
      // Newest first; the feed's own date is its newest item's, with the site's offset.
      const dates = f.rss.items.map((i) => Date.parse(i.isoDate!));
      expect([...dates].sort((a, b) => b - a)).toEqual(dates);
      expect(Date.parse(f.rss2.lastBuildDate!)).toBe(dates[0]);
      expect(Date.parse(f.atom2.updated!)).toBe(dates[0]);
      expect(f.atom2.updated).toMatch(/\+05:30$/);
      for (const item of f.jsonRaw.items) {
        expect(item.date_published).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30$/);
      }
    }
  });

  it("carry the curator as author, tags as categories, a summary and the full content", async () => {
    const f = await readScope(out, "");
    const name = "social-media-implementation-checklist";
    const rss = f.rss2.items!.find((i) => i.link?.includes(name))!;
    expect(rss.dc?.creators).toEqual(["nrip"]);
    expect(rss.categories!.map((c) => c.name)).toEqual(["Strategy", "Marketing"]);
    expect(rss.description).toContain("Set goals first.");
    expect(rss.content?.encoded).toMatch(/^<blockquote><p>Set goals first\./);
    const atom = f.atom2.entries!.find((e) => e.id?.includes(name))!;
    expect(atom.authors).toEqual([{ name: "nrip" }]);
    expect(atom.categories).toEqual([
      { term: "strategy", label: "Strategy" },
      { term: "marketing", label: "Marketing" },
    ]);
    expect(atom.published).toBe("2019-04-18T00:00:00+05:30");
    expect(atom.updated).toBe("2019-04-18T00:00:00+05:30");
    expect(atom.summary).toMatchObject({ type: "text" });
    expect(atom.content).toMatchObject({ type: "html" });
    const json = f.json.items!.find((i) => i.id?.includes(name))!;
    expect(json.authors).toEqual([{ name: "nrip" }]);
    expect(json.tags).toEqual(["Strategy", "Marketing"]);
    expect(json.date_published).toBe("2019-04-18T00:00:00+05:30");
    expect(json.summary).toContain("Set goals first.");
    expect(json.content_html).toBe(rss.content?.encoded);
  });

  it("are valid Atom: RFC 4287's RELAX NG schema (Jing) and its Schematron rules", async () => {
    const atomFiles = feedFiles.filter((f) => f.endsWith("atom.xml"));
    const result = jing(
      ATOM_RNC,
      atomFiles.map((f) => path.join(out, f)),
    );
    expect(result.report).toBe("");
    expect(result.ok).toBe(true);
    for (const file of atomFiles) {
      const { feed } = parseXml(await readOut(out, file)) as { feed: AtomDoc };
      const entries = list(feed.entry);
      // The rules RFC 4287 states as Schematron annotations, which Jing does not check.
      for (const e of entries) {
        expect(feed.author !== undefined || e.author !== undefined, file).toBe(true);
        expect(
          list(e.link).some((l) => (l["@_rel"] ?? "alternate") === "alternate") ||
            e.content !== undefined,
          file,
        ).toBe(true);
      }
      // §4.2.6: ids are absolute IRIs; §4.2.7.2: one self link, absolute.
      for (const id of [feed.id, ...entries.map((e) => e.id)]) expect(isAbsoluteUrl(id)).toBe(true);
      const self = list(feed.link).filter((l) => l["@_rel"] === "self");
      expect(self.map((l) => l["@_href"])).toEqual([`${ORIGIN}/${file}`]);
    }
  });

  it("are valid JSON Feed 1.1 (JSON Schema)", async () => {
    const validate = jsonFeedValidator();
    for (const file of feedFiles.filter((f) => f.endsWith("feed.json"))) {
      const doc = JSON.parse(await readOut(out, file)) as JsonFeedDoc;
      expect(validate(doc) ? [] : validate.errors, file).toEqual([]);
      expect(doc.version).toBe("https://jsonfeed.org/version/1.1");
    }
  });

  it("have no relative URL anywhere", async () => {
    let checked = 0;
    for (const file of feedFiles) {
      for (const { where, url } of urlsInFeed(file, await readOut(out, file))) {
        expect(isAbsoluteUrl(url), `${where}: ${url}`).toBe(true);
        expect(url.startsWith(`${ORIGIN}/`), `${where}: ${url}`).toBe(true);
        checked++;
      }
    }
    // Every item has at least its id and link in each format.
    expect(checked).toBeGreaterThan(feedFiles.length * 2);
  });

  it("are linked from every page: the page's own three feeds, then the site's", async () => {
    const site = ["/feed.xml", "/atom.xml", "/feed.json"];
    const types = ["application/rss+xml", "application/atom+xml", "application/feed+json"];
    const own = (dir: string) => site.map((f) => `/${dir}${f.slice(1)}`);
    const cases: [string, string[]][] = [
      ["index.html", site],
      ["page/2/index.html", site],
      ["tags/index.html", site],
      ["404.html", site],
      [`topics/${TOPIC}/index.html`, [...own(`topics/${TOPIC}/`), ...site]],
      [`topics/${TOPIC}/page/2/index.html`, [...own(`topics/${TOPIC}/`), ...site]],
      [
        `topics/${TOPIC}/social-media-implementation-checklist/index.html`,
        [...own(`topics/${TOPIC}/`), ...site],
      ],
      ["curators/plus91/index.html", [...own("curators/plus91/"), ...site]],
      ["tags/marketing/index.html", [...own("tags/marketing/"), ...site]],
    ];
    for (const [file, hrefs] of cases) {
      const $ = cheerio.load(await readOut(out, file));
      const links = $('link[rel="alternate"]')
        .map((_, el) => ({ href: $(el).attr("href")!, type: $(el).attr("type")! }))
        .get();
      expect(
        links.map((l) => l.href),
        file,
      ).toEqual(hrefs);
      expect(links.map((l) => l.type)).toEqual([...types, ...types].slice(0, hrefs.length));
      for (const l of links) expect(files).toContain(l.href.slice(1));
    }
    const topic = cheerio.load(await readOut(out, `topics/${TOPIC}/index.html`));
    expect(
      topic('link[rel="alternate"]')
        .map((_, el) => topic(el).attr("title"))
        .get(),
    ).toEqual([
      "Social Media and Healthcare (RSS)",
      "Social Media and Healthcare (Atom)",
      "Social Media and Healthcare (JSON Feed)",
      "Health & Social Media Digest (RSS)",
      "Health & Social Media Digest (Atom)",
      "Health & Social Media Digest (JSON Feed)",
    ]);
  });

  it("are offered in /feeds.opml without overlap: one topic, so the site's feed alone", async () => {
    const text = await readOut(out, "feeds.opml");
    const doc = parseOpml(text);
    expect(doc.head?.title).toBe("Health & Social Media Digest: the site’s feed");
    // Deterministic: the newest scoop's date, never the clock.
    expect(doc.head?.dateModified).toBe("Fri, 19 Apr 2019 00:00:00 +0530");
    const groups = doc.body!.outlines!;
    expect(groups.map((g) => g.text)).toEqual(["Health & Social Media Digest"]);
    expect(groups[0]!.outlines!.map((f) => [f.type, f.text, f.xmlUrl, f.htmlUrl])).toEqual([
      ["rss", "Health & Social Media Digest", `${ORIGIN}/feed.xml`, `${ORIGIN}/`],
    ]);
    // Importing it gives every scoop of the site once.
    expect(await importedItems(out, text)).toHaveLength(scopes.get("")!);
    // fast-xml-parser agrees that it is one well-formed document with opml version 2.0.
    expect((parseXml(text) as { opml: { "@_version": string } }).opml["@_version"]).toBe("2.0");
  });

  it("are titled with the site's name first; the site's feed is the site's title", async () => {
    const titles = new Map<string, string[]>();
    for (const [scope] of scopes) {
      const f = await readScope(out, scope);
      titles.set(scope, [f.rss.title!, f.atom.title!, f.json.title!]);
    }
    for (const [scope, [rss, ...others]] of titles) {
      expect(others, scope).toEqual([rss, rss]);
      expect(rss!.startsWith("Health & Social Media Digest"), scope).toBe(true);
    }
    expect(titles.get("")![0]).toBe("Health & Social Media Digest");
    expect(titles.get(`topics/${TOPIC}/`)![0]).toBe(
      "Health & Social Media Digest: Social Media and Healthcare",
    );
    expect(titles.get("curators/plus91/")![0]).toBe(
      "Health & Social Media Digest: Scoops by Plus91",
    );
    expect(titles.get("tags/marketing/")![0]).toBe(
      "Health & Social Media Digest: Scoops tagged Marketing",
    );
  });

  it("name the theme's stylesheet, under the base path, before the root element", async () => {
    for (const file of feedFiles.filter((f) => !f.endsWith(".json"))) {
      const text = await readOut(out, file);
      expect(text.split("\n").slice(0, 2), file).toEqual([
        `<?xml version="1.0" encoding="utf-8"?>`,
        `<?xml-stylesheet type="text/xsl" href="/assets/feed.xsl"?>`,
      ]);
    }
    expect(files).toContain("assets/feed.xsl");
    const dir = await built(await makeSite(linkSite()));
    for (const file of ["feed.xml", "atom.xml", "topics/t/feed.xml"]) {
      expect(await readOut(dir, file)).toContain(
        `<?xml-stylesheet type="text/xsl" href="/digest/assets/feed.xsl"?>`,
      );
    }
  });

  it("are byte-identical when the site is built again", async () => {
    const again = await built(REPO_ROOT);
    for (const file of [...feedFiles, "feeds.opml"]) {
      expect(await readOut(again, file), file).toBe(await readOut(out, file));
    }
  });

  it("keep every id when a scoop file's date prefix is renamed", async () => {
    const root = await copyOfExample();
    const dir = path.join(root, "content", "topics", TOPIC);
    await rename(
      path.join(dir, "2019-04-18-social-media-implementation-checklist.md"),
      path.join(dir, "2019-04-10-social-media-implementation-checklist.md"),
    );
    const renamed = await built(root);
    const id = `${ORIGIN}/topics/${TOPIC}/social-media-implementation-checklist/`;
    const f = await readScope(renamed, "");
    expect(f.rss.items.map((i) => i.guid)).toContain(id);
    expect(f.atom2.entries!.map((e) => e.id)).toContain(id);
    expect(f.json.items!.map((i) => i.id)).toContain(id);
    // Nothing in any feed depends on the file name.
    for (const file of [...feedFiles, "feeds.opml"]) {
      expect(await readOut(renamed, file), file).toBe(await readOut(out, file));
    }
  });

  it("carry at most `feeds.items` items", async () => {
    const root = await copyOfExample();
    const config = await readFile(path.join(root, "curio.config.yml"), "utf8");
    await writeFile(path.join(root, "curio.config.yml"), `${config}feeds:\n  items: 5\n`);
    const limited = await built(root);
    for (const [scope, count] of scopes) {
      const f = await readScope(limited, scope);
      const n = Math.min(count, 5);
      expect(f.rss.items, scope).toHaveLength(n);
      expect(f.atom.items, scope).toHaveLength(n);
      expect(f.json.items, scope).toHaveLength(n);
      // The newest ones.
      const full = await new Parser().parseString(await readOut(out, `${scope}feed.xml`));
      expect(f.rss.items.map((i) => i.guid)).toEqual(full.items.slice(0, n).map((i) => i.guid));
    }
  });
});

/** A small site whose scoops have source URLs and relative links, under a base path. */
const linkSite = (config = "") => ({
  "curio.config.yml": `title: Links\nbaseUrl: https://example.org/digest/\ntimezone: Europe/Paris\n${config}`,
  "content/curators/ann.md": "---\nname: Ann\n---\n",
  "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
  "content/topics/t/2024-03-01-one.md": [
    "---",
    "title: One",
    "url: https://news.example.com/story?id=1&x=2",
    "date: 2024-03-01T10:30",
    "tags: [News]",
    "insight: Compare with [the home page](/) and [a mail](mailto:ann@example.com).",
    "---",
    "See [the other scoop](../two/), [the tag](/tags/news/) and [notes](#notes).",
    "",
    "![A chart](chart.png)",
    "",
  ].join("\n"),
  "content/topics/t/2024-03-02-two.md": "---\ntitle: Two\ndate: 2024-03-02\n---\nNo source.\n",
});

describe("feed settings", () => {
  const page = "https://example.org/digest/topics/t/one/";
  const source = "https://news.example.com/story?id=1&x=2";
  const two = "https://example.org/digest/topics/t/two/";

  it.each([
    ["source (the default)", "", source, page],
    ["page", "feeds:\n  link: page\n", page, source],
    ["page (following cards.headline)", "cards:\n  headline: page\n", page, source],
    [
      "source (set, whatever the cards do)",
      "cards:\n  headline: page\nfeeds:\n  link: source\n",
      source,
      page,
    ],
  ])(
    "with `feeds.link: %s`, links items there, the other URL related; ids stay the permalink",
    async (_, config, link, related) => {
      const dir = await built(await makeSite(linkSite(config)));
      const f = await readScope(dir, "topics/t/");
      const one = f.rss.items.find((i) => i.title === "One")!;
      expect(one.link).toBe(link);
      expect(one.guid).toBe(page);
      const entry = list(f.atomDoc.feed.entry).find((e) => e.id === page)!;
      expect(list(entry.link).map((l) => [l["@_rel"], l["@_href"]])).toEqual([
        ["alternate", link],
        ["related", related],
      ]);
      const json = f.jsonRaw.items.find((i) => i.id === page)!;
      expect(json.url).toBe(link);
      expect(json.external_url).toBe(source);
      // The curation date with the site's offset (Paris, winter: +01:00).
      expect(json.date_published).toBe("2024-03-01T10:30:00+01:00");
      // A scoop without a source links to its page, whatever the setting.
      expect(f.rss.items.find((i) => i.title === "Two")!.link).toBe(two);
      expect(f.jsonRaw.items.find((i) => i.id === two)!.url).toBe(two);
      expect(f.jsonRaw.items.find((i) => i.id === two)!.external_url).toBeUndefined();
      expect(jing(ATOM_RNC, [path.join(dir, "topics/t/atom.xml")]).report).toBe("");
    },
  );

  it("makes every URL in the content absolute, under the base path", async () => {
    const dir = await built(await makeSite(linkSite()));
    const expected = [
      "https://example.org/digest/topics/t/two/",
      "https://example.org/digest/tags/news/",
      "https://example.org/digest/topics/t/one/#notes",
      "https://example.org/digest/topics/t/one/chart.png",
      "https://example.org/digest/",
      "mailto:ann@example.com",
      "https://news.example.com/story?id=1&x=2",
    ];
    const feeds = (await listFiles(dir)).filter((f) => FEED_FILE.test(f));
    // The site's, the topic's, the tag's and the topic digest's.
    expect(feeds).toHaveLength(15);
    for (const file of feeds) {
      const found = urlsInFeed(file, await readOut(dir, file));
      for (const { where, url } of found) expect(isAbsoluteUrl(url), `${where}: ${url}`).toBe(true);
      // A digest's feed carries whole issues: their links are checked above, not these.
      if (file.includes("/digests/")) continue;
      if (file.startsWith("curators/") || file.startsWith("topics/") || !file.includes("/")) {
        expect(found.map((u) => u.url)).toEqual(expect.arrayContaining(expected));
      }
    }
  });

  it("refuses feed settings out of range", async () => {
    const root = await makeSite({
      "curio.config.yml":
        "title: X\nbaseUrl: https://example.org/\nfeeds:\n  items: 0\n  link: elsewhere\n",
      "content/curators/ann.md": "---\nname: Ann\n---\n",
      "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
    });
    const result = await buildSite(root, { outDir: path.join(await tempDir(), "dist") });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ["out-of-range", 4],
      ["invalid-value", 5],
    ]);
  });
});

describe("empty feeds", () => {
  const topics = {
    "content/curators/ann.md": "---\nname: Ann\n---\n",
    "content/topics/empty/_topic.md": "---\ntitle: Nothing yet\ncurators: [ann]\n---\n",
  };

  it("a topic without scoops has three valid feeds, dated like the site's newest scoop", async () => {
    const dir = await built(
      await makeSite({
        ...topics,
        "content/topics/full/_topic.md": "---\ntitle: Full\ncurators: [ann]\n---\n",
        "content/topics/full/2024-05-01-a.md": "---\ntitle: A\ndate: 2024-05-01T08:00\n---\nA.\n",
      }),
    );
    const f = await readScope(dir, "topics/empty/");
    expect(f.rss.items).toEqual([]);
    expect(f.atom.items).toEqual([]);
    expect(f.jsonRaw.items).toEqual([]);
    expect(f.atom2.updated).toBe("2024-05-01T08:00:00Z");
    expect(jing(ATOM_RNC, [path.join(dir, "topics/empty/atom.xml")])).toEqual({
      ok: true,
      report: "",
    });
    const validate = jsonFeedValidator();
    expect(validate(f.jsonRaw) ? [] : validate.errors).toEqual([]);
  });

  it("a site without any scoop still has valid feeds, dated 1970-01-01", async () => {
    const dir = await built(await makeSite(topics));
    const atoms = (await listFiles(dir)).filter((f) => f.endsWith("atom.xml"));
    expect(atoms).toEqual(["atom.xml", "curators/ann/atom.xml", "topics/empty/atom.xml"]);
    expect(
      jing(
        ATOM_RNC,
        atoms.map((f) => path.join(dir, f)),
      ),
    ).toEqual({ ok: true, report: "" });
    expect(parseAtomFeed(await readOut(dir, "atom.xml")).updated).toBe("1970-01-01T00:00:00Z");
    const validate = jsonFeedValidator();
    for (const file of ["feed.json", "topics/empty/feed.json"]) {
      const doc = JSON.parse(await readOut(dir, file)) as unknown;
      expect(validate(doc) ? [] : validate.errors, file).toEqual([]);
    }
    expect((await new Parser().parseString(await readOut(dir, "feed.xml"))).items).toEqual([]);
    // One topic: the OPML offers the site's feed.
    const opml = parseOpml(await readOut(dir, "feeds.opml"));
    expect(opml.body!.outlines!.map((g) => g.outlines!.map((f) => f.xmlUrl))).toEqual([
      ["https://digest.test/feed.xml"],
    ]);
    expect(opml.head?.dateModified).toBeUndefined();
  });
});

interface OpmlOutline {
  xmlUrl?: string;
  outlines?: OpmlOutline[];
}

/**
 * What a reader gets by importing an OPML file: every feed it lists, at any depth, fetched (from
 * the output folder) and read by rss-parser. The guid of every item, in the order read.
 */
async function importedItems(dir: string, opml: string, origin = ORIGIN): Promise<string[]> {
  const all = (list: readonly OpmlOutline[]): OpmlOutline[] =>
    list.flatMap((o) => [o, ...all(o.outlines ?? [])]);
  const feeds = all((parseOpml(opml).body?.outlines ?? []) as OpmlOutline[]).filter(
    (o) => o.xmlUrl !== undefined,
  );
  const ids: string[] = [];
  for (const { xmlUrl } of feeds) {
    expect(xmlUrl!.startsWith(`${origin}/`), xmlUrl).toBe(true);
    const feed = await new Parser().parseString(
      await readOut(dir, xmlUrl!.slice(`${origin}/`.length)),
    );
    ids.push(...feed.items.map((i) => i.guid!));
  }
  return ids;
}

/** Issue 14: two topics, two curators; a scoop with an insight, a source and a picture. */
const cardSite = {
  "curio.config.yml":
    "title: Social Media and Healthcare\nbaseUrl: https://example.org/\ntimezone: UTC\n",
  "content/curators/plus91.md": "---\nname: Plus91\n---\n",
  "content/curators/ann.md": "---\nname: Ann\n---\n",
  "content/topics/ai/_topic.md": "---\ntitle: AI in care\ncurators: [plus91]\n---\n",
  "content/topics/apps/_topic.md": "---\ntitle: Health apps\ncurators: [ann]\n---\n",
  "content/topics/ai/2024-05-02-triage.md": [
    "---",
    "title: Triage by chatbot",
    "date: 2024-05-02",
    "url: https://www.healthcareitnews.com/news/triage?x=1",
    "image: https://cdn.example.com/triage.png",
    "imageAlt: A chatbot",
    "tags: [AI, Hospitals]",
    "insight: |",
    "  Worth reading for the **numbers** & the [method](/topics/ai/plain/).",
    "",
    "  Second paragraph.",
    "---",
    "Hospitals try chatbots for triage.",
    "",
  ].join("\n"),
  "content/topics/ai/2024-05-01-plain.md":
    "---\ntitle: Plain\ndate: 2024-05-01\ntags: [AI]\n---\nJust the excerpt.\n",
  "content/topics/apps/2024-05-03-app.md": [
    "---",
    "title: An app",
    "date: 2024-05-03",
    "url: https://apps.example.com/a",
    "image: https://cdn.example.com/photo?id=3",
    "tags: [AI]",
    "---",
    "An app for nurses.",
    "",
  ].join("\n"),
};

describe("feed items for readers that show summaries (issue 14)", () => {
  const SITE = "Social Media and Healthcare";
  const TRIAGE = `${ORIGIN}/topics/ai/triage/`;
  const APP = `${ORIGIN}/topics/apps/app/`;
  const PLAIN = `${ORIGIN}/topics/ai/plain/`;
  const INSIGHT = "Worth reading for the numbers & the method. Second paragraph.";
  let dir: string;

  beforeAll(async () => {
    dir = await built(await makeSite(cardSite));
  });

  it("summarize a scoop by its insight in RSS, Atom and JSON Feed; else by its excerpt", async () => {
    for (const scope of ["", "topics/ai/", "tags/ai/", "curators/plus91/"]) {
      const f = await readScope(dir, scope);
      const rss = f.rss2.items!.find((i) => i.guid?.value === TRIAGE)!;
      // The description is HTML: the text, HTML-escaped (see rss-description.test.ts).
      expect(rss.description, scope).toBe(INSIGHT.replace("&", "&amp;"));
      expect(f.rss.items.find((i) => i.guid === TRIAGE)!.contentSnippet).toBeDefined();
      expect(f.atom2.entries!.find((e) => e.id === TRIAGE)!.summary, scope).toMatchObject({
        type: "text",
        value: INSIGHT,
      });
      expect(f.json.items!.find((i) => i.id === TRIAGE)!.summary, scope).toBe(INSIGHT);
    }
    const f = await readScope(dir, "");
    expect(f.rss2.items!.find((i) => i.guid?.value === PLAIN)!.description).toBe(
      "Just the excerpt.",
    );
    expect(f.json.items!.find((i) => i.id === APP)!.summary).toBe("An app for nurses.");
  });

  it("label the insight with the curator's name, then quote the excerpt, then name the source", async () => {
    const f = await readScope(dir, "");
    const html = f.json.items!.find((i) => i.id === TRIAGE)!.content_html;
    expect(html).toBe(
      [
        `<p><img src="https://cdn.example.com/triage.png" alt="A chatbot"></p>`,
        `<p><strong>Plus91’s insight</strong></p>`,
        `<p>Worth reading for the <strong>numbers</strong> &#x26; the <a href="${PLAIN}">method</a>.</p>\n<p>Second paragraph.</p>`,
        `<blockquote><p>Hospitals try chatbots for triage.</p></blockquote>`,
        `<p><a href="https://www.healthcareitnews.com/news/triage?x=1">Read at healthcareitnews.com</a></p>`,
      ].join(""),
    );
    // The same content in every format.
    expect(f.rss2.items!.find((i) => i.guid?.value === TRIAGE)!.content?.encoded).toBe(html);
    expect(f.atom2.entries!.find((e) => e.id === TRIAGE)!.content).toMatchObject({ value: html });
    const app = f.json.items!.find((i) => i.id === APP)!.content_html;
    expect(app).toContain(
      `<p><a href="https://apps.example.com/a">Read at apps.example.com</a></p>`,
    );
    expect(app).not.toContain("insight");
  });

  it("are titled with the site's name first", async () => {
    const expected: [string, string][] = [
      ["", SITE],
      ["topics/ai/", `${SITE}: AI in care`],
      ["topics/apps/", `${SITE}: Health apps`],
      ["curators/plus91/", `${SITE}: Scoops by Plus91`],
      ["curators/ann/", `${SITE}: Scoops by Ann`],
      ["tags/ai/", `${SITE}: Scoops tagged AI`],
      ["tags/hospitals/", `${SITE}: Scoops tagged Hospitals`],
      ["topics/ai/digests/", `${SITE}: AI in care: the weekly digest`],
      ["topics/apps/digests/", `${SITE}: Health apps: the weekly digest`],
    ];
    const feeds = (await listFiles(dir)).filter((f) => FEED_FILE.test(f));
    expect(feeds).toHaveLength(expected.length * 3);
    for (const [scope, title] of expected) {
      const f = await readScope(dir, scope);
      expect([f.rss.title, f.atom.title, f.json.title], scope).toEqual([title, title, title]);
    }
  });

  it("are offered in /feeds.opml one per topic: importing it gives each scoop once", async () => {
    const text = await readOut(dir, "feeds.opml");
    const doc = parseOpml(text);
    expect(doc.head?.title).toBe(`${SITE}: a feed per topic`);
    expect(
      doc.body!.outlines!.map((g) => [
        g.text,
        g.outlines!.map((f) => [f.type, f.text, f.xmlUrl, f.htmlUrl]),
      ]),
    ).toEqual([
      [
        SITE,
        [
          ["rss", `${SITE}: AI in care`, `${ORIGIN}/topics/ai/feed.xml`, `${ORIGIN}/topics/ai/`],
          [
            "rss",
            `${SITE}: Health apps`,
            `${ORIGIN}/topics/apps/feed.xml`,
            `${ORIGIN}/topics/apps/`,
          ],
        ],
      ],
    ]);
    const ids = await importedItems(dir, text);
    // Each scoop once: the topics split the site's scoops.
    expect([...ids].sort()).toEqual([APP, PLAIN, TRIAGE].sort());
  });

  it("carry the picture: media:thumbnail, an Atom enclosure of a known type, JSON image", async () => {
    const rss = parseXml(await readOut(dir, "feed.xml")) as {
      rss: { "@_xmlns:media": string; channel: { item: Record<string, unknown>[] } };
    };
    expect(rss.rss["@_xmlns:media"]).toBe("http://search.yahoo.com/mrss/");
    const thumbnails = Object.fromEntries(
      rss.rss.channel.item.map((i) => [
        i.guid && (i.guid as { "#text": string })["#text"],
        i["media:thumbnail"],
      ]),
    );
    expect(thumbnails).toEqual({
      [APP]: { "@_url": "https://cdn.example.com/photo?id=3" },
      [TRIAGE]: { "@_url": "https://cdn.example.com/triage.png" },
      [PLAIN]: undefined,
    });
    const f = await readScope(dir, "");
    const links = (id: string) =>
      list(list(f.atomDoc.feed.entry).find((e) => e.id === id)!.link).map((l) => [
        l["@_rel"],
        (l as { "@_type"?: string })["@_type"],
        l["@_href"],
      ]);
    expect(links(TRIAGE)).toEqual([
      ["alternate", "text/html", "https://www.healthcareitnews.com/news/triage?x=1"],
      ["related", "text/html", TRIAGE],
      ["enclosure", "image/png", "https://cdn.example.com/triage.png"],
    ]);
    // No media type known from `photo?id=3`: no enclosure (its type would be a guess).
    expect(links(APP).map(([rel]) => rel)).toEqual(["alternate", "related"]);
    expect(f.json.items!.map((i) => [i.id, i.image])).toEqual([
      [APP, "https://cdn.example.com/photo?id=3"],
      [TRIAGE, "https://cdn.example.com/triage.png"],
      [PLAIN, undefined],
    ]);
    // Still valid: Atom by RFC 4287's schema, JSON Feed by its schema, RSS read by both clients.
    const all = await listFiles(dir);
    const atoms = all.filter((file) => file.endsWith("atom.xml"));
    expect(
      jing(
        ATOM_RNC,
        atoms.map((a) => path.join(dir, a)),
      ),
    ).toEqual({ ok: true, report: "" });
    const validate = jsonFeedValidator();
    for (const file of all.filter((x) => x.endsWith("feed.json"))) {
      const doc = JSON.parse(await readOut(dir, file)) as unknown;
      expect(validate(doc) ? [] : validate.errors, file).toEqual([]);
    }
    expect(f.rss.items).toHaveLength(3);
    expect(f.rss2.items).toHaveLength(3);
    for (const file of all.filter((x) => FEED_FILE.test(x))) {
      for (const { where, url } of urlsInFeed(file, await readOut(dir, file))) {
        expect(isAbsoluteUrl(url), `${where}: ${url}`).toBe(true);
      }
    }
  });
});
