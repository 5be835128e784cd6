import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import Parser from "rss-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { Rebuilder } from "../src/api.js";
import { ATOM_RNC, isAbsoluteUrl, jing, jsonFeedValidator, urlsInFeed } from "./helpers/feeds.js";
import { buildSite, listFiles, makeSite, readOut, REPO_ROOT, tempDir } from "./helpers/sites.js";

const TOPIC = "topics/social-media-and-healthcare";
const DIGESTS = `${TOPIC}/digests/`;
/** The example's scoops are from weeks 12 to 16 of 2019. */
const ISSUES = ["2019-w16", "2019-w15", "2019-w14", "2019-w13", "2019-w12"];
/** Gmail clips a message whose HTML is larger than this. */
const GMAIL_CLIP = 102 * 1024;

let out: string;
let files: string[];

beforeAll(async () => {
  out = path.join(await tempDir(), "dist");
  const result = await buildSite(REPO_ROOT, { outDir: out });
  expect(result.ok).toBe(true);
  files = await listFiles(out);
});

describe("the example digest's weekly issues", () => {
  it("has an archive, a page per issue, an email.html and email.txt per issue, and feeds", () => {
    expect(files.filter((f) => f.startsWith(DIGESTS))).toEqual(
      [
        ...ISSUES.flatMap((p) =>
          ["email.html", "email.txt", "index.html"].map((f) => `${DIGESTS}${p}/${f}`),
        ),
        ...["atom.xml", "feed.json", "feed.xml", "index.html"].map((f) => `${DIGESTS}${f}`),
      ].sort(),
    );
  });

  it("lists the issues newest first, and each issue shows its week's scoops, insight first", async () => {
    const $ = cheerio.load(await readOut(out, `${DIGESTS}index.html`));
    expect(
      $(".issue-row__title a")
        .map((_, a) => $(a).attr("href"))
        .get(),
    ).toEqual(ISSUES.map((p) => `/${DIGESTS}${p}/`));
    const issue = cheerio.load(await readOut(out, `${DIGESTS}2019-w16/index.html`));
    expect(issue("h1").text()).toBe("15–21 April 2019");
    const dates = issue(".card__date time")
      .map((_, t) => issue(t).attr("datetime"))
      .get();
    expect(dates.length).toBeGreaterThan(1);
    for (const d of dates) expect(d >= "2019-04-15" && d < "2019-04-22", d).toBe(true);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(issue('a[rel="prev"]').attr("href")).toBe(`/${DIGESTS}2019-w15/`);
    expect(issue('a[rel="next"]').length).toBe(0);
    // The topic page leads to its digest.
    const topic = cheerio.load(await readOut(out, `${TOPIC}/index.html`));
    expect(topic(`a[href="/${DIGESTS}"]`).text()).toBe("Digest issues");
  });

  it.each(ISSUES)(
    "%s's email.html is mail-ready: inlined, no script, absolute URLs, sized images, under 102 KB",
    async (period) => {
      const html = await readOut(out, `${DIGESTS}${period}/email.html`);
      expect(Buffer.byteLength(html)).toBeLessThan(GMAIL_CLIP);
      const $ = cheerio.load(html);
      expect($("script").length).toBe(0);
      expect($('link[rel~="stylesheet"]').length).toBe(0);
      expect($("style").length).toBe(0);
      expect($("table").length).toBeGreaterThan(1);
      expect($("h2[style]").length).toBeGreaterThan(0);
      const urls = $("[href], [src]")
        .map((_, el) => $(el).attr("href") ?? $(el).attr("src"))
        .get();
      expect(urls.length).toBeGreaterThan(5);
      // Only the unsubscribe link is relative: the sending service's placeholder.
      expect(urls.filter((u) => !isAbsoluteUrl(u))).toEqual(["{{ unsubscribe_url }}"]);
      $("img").each((_, img) => {
        expect($(img).attr("width"), $(img).attr("src")).toMatch(/^\d+$/);
        expect($(img).attr("height"), $(img).attr("src")).toMatch(/^\d+$/);
      });
    },
  );

  it("has a plain-text alternative with every scoop's title and page", async () => {
    const text = await readOut(out, `${DIGESTS}2019-w16/email.txt`);
    const $ = cheerio.load(await readOut(out, `${DIGESTS}2019-w16/index.html`));
    const titles = $(".card__title")
      .map((_, h) => $(h).text().replace(/ ↗$/, "").trim())
      .get();
    expect(titles.length).toBeGreaterThan(1);
    for (const title of titles) expect(text).toContain(title.slice(0, 40));
    expect(text).toContain(`Read it on the web: https://example.org/${DIGESTS}2019-w16/`);
    expect(text).toMatch(/\nUnsubscribe: \{\{ unsubscribe_url \}\}\n$/);
    for (const line of text.split("\n").filter((l) => !/https?:\/\//.test(l)))
      expect(line.length, line).toBeLessThanOrEqual(78);
  });

  it("has feeds with one item per issue, the email as content, read by real clients and valid", async () => {
    const rss = await readOut(out, `${DIGESTS}feed.xml`);
    const atom = await readOut(out, `${DIGESTS}atom.xml`);
    const json = JSON.parse(await readOut(out, `${DIGESTS}feed.json`)) as unknown;
    const pages = ISSUES.map((p) => `https://example.org/${DIGESTS}${p}/`);
    const parsed = await new Parser().parseString(rss);
    expect(parsed.title).toBe(
      "Health & Social Media Digest: Social Media and Healthcare: the weekly digest",
    );
    expect(parsed.items.map((i) => i.link)).toEqual(pages);
    expect(parsed.items[0]!.title).toBe("Social Media and Healthcare: week 16, 2019");
    expect(parsed.items[0]!["content:encoded"]).toContain("style=");
    expect(parseRssFeed(rss).items?.map((i) => i.guid?.value)).toEqual(pages);
    expect(parseAtomFeed(atom).entries?.map((e) => e.id)).toEqual(pages);
    expect(parseJsonFeed(json).items?.map((i) => i.id)).toEqual(pages);
    expect(jing(ATOM_RNC, [path.join(out, `${DIGESTS}atom.xml`)])).toEqual({
      ok: true,
      report: "",
    });
    const validate = jsonFeedValidator();
    expect(validate(json) ? [] : validate.errors).toEqual([]);
    for (const file of ["feed.xml", "atom.xml", "feed.json"]) {
      const found = urlsInFeed(file, await readOut(out, `${DIGESTS}${file}`));
      for (const { where, url } of found) expect(isAbsoluteUrl(url), `${where}: ${url}`).toBe(true);
    }
  });
});

describe("which periods are published", () => {
  const digest = () =>
    makeSite({
      "content/curators/ann.md": "---\nname: Ann\n---\n",
      "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
      "content/topics/t/2026-03-02-old.md": "---\ntitle: Old\ndate: 2026-03-02\n---\nText.\n",
      "content/topics/t/2026-03-11-new.md": "---\ntitle: New\ndate: 2026-03-11\n---\nText.\n",
    });
  // Thursday 12 March 2026: week 11 (9–15 March) is under way.
  const thursday = Date.parse("2026-03-12T12:00:00Z");

  it("is complete weeks only, unless --include-current", async () => {
    const root = await digest();
    const issues = async (includeCurrent: boolean) => {
      const outDir = path.join(await tempDir(), "dist");
      const result = await new Rebuilder(
        { root, outDir, cache: false, includeCurrent },
        { now: () => thursday },
      ).build();
      expect(result.ok).toBe(true);
      return (await listFiles(outDir)).filter((f) => /digests\/[^/]+\/index\.html$/.test(f));
    };
    expect(await issues(false)).toEqual(["topics/t/digests/2026-w10/index.html"]);
    expect(await issues(true)).toEqual([
      "topics/t/digests/2026-w10/index.html",
      "topics/t/digests/2026-w11/index.html",
    ]);
  });

  it("a build after the week ends publishes its issue, though no file changed", async () => {
    const root = await digest();
    let now = thursday;
    const build = () =>
      // The wall clock (for the record of inputs) is a minute ahead, so files written just now
      // are not too recent to trust their modification times.
      new Rebuilder(
        { root, outDir: "dist" },
        { now: () => now, wallClock: () => Date.now() + 60_000 },
      ).build();
    expect((await build()).ok).toBe(true);
    now = thursday + 60_000;
    const again = await build();
    expect(again.ok && again.mode).toBe("up-to-date");
    // Monday 16 March: week 11 is over.
    now = Date.parse("2026-03-16T08:00:00Z");
    const after = await build();
    expect(after.ok && after.mode).toBe("full");
    expect(await listFiles(path.join(root, "dist/topics/t/digests"))).toContain(
      "2026-w11/email.html",
    );
  });

  it("is none with `digest: false`, in the config or the topic", async () => {
    const root = await digest();
    await writeFile(
      path.join(root, "curio.config.yml"),
      "title: Test digest\nbaseUrl: https://digest.test/\ndigest: false\n",
    );
    // In May, every scoop is out and both March weeks are over.
    const may = { now: () => Date.parse("2026-05-01T00:00:00Z") };
    expect((await new Rebuilder({ root, cache: false }, may).build()).ok).toBe(true);
    expect((await listFiles(path.join(root, "dist"))).some((f) => f.includes("digests"))).toBe(
      false,
    );
    const topic = path.join(root, "content/topics/t/_topic.md");
    await writeFile(
      path.join(root, "curio.config.yml"),
      "title: Test digest\nbaseUrl: https://digest.test/\n",
    );
    await writeFile(
      topic,
      (await readFile(topic, "utf8")).replace(
        "curators: [ann]",
        "curators: [ann]\ndigest: monthly",
      ),
    );
    expect((await new Rebuilder({ root, cache: false }, may).build()).ok).toBe(true);
    expect(
      (await listFiles(path.join(root, "dist"))).filter((f) =>
        /digests\/[^/]+\/index\.html$/.test(f),
      ),
    ).toEqual(["topics/t/digests/2026-03/index.html"]);
  });
});

describe("an editor's note (content/topics/<topic>/digests/<period>.md)", () => {
  const may = { now: () => Date.parse("2026-05-01T00:00:00Z") };
  const digest = (notes: Record<string, string>) =>
    makeSite({
      "content/curators/ann.md": "---\nname: Ann\n---\n",
      "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
      "content/topics/t/2026-03-02-old.md": "---\ntitle: Old\ndate: 2026-03-02\n---\nText.\n",
      "content/topics/t/2026-03-11-new.md": "---\ntitle: New\ndate: 2026-03-11\n---\nText.\n",
      ...Object.fromEntries(
        Object.entries(notes).map(([period, text]) => [
          `content/topics/t/digests/${period}.md`,
          text,
        ]),
      ),
    });

  it("gives its issue a title, an intro and a note, on the page, in the emails and the feed", async () => {
    const root = await digest({
      "2026-w11":
        "---\ntitle: The spring special\nintro: Two weeks of news in one.\n---\nWe also moved to a [new home](https://t.example/).\n",
    });
    const result = await new Rebuilder({ root, cache: false }, may).build();
    expect(result.diagnostics).toEqual([]);
    const dist = path.join(root, "dist");
    const $ = cheerio.load(await readOut(dist, "topics/t/digests/2026-w11/index.html"));
    expect($("title").text()).toBe("The spring special · Test digest");
    expect($(".issue-title").text()).toBe("The spring special");
    expect($(".issue-note__intro").text()).toBe("Two weeks of news in one.");
    expect($('.issue-note a[href="https://t.example/"]').text()).toBe("new home");
    const archive = cheerio.load(await readOut(dist, "topics/t/digests/index.html"));
    expect(archive(".issue-row__title").first().text()).toBe("9–15 March 2026: The spring special");
    const html = cheerio.load(await readOut(dist, "topics/t/digests/2026-w11/email.html"));
    expect(html(".intro").text()).toBe("Two weeks of news in one.");
    expect(html('a[href="https://t.example/"]').attr("style")).toBe("color: #0b6b55;");
    const text = await readOut(dist, "topics/t/digests/2026-w11/email.txt");
    expect(text).toContain("Two weeks of news in one.\n\nWe also moved to a new home.\n");
    const feed = await new Parser().parseString(await readOut(dist, "topics/t/digests/feed.xml"));
    expect(feed.items.map((i) => i.title)).toEqual(["The spring special", "T: week 10, 2026"]);
  });

  it("named after no issue is an error; for an issue the topic does not have, a warning", async () => {
    const root = await digest({
      spring: "---\ntitle: Spring\n---\nText.\n",
      "2026-w12": "---\ntitle: A quiet week\n---\nText.\n",
    });
    const result = await new Rebuilder({ root, cache: false }, may).build();
    expect(
      result.diagnostics.map((d) => [d.severity, d.code, d.file, d.line, d.message, d.hint]),
    ).toEqual([
      [
        "error",
        "bad-digest-note",
        "content/topics/t/digests/spring.md",
        1,
        "`spring` is not the name of a digest issue, so this note belongs to none",
        "name the file after its issue: 2019-w16.md for ISO week 16 of 2019, 2019-04.md for April 2019",
      ],
    ]);
    await rm(path.join(root, "content/topics/t/digests/spring.md"));
    const next = await new Rebuilder({ root, cache: false }, may).build();
    expect(next.ok).toBe(true);
    expect(next.diagnostics.map((d) => [d.severity, d.code, d.file, d.message, d.hint])).toEqual([
      [
        "warning",
        "digest-note-without-issue",
        "content/topics/t/digests/2026-w12.md",
        "topic `t` has no digest issue 2026-w12, so this note is not published",
        "name it after one of the issues the topic's digest page lists, or delete it",
      ],
    ]);
  });
});
