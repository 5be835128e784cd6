import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import { spillingExcerpts } from "../src/large-site/large-site.js";
import { readSources } from "../src/load/read-sources.js";
import {
  buildInMemory,
  buildSite,
  expectSameFiles,
  listFiles,
  readTree,
  REPO_ROOT,
  tempDir,
  TEST_NOW,
} from "./helpers/sites.js";

/** A copy of the example digest that a test may change. */
async function copyOfExample(): Promise<string> {
  const root = await tempDir("curio-example-");
  await cp(path.join(REPO_ROOT, "content"), path.join(root, "content"), { recursive: true });
  await cp(path.join(REPO_ROOT, "curio.config.yml"), path.join(root, "curio.config.yml"));
  return root;
}

describe("determinism", () => {
  it("two builds of the same input are byte-identical", async () => {
    const a = path.join(await tempDir(), "a");
    const b = path.join(await tempDir(), "b");
    expect((await buildSite(REPO_ROOT, { outDir: a })).ok).toBe(true);
    expect((await buildSite(REPO_ROOT, { outDir: b })).ok).toBe(true);
    const ta = await readTree(a);
    const tb = await readTree(b);
    expect([...ta.keys()]).toEqual([...tb.keys()]);
    for (const [file, bytes] of ta) expect(bytes.equals(tb.get(file)!), file).toBe(true);
  });

  it("gives the same output whatever order the files are read in, and whatever the clock says", async () => {
    const sources = await readSources(REPO_ROOT);
    const render = async (s: typeof sources, now: number) => (await buildInMemory(s, now)).files;
    const shuffled = {
      ...sources,
      content: [...sources.content].reverse(),
      theme: [...sources.theme].reverse(),
    };
    const first = await render(sources, TEST_NOW);
    const second = await render(shuffled, TEST_NOW + 86_400_000 * 365);
    expectSameFiles(second, first);
  });
});

describe("excerpts kept in a scratch file", () => {
  it("give the same output as excerpts in memory, and no scoop holds its excerpt", async () => {
    const sources = await readSources(REPO_ROOT);
    const excerpts = spillingExcerpts(await tempDir("curio-spill-"), 0);
    try {
      const spilled = await buildInMemory(sources, TEST_NOW, { excerpts });
      expect(excerpts.spilled).toBe(true);
      expect(spilled.result.ok).toBe(true);
      const scoops = spilled.result.ok ? spilled.result.site!.index.scoops : [];
      expect(scoops.length).toBeGreaterThan(20);
      for (const s of scoops) expect(Object.keys(s), s.file).not.toContain("excerptHtml");
      const inMemory = (await buildInMemory(sources)).files;
      expectSameFiles(spilled.files, inMemory);
    } finally {
      excerpts.close();
    }
  });
});

describe("a failed build", () => {
  it("leaves the previous dist/ exactly as it was and exits with the errors", async () => {
    const root = await copyOfExample();
    expect((await buildSite(root)).ok).toBe(true);
    const before = await readTree(path.join(root, "dist"));

    const scoop = path.join(
      root,
      "content/topics/social-media-and-healthcare/2019-04-18-social-media-implementation-checklist.md",
    );
    const original = await readFile(scoop, "utf8");
    await writeFile(scoop, original.replace("date: 2019-04-18", "date: April 18"));
    const result = await buildSite(root);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toContain("bad-date");

    const after = await readTree(path.join(root, "dist"));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [file, bytes] of before) expect(after.get(file)!.equals(bytes), file).toBe(true);
    // No temporary folders are left next to it.
    expect((await listFiles(root)).filter((f) => f.startsWith(".dist"))).toEqual([]);
  });

  it("leaves dist/ untouched when a template fails while rendering, and names template, line and page", async () => {
    const root = await copyOfExample();
    expect((await buildSite(root)).ok).toBe(true);
    const before = await readTree(path.join(root, "dist"));
    await cp(path.join(REPO_ROOT, "templates"), path.join(root, "templates"), { recursive: true });
    const tag = path.join(root, "templates", "tag.eta");
    const broken = (await readFile(tag, "utf8")).replace(
      "<h1><%= entry.name %>",
      "<h1><%= entry.nope.name %>",
    );
    await writeFile(tag, broken);
    const brokenLine = broken.split("\n").findIndex((l) => l.includes("entry.nope.name")) + 1;
    const result = await buildSite(root);
    expect(result.ok).toBe(false);
    const d = result.diagnostics.find((x) => x.code === "template-error");
    expect(d?.file).toBe("templates/tag.eta");
    expect(d?.line).toBe(brokenLine);
    expect(d?.message).toMatch(
      /^template `tag` failed while rendering \/tags\/[a-z-]+\/: Cannot read properties of undefined \(reading 'name'\)$/,
    );
    const after = await readTree(path.join(root, "dist"));
    expect([...after.keys()]).toEqual([...before.keys()]);
  });
});

describe("a base URL with a subpath", () => {
  it("makes every internal link resolve to a built file", async () => {
    const out = path.join(await tempDir(), "dist");
    const result = await buildSite(REPO_ROOT, {
      outDir: out,
      baseUrl: "https://example.org/digest/",
    });
    expect(result.ok).toBe(true);
    const files = new Set(await listFiles(out));
    let checked = 0;
    for (const file of files) {
      if (!file.endsWith(".html")) continue;
      const $ = cheerio.load(await readFile(path.join(out, file), "utf8"));
      const pageUrl = new URL(file.replace(/index\.html$/, ""), "https://example.org/digest/");
      $("a[href], link[href]").each((_, el) => {
        const href = $(el).attr("href")!;
        // A digest email's unsubscribe link is the sending service's placeholder.
        if (href === "{{ unsubscribe_url }}" && file.endsWith("/email.html")) return;
        const target = new URL(href, pageUrl);
        if (target.origin !== "https://example.org") return;
        expect(target.pathname.startsWith("/digest/"), `${file}: ${href}`).toBe(true);
        const rel = decodeURIComponent(target.pathname.slice("/digest/".length));
        const expected = rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel;
        expect(files.has(expected), `${file} links to ${href}`).toBe(true);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(1000);
    const feed = await readFile(path.join(out, "feed.xml"), "utf8");
    expect(feed).toContain("<link>https://example.org/digest/</link>");
    expect(feed).toContain(
      '<guid isPermaLink="true">https://example.org/digest/topics/social-media-and-healthcare/',
    );
  });
});

describe("static files", () => {
  it("are copied as they are, and may not replace a generated page", async () => {
    const { makeSite } = await import("./helpers/sites.js");
    const base = {
      "content/curators/ann.md": "---\nname: Ann\n---\n",
      "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
      "static/images/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
      "static/CNAME": "digest.example.org\n",
    };
    const root = await makeSite(base);
    expect((await buildSite(root)).ok).toBe(true);
    const files = await listFiles(path.join(root, "dist"));
    expect(files).toEqual(expect.arrayContaining(["images/logo.svg", "CNAME"]));
    expect(await readFile(path.join(root, "dist", "CNAME"), "utf8")).toBe("digest.example.org\n");

    const clash = await makeSite({ ...base, "static/tags/index.html": "<p>mine</p>" });
    const result = await buildSite(clash);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        "url-collision",
        "the static file static/tags/index.html would replace the file Curio writes at /tags/",
      ],
    ]);
  });
});

describe("digest emails", () => {
  it("keep a table's column alignment in the insight, as inline text-align", async () => {
    const { makeSite } = await import("./helpers/sites.js");
    const root = await makeSite({
      "curio.config.yml":
        "title: Notes\nbaseUrl: https://notes.example/\ntimezone: UTC\nsearch: false\n",
      "content/curators/ann.md": "---\nname: Ann\n---\n",
      "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
      "content/topics/t/2024-01-03-vices.md":
        "---\ntitle: Vices\nurl: https://tools.example/vices\ndate: 2024-01-03\ncurator: ann\n---\nThe excerpt.\n\n## Insight\n\n| Vice | Price |\n| :--- | ----: |\n| Bench | 40 |\n",
    });
    expect((await buildSite(root)).ok).toBe(true);
    const email = await readFile(
      path.join(root, "dist/topics/t/digests/2024-w01/email.html"),
      "utf8",
    );
    const $ = cheerio.load(email);
    expect($(".insight th").first().attr("style")).toContain("text-align: left;");
    expect($(".insight td").last().attr("style")).toContain("text-align: right;");
    expect($(".insight td").last().text()).toBe("40");
  });
});
