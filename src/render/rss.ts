import type { FeedModel } from "../plan/routes.js";
import { rfc822 } from "../util/site-date.js";
import type { ByteChunks } from "../util/join-bytes.js";
import { joinBytes } from "../util/join-bytes.js";
import { escapeXml } from "../util/xml-escape.js";
import type { FeedContext, FeedEntry } from "./feed-entry.js";
import { feedHead, feedItems, feedStylesheet } from "./feed-entry.js";

/**
 * Plain text as the content of an RSS `<description>`: readers take a description as HTML, so
 * the text is HTML-escaped, then XML-escaped. A reader that decodes the XML and parses the
 * result as HTML sees the text, never markup that the text only spells (`<img onerror=…>`).
 */
export function rssDescription(text: string): string {
  return escapeXml(text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
}

/**
 * Renders an RSS 2.0 feed. Links and guids are absolute; the guid is always the scoop's
 * permalink, the link follows `feeds.link`. The channel's date is its newest item's (never the
 * clock), so rebuilding gives the same bytes. An item's picture is its `media:thumbnail` (Media
 * RSS): an `<enclosure>` would need the file's length, which Curio does not know. The theme's
 * `assets/feed.xsl` makes the feed a readable page in a browser; readers ignore it.
 */
export function renderRss(feed: FeedModel, selfUrl: string, ctx: FeedContext): ByteChunks {
  const head = feedHead(feed, selfUrl, ctx);
  const zone = ctx.config.timezone;
  const lines: (string | Uint8Array)[] = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<?xml-stylesheet type="text/xsl" href="${escapeXml(feedStylesheet(ctx.config))}"?>`,
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">`,
    `<channel>`,
    `<title>${escapeXml(head.title)}</title>`,
    `<link>${escapeXml(head.pageUrl)}</link>`,
    `<description>${rssDescription(head.description)}</description>`,
    `<language>${escapeXml(head.language)}</language>`,
    `<atom:link href="${escapeXml(head.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    `<image><url>${escapeXml(head.icons.rss)}</url><title>${escapeXml(head.title)}</title><link>${escapeXml(head.pageUrl)}</link><width>144</width><height>144</height></image>`,
    `<generator>Curio</generator>`,
  ];
  if (head.updated) lines.push(`<lastBuildDate>${rfc822(head.updated, zone)}</lastBuildDate>`);
  lines.push(...feedItems(feed, ctx, "rss", (e) => item(e, zone)));
  lines.push(`</channel>`, `</rss>`, "");
  return joinBytes(lines, "\n");
}

function item(entry: FeedEntry, zone: string): string {
  const parts = [
    `<item>`,
    `<title>${escapeXml(entry.title)}</title>`,
    `<link>${escapeXml(entry.link)}</link>`,
    `<guid isPermaLink="true">${escapeXml(entry.id)}</guid>`,
    `<pubDate>${rfc822(entry.date, zone)}</pubDate>`,
    entry.author === undefined ? "" : `<dc:creator>${escapeXml(entry.author)}</dc:creator>`,
    ...entry.tags.map((t) => `<category>${escapeXml(t.name)}</category>`),
    `<description>${rssDescription(entry.summary)}</description>`,
    `<content:encoded>${escapeXml(entry.contentHtml)}</content:encoded>`,
    entry.image === undefined ? "" : `<media:thumbnail url="${escapeXml(entry.image)}"/>`,
    `</item>`,
  ];
  return parts.filter((p) => p !== "").join("\n");
}
