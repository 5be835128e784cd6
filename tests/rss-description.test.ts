import path from "node:path";
import * as cheerio from "cheerio";
import fc from "fast-check";
import { XMLParser } from "fast-xml-parser";
import { parseRssFeed } from "feedsmith";
import Parser from "rss-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { rssDescription } from "../src/render/rss.js";
import { buildSite, makeSite, readOut, tempDir } from "./helpers/sites.js";

/**
 * RSS readers read `<description>` as HTML (the RSS 2.0 spec allows entity-encoded HTML there),
 * so text that looks like markup must be HTML-escaped before it is XML-escaped. A reader that
 * parses the description as HTML must see the text, and no element or attribute from it. Issue
 * 12, defect 6: the text was escaped once, so `<img src=x onerror=…>` in an excerpt ran.
 */

const PAYLOAD = (n: number) => `<img src=x onerror=alert(${n})>`;

const site: Record<string, string> = {
  "curio.config.yml": `title: Digest\ndescription: "Site ${PAYLOAD(1)} & more"\nbaseUrl: https://example.org/\ntimezone: UTC\n`,
  "content/curators/ann.md": `---\nname: "Ann ${PAYLOAD(5)}"\n---\n`,
  "content/topics/t/_topic.md": `---\ntitle: Topic\ndescription: "Topic ${PAYLOAD(2)}"\ncurators: [ann]\n---\n`,
  // A code span and an escaped `\<`: text in the excerpt, never markup.
  "content/topics/t/2024-01-02-code.md": `---\ntitle: Code\ndate: 2024-01-02\ntags: [x]\n---\nSee \`${PAYLOAD(3)}\` here.\n`,
  "content/topics/t/2024-01-01-escaped.md": `---\ntitle: Escaped\ndate: 2024-01-01\n---\nA \\${PAYLOAD(4)} and &lt;b&gt; text.\n`,
  // The insight, not the excerpt, is the summary of a scoop that has one.
  "content/topics/t/2023-12-31-insight.md": `---\ntitle: Insight\ndate: 2023-12-31\ninsight: "Mind \`${PAYLOAD(6)}\` & this."\n---\nThe excerpt.\n`,
};

/** What an RSS reader shows of a description: the HTML it holds, parsed, as text. */
function readAsHtml(description: string): {
  text: string;
  elements: string[];
  attributes: string[];
} {
  const $ = cheerio.load(description, null, false);
  const elements: string[] = [];
  const attributes: string[] = [];
  $("*").each((_, el) => {
    if (el.type !== "tag") return;
    elements.push(el.name);
    attributes.push(...Object.keys(el.attribs));
  });
  return { text: $.root().text(), elements, attributes };
}

let out: string;

beforeAll(async () => {
  const root = await makeSite(site);
  out = path.join(await tempDir(), "dist");
  const result = await buildSite(root, { outDir: out });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(result.ok).toBe(true);
});

describe("RSS descriptions", () => {
  const scopes = [
    { feed: "feed.xml", channel: `Site ${PAYLOAD(1)} & more` },
    { feed: "topics/t/feed.xml", channel: `Topic ${PAYLOAD(2)}` },
    { feed: "curators/ann/feed.xml", channel: `Scoops curated by Ann ${PAYLOAD(5)} on Digest` },
    { feed: "tags/x/feed.xml", channel: "Scoops tagged x on Digest" },
  ];

  it.each(scopes)(
    "of $feed hold HTML whose text is the channel's text",
    async ({ feed, channel }) => {
      const xml = await readOut(out, feed);
      const parsed = parseRssFeed(xml);
      expect(readAsHtml(parsed.description ?? "")).toEqual({
        text: channel,
        elements: [],
        attributes: [],
      });
      // rss-parser, a second client, reads the same.
      const other = await new Parser().parseString(xml);
      expect(readAsHtml(other.description ?? "").text).toBe(channel);
    },
  );

  it("of items hold HTML whose text is the insight's or excerpt's text, with no element from it", async () => {
    const items = parseRssFeed(await readOut(out, "feed.xml")).items ?? [];
    const read = Object.fromEntries(
      items.map((i) => [i.title ?? "", readAsHtml(i.description ?? "")]),
    );
    expect(read).toEqual({
      Code: { text: `See ${PAYLOAD(3)} here.`, elements: [], attributes: [] },
      Escaped: { text: `A ${PAYLOAD(4)} and <b> text.`, elements: [], attributes: [] },
      Insight: { text: `Mind ${PAYLOAD(6)} & this.`, elements: [], attributes: [] },
    });
  });

  it("keep the markup of the full content in content:encoded, where it is HTML", async () => {
    const items = parseRssFeed(await readOut(out, "topics/t/feed.xml")).items ?? [];
    const code = items.find((i) => i.title === "Code")!;
    const $ = cheerio.load(code.content?.encoded ?? "", null, false);
    expect($("img").length).toBe(0);
    expect($("code").text()).toBe(PAYLOAD(3));
  });
});

describe("rssDescription", () => {
  const xml = new XMLParser({
    processEntities: true,
    htmlEntities: false,
    parseTagValue: false,
    trimValues: false,
  });

  it("gives, once the XML is decoded and the HTML parsed, the text and nothing else (property)", () => {
    const char = fc.constantFrom(..."<>&;#/=\"' abcxyz019!-");
    fc.assert(
      fc.property(fc.string({ unit: char, maxLength: 60 }), (text) => {
        const decoded = (xml.parse(`<d>${rssDescription(text)}</d>`) as { d: unknown }).d;
        expect(readAsHtml(String(decoded ?? ""))).toEqual({
          text,
          elements: [],
          attributes: [],
        });
      }),
    );
  });

  it("escapes for HTML, then for XML", () => {
    expect(rssDescription(`a <b> & "c"`)).toBe("a &amp;lt;b&amp;gt; &amp;amp; &quot;c&quot;");
  });
});
