import path from "node:path";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { jsonLdScript } from "../src/render/structured-data.js";
import { buildSite, makeSite, readOut, REPO_ROOT, tempDir } from "./helpers/sites.js";

/** What a page tells browsers, search engines and social networks in its <head>. */
let out: string;
const head = async (rel: string) => cheerio.load(await readOut(out, rel));
const meta = ($: cheerio.CheerioAPI, key: string) =>
  $(`meta[property="${key}"], meta[name="${key}"]`).attr("content");
const jsonLd = ($: cheerio.CheerioAPI) =>
  JSON.parse($('script[type="application/ld+json"]').text()) as Record<string, unknown>;

beforeAll(async () => {
  out = path.join(await tempDir(), "dist");
  expect((await buildSite(REPO_ROOT, { outDir: out })).ok).toBe(true);
});

describe("page heads", () => {
  it("give language, title, description and canonical URL", async () => {
    const $ = await head("topics/social-media-and-healthcare/index.html");
    expect($("html").attr("lang")).toBe("en");
    expect($("title").text()).toBe("Social Media and Healthcare · Health & Social Media Digest");
    expect(meta($, "description")).toBe(
      "Articles and Discussions on the intersection of Social Media and Healthcare.",
    );
    expect($('link[rel="canonical"]').attr("href")).toBe(
      "https://example.org/topics/social-media-and-healthcare/",
    );
  });

  it("link paginated lists to their previous and next pages", async () => {
    const p1 = await head("topics/social-media-and-healthcare/index.html");
    const p2 = await head("topics/social-media-and-healthcare/page/2/index.html");
    expect(p1('link[rel="prev"]')).toHaveLength(0);
    expect(p1('link[rel="next"]').attr("href")).toBe("/topics/social-media-and-healthcare/page/2/");
    expect(p2('link[rel="prev"]').attr("href")).toBe("/topics/social-media-and-healthcare/");
    expect(p2('link[rel="next"]')).toHaveLength(0);
  });

  it("give a scoop Open Graph and Twitter card tags and an Article in JSON-LD", async () => {
    const $ = await head(
      "topics/social-media-and-healthcare/social-media-implementation-checklist/index.html",
    );
    expect(meta($, "og:type")).toBe("article");
    expect(meta($, "og:title")).toBe("Social Media Implementation Checklist");
    expect(meta($, "og:description")).toMatch(/^Set goals first\./);
    expect(meta($, "og:url")).toBe(
      "https://example.org/topics/social-media-and-healthcare/social-media-implementation-checklist/",
    );
    expect(meta($, "article:published_time")).toBe("2019-04-18T00:00:00+05:30");
    expect(meta($, "twitter:card")).toBe("summary");
    expect(meta($, "twitter:title")).toBe("Social Media Implementation Checklist");
    const ld = jsonLd($) as { "@graph": Record<string, unknown>[] };
    expect(ld["@graph"][0]).toMatchObject({
      "@type": "Article",
      headline: "Social Media Implementation Checklist",
      datePublished: "2019-04-18T00:00:00+05:30",
      commentCount: 3,
      author: { "@type": "Person", name: "nrip" },
    });
    expect(ld["@graph"][1]).toMatchObject({ "@type": "BreadcrumbList" });
  });

  it("uses the scoop's image, with its alt text, for a large social card", async () => {
    const root = await makeSite({
      "content/curators/ann.md": "---\nname: Ann\n---\n",
      "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
      "content/topics/t/2024-01-01-pic.md":
        "---\ntitle: With a picture\ndate: 2024-01-01\nimage: /images/pic.jpg\nimageAlt: A red bicycle\nurl: https://source.example/a\n---\nText.\n",
    });
    const dist = path.join(root, "dist");
    expect((await buildSite(root, { baseUrl: "https://example.org/sub/" })).ok).toBe(true);
    const $ = cheerio.load(await readOut(dist, "topics/t/pic/index.html"));
    expect(meta($, "og:image")).toBe("https://example.org/sub/images/pic.jpg");
    expect(meta($, "og:image:alt")).toBe("A red bicycle");
    expect(meta($, "twitter:card")).toBe("summary_large_image");
    expect($(".scoop__figure img").attr("src")).toBe("/sub/images/pic.jpg");
    expect($(".scoop__figure img").attr("alt")).toBe("A red bicycle");
    expect((jsonLd($) as { "@graph": Record<string, unknown>[] })["@graph"][0]).toMatchObject({
      isBasedOn: "https://source.example/a",
      image: "https://example.org/sub/images/pic.jpg",
    });
  });

  it("describes the home page as a WebSite and a curator page as a ProfilePage", async () => {
    expect(jsonLd(await head("index.html"))).toMatchObject({
      "@type": "WebSite",
      name: "Health & Social Media Digest",
      url: "https://example.org/",
    });
    expect(jsonLd(await head("curators/nrip/index.html"))).toMatchObject({
      "@type": "ProfilePage",
      mainEntity: { "@type": "Person", name: "nrip" },
    });
  });
});

describe("jsonLdScript", () => {
  it("escapes what could close the script element or start markup", () => {
    const text = jsonLdScript({ headline: "</script><script>alert(1)</script> & \u2028" });
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual({ headline: "</script><script>alert(1)</script> & \u2028" });
  });
});
