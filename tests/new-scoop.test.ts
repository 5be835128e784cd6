import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { decode, fetchPage, userAgent } from "../src/new/fetch-page.js";
import { articleUrl } from "../src/new/new-scoop.js";
import { urlKey, withoutTracking } from "../src/new/url-key.js";
import { buildSite, listFiles, makeSite, TEST_NOW } from "./helpers/sites.js";
import type { PageServer } from "./helpers/page-server.js";
import { COVER_PNG, startPageServer } from "./helpers/page-server.js";

let server: PageServer;
let base = "";
beforeAll(async () => {
  server = await startPageServer();
  base = server.base;
});
afterAll(() => server.close());

/** A digest in Asia/Kolkata: TEST_NOW (2026-01-01T00:00Z) is 2026-01-01T05:30 there. */
const SITE = {
  "curio.config.yml": "title: Test digest\nbaseUrl: https://digest.test/\ntimezone: Asia/Kolkata\n",
  "content/curators/ann.md": "---\nname: Ann\n---\n",
  "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
};

/** Runs `curio new scoop` in the digest with a 300 ms timeout and a 100 KB size limit. */
async function scoop(root: string, url: string, ...extra: string[]) {
  let out = "";
  let err = "";
  const code = await main(
    ["node", "curio", "new", "scoop", url, "--timeout", "0.3", "--max-size", "100", ...extra],
    {
      out: (s) => (out += s),
      err: (s) => (err += s),
      cwd: root,
      now: () => TEST_NOW,
      env: {},
      isTTY: false,
    },
  );
  return { code, out, err };
}

/** The scoop files of topic `t`. */
async function scoops(root: string): Promise<string[]> {
  return (await listFiles(path.join(root, "content/topics/t"))).filter((f) => f !== "_topic.md");
}

function read(root: string, rel: string): Promise<string> {
  return readFile(path.join(root, rel), "utf8");
}

/** A skeleton: written offline, from a page without metadata, or (a draft) when it could not be read. */
function skeleton(title: string, url: string, draft = false): string {
  return `---
title: ${title}
url: ${url}
date: 2026-01-01T05:30
curator: ann
tags: []
${draft ? "draft: true\n" : ""}---

## Insight

`;
}

describe("curio new scoop: fixture pages", () => {
  it("good metadata: Open Graph first, JSON-LD for the author, the canonical URL, the description as excerpt", async () => {
    const root = await makeSite(SITE);
    const r = await scoop(root, `${base}/good?utm_source=newsletter`);
    expect(r).toEqual({
      code: 0,
      out: "content/topics/t/2026-01-01-take-two-social-media-and-health-care.md\n",
      err: "",
    });
    expect(await scoops(root)).toEqual(["2026-01-01-take-two-social-media-and-health-care.md"]);
    expect(await read(root, "content/topics/t/2026-01-01-take-two-social-media-and-health-care.md"))
      .toBe(`---
title: 'Take two: "Social" media & health care'
url: ${base}/articles/take-two
date: 2026-01-01T05:30
curator: ann
tags: []
image: ${base}/images/cover.png
imageAlt: A doctor holding a phone
imageWidth: 1200
imageHeight: 630
published: 2025-12-30
sourceName: Example News
sourceAuthor: Ann Lee, Bo Chen
---

How social media is reshaping health care — and what it means for \\*patients\\*.

## Insight

`);
    // The file builds, without a warning, and the excerpt reads as the page's description.
    const built = await buildSite(root);
    expect(built.diagnostics).toEqual([]);
    expect(built.ok).toBe(true);
    const page = await read(root, "dist/topics/t/take-two-social-media-and-health-care/index.html");
    expect(page).toContain(
      "<p>How social media is reshaping health care — and what it means for *patients*.</p>",
    );
  });

  it("--save-image keeps the page's image under static/images/, with its size, and never over a file", async () => {
    const stem = "static/images/take-two-social-media-and-health-care";
    const root = await makeSite({ ...SITE, [`${stem}.png`]: "the curator's own file" });
    const r = await scoop(root, `${base}/good`, "--save-image");
    expect(r).toEqual({
      code: 0,
      out: "content/topics/t/2026-01-01-take-two-social-media-and-health-care.md\n",
      err: "",
    });
    const file = "content/topics/t/2026-01-01-take-two-social-media-and-health-care.md";
    const text = await read(root, file);
    expect(text).toContain(
      "image: images/take-two-social-media-and-health-care-2.png\nimageAlt: A doctor holding a phone\nimageWidth: 1200\nimageHeight: 630\n",
    );
    const bytes = (rel: string) => readFile(path.join(root, rel));
    expect((await bytes(`${stem}-2.png`)).equals(COVER_PNG)).toBe(true);
    expect(await read(root, `${stem}.png`)).toBe("the curator's own file");
    // Another scoop with the same slug: its image goes beside, the others stay.
    await writeFile(
      path.join(root, file),
      text.replace(/url: .*\n/, "url: https://other.test/a\n"),
    );
    expect((await scoop(root, `${base}/good?again=1`, "--save-image")).code).toBe(0);
    expect((await bytes(`${stem}-3.png`)).equals(COVER_PNG)).toBe(true);
    expect((await bytes(`${stem}-2.png`)).equals(COVER_PNG)).toBe(true);
    expect(await read(root, `${stem}.png`)).toBe("the curator's own file");
    // The site publishes the saved image and its smaller copies, and the page reserves its space.
    const built = await buildSite(root);
    expect(built.ok).toBe(true);
    expect(
      (await bytes("dist/images/take-two-social-media-and-health-care-2.png")).equals(COVER_PNG),
    ).toBe(true);
    const page = await read(root, "dist/topics/t/take-two-social-media-and-health-care/index.html");
    expect(page).toMatch(
      /<img src="\/images\/take-two-social-media-and-health-care-2.png" srcset="\/images\/take-two-social-media-and-health-care-2-320w.png 320w, [^"]+ 1200w" sizes="[^"]+" alt="A doctor holding a phone" width="1200" height="630"/,
    );
  });

  it.each([
    [
      "/missing-image",
      [],
      "image not read (HTTP 404 Not Found): wrote its URL without its size",
      "/images/gone.png",
      "",
    ],
    [
      "/fake-image",
      [],
      "image not read (its bytes are not an image Curio can read): wrote its URL without its size",
      "/images/not-an-image.png",
      "",
    ],
    ["/svg-image", [], "", "/images/logo.svg", "imageWidth: 64\nimageHeight: 32\n"],
    [
      "/svg-image",
      ["--save-image"],
      "image not saved (it is SVG, which Curio does not save (only PNG, JPEG, GIF, WebP and AVIF)): kept its URL",
      "/images/logo.svg",
      "imageWidth: 64\nimageHeight: 32\n",
    ],
    [
      "/report.pdf",
      ["--save-image"],
      "fetch failed: not an HTML page (content-type application/pdf); wrote a skeleton with the URL, as a draft (remove `draft: true` once it is filled in)",
      "",
      "",
    ],
  ])(
    "%s %j: says what happened to the image, and still writes the scoop",
    async (page, extra, warning, image, size) => {
      const root = await makeSite(SITE);
      const r = await scoop(root, `${base}${page}`, ...extra);
      expect(r.code).toBe(page === "/report.pdf" ? 1 : 0);
      expect(r.err).toBe(warning ? `${warning}\n` : "");
      const [file] = await scoops(root);
      const text = await read(root, `content/topics/t/${file!}`);
      if (image) expect(text).toContain(`image: ${base}${image}\n${size}`);
      expect(await listFiles(root)).not.toContain("static/images");
      expect((await listFiles(root)).some((f) => f.startsWith("static/"))).toBe(false);
    },
  );

  it("no metadata: the title comes from <title>, and the body stays empty", async () => {
    const root = await makeSite(SITE);
    const r = await scoop(root, `${base}/plain`);
    expect(r).toEqual({ code: 0, out: "content/topics/t/2026-01-01-only-a-title.md\n", err: "" });
    expect(await read(root, "content/topics/t/2026-01-01-only-a-title.md")).toBe(
      skeleton("Only a title", `${base}/plain`),
    );
  });

  it("broken HTML: unclosed tags, unquoted attributes and <meta> in the body are still read", async () => {
    const root = await makeSite(SITE);
    const r = await scoop(root, `${base}/broken`);
    expect(r).toEqual({
      code: 0,
      out: "content/topics/t/2026-01-01-broken-page-still-readable.md\n",
      err: "",
    });
    expect(await read(root, "content/topics/t/2026-01-01-broken-page-still-readable.md")).toBe(`---
title: Broken page — still readable
url: ${base}/broken-canonical
date: 2026-01-01T05:30
curator: ann
tags: []
image: ${base}/img/pic.png
imageWidth: 40
imageHeight: 30
---

Found in the body, after unclosed tags

## Insight

`);
  });

  it("redirects (301, then 302): the page they end at, and its address", async () => {
    const root = await makeSite(SITE);
    const r = await scoop(root, `${base}/redirect-1`);
    expect(r).toEqual({ code: 0, out: "content/topics/t/2026-01-01-moved-here.md\n", err: "" });
    expect(await read(root, "content/topics/t/2026-01-01-moved-here.md")).toBe(`---
title: Moved here
url: ${base}/redirected
date: 2026-01-01T05:30
curator: ann
tags: []
---

Landed after two redirects.

## Insight

`);
  });

  const failures: [string, string, string, string][] = [
    // [path, file written, title, reason]
    ["/loop-a", "2026-01-01-loop-a.md", "Loop a", "redirect loop (back to BASE/loop-a)"],
    ["/chain", "2026-01-01-chain.md", "Chain", "too many redirects (more than 5)"],
    [
      "/to-ftp",
      "2026-01-01-to-ftp.md",
      "To ftp",
      "redirected to ftp://files.example/a, which is not an http(s) address",
    ],
    ["/slow", "2026-01-01-slow.md", "Slow", "timed out after 300 ms"],
    ["/huge", "2026-01-01-huge.md", "Huge", "the page is larger than 100 KB"],
    [
      "/huge-declared",
      "2026-01-01-huge-declared.md",
      "Huge declared",
      "the page is larger than 100 KB",
    ],
    [
      "/report.pdf",
      "2026-01-01-report.md",
      "Report",
      "not an HTML page (content-type application/pdf)",
    ],
    ["/missing", "2026-01-01-missing.md", "Missing", "HTTP 404 Not Found"],
  ];
  it.each(failures)(
    "%s: writes a skeleton with the URL and says why",
    async (page, file, title, reason) => {
      const root = await makeSite(SITE);
      const started = Date.now();
      const r = await scoop(root, `${base}${page}`);
      expect(r).toEqual({
        code: 1,
        out: `content/topics/t/${file}\n`,
        err: `fetch failed: ${reason.replace("BASE", base)}; wrote a skeleton with the URL, as a draft (remove \`draft: true\` once it is filled in)\n`,
      });
      expect(await scoops(root)).toEqual([file]);
      expect(await read(root, `content/topics/t/${file}`)).toBe(
        skeleton(title, `${base}${page}`, true),
      );
      expect(Date.now() - started).toBeLessThan(5000);
    },
  );

  it("every file it writes builds without errors or warnings", async () => {
    const root = await makeSite(SITE);
    for (const page of ["/good", "/plain", "/broken", "/redirect-1"])
      expect((await scoop(root, `${base}${page}`)).code).toBe(0);
    for (const page of failures.map((f) => f[0]))
      expect((await scoop(root, `${base}${page}`)).code).toBe(1);
    expect(await scoops(root)).toHaveLength(12);
    const built = await buildSite(root);
    expect(built.diagnostics).toEqual([]);
    expect(built.ok).toBe(true);
    // The skeletons of pages that could not be read are drafts: not published.
    expect(built.ok && built.stats.drafts).toBe(failures.length);
  });
});

describe("curio new scoop: files and topics", () => {
  it("--offline writes a skeleton without fetching (tracking parameters dropped)", async () => {
    const root = await makeSite(SITE);
    const before = server.requests.length;
    const r = await scoop(root, `${base}/good?utm_source=x&id=7#part-2`, "--offline");
    expect(r).toEqual({
      code: 0,
      out: "content/topics/t/2026-01-01-good.md\n",
      err: "offline: wrote a skeleton\n",
    });
    expect(server.requests.length).toBe(before);
    expect(await read(root, "content/topics/t/2026-01-01-good.md")).toBe(
      skeleton("Good", `${base}/good?id=7#part-2`),
    );
  });

  it("never overwrites a file: the slug gets -2, -3", async () => {
    const root = await makeSite({
      ...SITE,
      "content/topics/t/2026-01-01-post.md": "---\ntitle: Mine\ndate: 2026-01-01\n---\nKeep me.\n",
    });
    const a = await scoop(root, "https://one.example/a/post", "--offline");
    const b = await scoop(root, "https://two.example/b/post.html", "--offline");
    expect([a.out, b.out]).toEqual([
      "content/topics/t/2026-01-01-post-2.md\n",
      "content/topics/t/2026-01-01-post-3.md\n",
    ]);
    expect(await read(root, "content/topics/t/2026-01-01-post.md")).toBe(
      "---\ntitle: Mine\ndate: 2026-01-01\n---\nKeep me.\n",
    );
    expect(await read(root, "content/topics/t/2026-01-01-post-3.md")).toBe(
      skeleton("Post", "https://two.example/b/post.html"),
    );
    const built = await buildSite(root);
    expect(built.diagnostics).toEqual([]);
  });

  it("a URL the topic already has (www, trailing slash, utm_*, fragment aside) is refused, saying where", async () => {
    const existing =
      "---\ntitle: Story\nurl: https://www.example.org/story/\ndate: 2024-01-01\n---\n";
    const root = await makeSite({ ...SITE, "content/topics/t/2024-01-01-story.md": existing });
    const r = await scoop(
      root,
      "http://EXAMPLE.org/story?utm_source=feed&utm_medium=rss#comments",
      "--offline",
    );
    expect(r).toEqual({
      code: 1,
      out: "",
      err: "already scooped in content/topics/t/2024-01-01-story.md\n",
    });
    expect(await scoops(root)).toEqual(["2024-01-01-story.md"]);
  });

  it("a page whose canonical URL the topic already has is refused after the fetch", async () => {
    const root = await makeSite({
      ...SITE,
      "content/topics/t/2025-12-31-take-two.md": `---\ntitle: Take two\nurl: ${base}/articles/take-two/\ndate: 2025-12-31\n---\n`,
    });
    const r = await scoop(root, `${base}/good`);
    expect(r).toEqual({
      code: 1,
      out: "",
      err: "already scooped in content/topics/t/2025-12-31-take-two.md\n",
    });
    expect(await scoops(root)).toEqual(["2025-12-31-take-two.md"]);
  });

  it("picks the topic and curator from the options, and refuses what does not exist", async () => {
    const root = await makeSite({
      ...SITE,
      "content/curators/bo.md": "---\nname: Bo\n---\n",
      "content/topics/u/_topic.md": "---\ntitle: U\ncurators: [ann, bo]\n---\n",
    });
    expect(await scoop(root, "https://x.example/a", "--offline")).toEqual({
      code: 2,
      out: "",
      err: "error: choose a topic with --topic; topics: t, u\n",
    });
    expect(await scoop(root, "https://x.example/a", "--offline", "--topic", "v")).toEqual({
      code: 2,
      out: "",
      err: "error: no topic `v` (content/topics/v/_topic.md): did you mean `t`?; topics: t, u\n",
    });
    expect(await scoop(root, "https://x.example/a", "--offline", "--topic", "u")).toEqual({
      code: 2,
      out: "",
      err: "error: topic `u` has 2 curators: choose one with --curator; curators: ann, bo\n",
    });
    expect(
      await scoop(root, "https://x.example/a", "--offline", "--topic", "u", "--curator", "bob"),
    ).toEqual({
      code: 2,
      out: "",
      err: "error: no curator `bob` (content/curators/bob.md): did you mean `bo`?; curators: ann, bo\n",
    });
    const ok = await scoop(
      root,
      "https://x.example/a",
      "--offline",
      "--topic",
      "u",
      "--curator",
      "bo",
    );
    expect(ok.out).toBe("content/topics/u/2026-01-01-a.md\n");
    expect(await read(root, "content/topics/u/2026-01-01-a.md")).toContain("curator: bo\n");
  });

  it("refuses a URL that is not http(s), as a usage error", async () => {
    const root = await makeSite(SITE);
    for (const url of ["ftp://example.org/a", "example.org/a", "javascript:alert(1)"]) {
      const r = await scoop(root, url);
      expect(r.code).toBe(2);
      expect(r.err).toBe(
        `error: \`${url}\` is not a web address: give the article's full http(s) URL, e.g. https://example.org/article\n`,
      );
    }
    expect(await scoops(root)).toEqual([]);
  });

  it("says so when the digest has no topic, or its config has an error", async () => {
    const empty = await makeSite({});
    expect(await scoop(empty, "https://x.example/a", "--offline")).toEqual({
      code: 1,
      out: "",
      err: "error: the digest has no topic yet (content/topics/<topic>/_topic.md): create one with `curio new topic <slug>`\n",
    });
    const root = await makeSite(SITE);
    await writeFile(path.join(root, "curio.config.yml"), "timezone: Asia/Calcuta\n");
    const r = await scoop(root, "https://x.example/a", "--offline");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: curio\.config\.yml has an error \(unknown time zone/);
  });

  it("has --help with examples", async () => {
    let out = "";
    const code = await main(["node", "curio", "new", "scoop", "--help"], {
      out: (s) => (out += s),
    });
    expect(code).toBe(0);
    expect(out).toContain("Usage: curio new scoop [options] <url>");
    expect(out).toContain("Examples:\n  curio new scoop https://example.org/article\n");
  });
});

describe("fetchPage", () => {
  it("introduces itself with Curio's user agent", async () => {
    const page = await fetchPage(`${base}/ua`);
    expect(page).toEqual({ ok: true, url: `${base}/ua`, html: `<title>${userAgent()}</title>` });
    expect(userAgent()).toMatch(
      /^Curio\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/curio-digest; link preview for a curated digest\)$/,
    );
  });

  it("decodes with the header's charset, else the page's <meta charset>", async () => {
    expect(await fetchPage(`${base}/latin1`)).toMatchObject({ html: "<title>Café crème</title>" });
    expect(await fetchPage(`${base}/meta-charset`)).toMatchObject({
      html: '<meta charset="windows-1252"><title>“Q” €</title>',
    });
    const all = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    expect(decode(all, "text/html; charset=windows-1252")).toBe(
      "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ",
    );
    expect(decode(new TextEncoder().encode("\ufeffé"), "text/html; charset=iso-8859-1")).toBe("é");
  });

  it("says when the host cannot be reached", async () => {
    const closed = await startPageServer();
    await closed.close();
    expect(await fetchPage(`${closed.base}/good`)).toEqual({
      ok: false,
      reason: "the connection was refused",
    });
  });
});

describe("url keys", () => {
  it("ignore scheme, case of the host, www., trailing slashes, utm_* and fragments", () => {
    const key = urlKey("https://example.org/a/b");
    for (const u of [
      "http://www.EXAMPLE.org/a/b/",
      "https://example.org/a/b?utm_source=x&utm_campaign=y",
      "https://example.org/a/b#top",
    ])
      expect(urlKey(u)).toBe(key);
    expect(urlKey("https://example.org/a/b?id=2")).not.toBe(key);
    expect(urlKey("https://example.org/a/B")).not.toBe(key);
  });

  it("withoutTracking drops utm_* only", () => {
    expect(withoutTracking("https://x.example/a?utm_source=s&id=1&UTM_medium=m#f")).toBe(
      "https://x.example/a?id=1#f",
    );
    expect(withoutTracking("https://x.example/a?b=1")).toBe("https://x.example/a?b=1");
  });
});

describe("articleUrl", () => {
  it("keeps a canonical URL on the same site (never downgraded to http), else the page's address", () => {
    const page = "https://www.news.example/a?ref=x";
    expect(articleUrl("https://news.example/a", page)).toBe("https://news.example/a");
    expect(articleUrl("http://news.example/a", page)).toBe("https://news.example/a");
    expect(articleUrl("https://elsewhere.example/", page)).toBe(page);
    expect(articleUrl(undefined, page)).toBe(page);
  });
});

describe("curio new scoop: the insight, tags, drafts and defaults", () => {
  it("--insight goes under `## Insight` as markdown, --tags into `tags:`, --draft marks it", async () => {
    const root = await makeSite(SITE);
    const r = await scoop(
      root,
      "https://news.example/a/post",
      "--offline",
      "--insight",
      "First *point*.\n\nSecond point.",
      "--tags",
      " AI, Patient engagement ,,AI",
      "--draft",
    );
    expect(r.code).toBe(0);
    expect(await read(root, "content/topics/t/2026-01-01-post.md")).toBe(`---
title: Post
url: https://news.example/a/post
date: 2026-01-01T05:30
curator: ann
tags:
  - AI
  - Patient engagement
draft: true
---

## Insight

First *point*.

Second point.
`);
    const drafted = await buildSite(root, { drafts: true });
    expect(drafted.diagnostics).toEqual([]);
    const page = await read(root, "dist/topics/t/post/index.html");
    expect(page).toContain("<p>First <em>point</em>.</p>\n<p>Second point.</p>");
    expect((await buildSite(root)).ok && (await listFiles(path.join(root, "dist")))).not.toContain(
      "topics/t/post/index.html",
    );
  });

  it("takes the topic and curator from `defaults:` in the config when not told", async () => {
    const root = await makeSite({
      ...SITE,
      "curio.config.yml": `${SITE["curio.config.yml"]}defaults: { topic: u, curator: bo }\n`,
      "content/curators/bo.md": "---\nname: Bo\n---\n",
      "content/topics/u/_topic.md": "---\ntitle: U\ncurators: [ann, bo]\n---\n",
    });
    const r = await scoop(root, "https://news.example/b/story", "--offline");
    expect(r.out).toBe("content/topics/u/2026-01-01-story.md\n");
    expect(await read(root, "content/topics/u/2026-01-01-story.md")).toContain("curator: bo\n");
    // Told otherwise, it does as told.
    const t = await scoop(root, "https://news.example/c/other", "--offline", "--topic", "t");
    expect(t.out).toBe("content/topics/t/2026-01-01-other.md\n");
  });

  it("says which setting names a topic that does not exist", async () => {
    const root = await makeSite({
      ...SITE,
      "curio.config.yml": `${SITE["curio.config.yml"]}defaults: { topic: nope }\n`,
    });
    const r = await scoop(root, "https://news.example/b/story", "--offline");
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      "no topic `nope` (content/topics/nope/_topic.md), named by `defaults.topic` in curio.config.yml",
    );
    expect(await scoops(root)).toEqual([]);
  });
});
