import type { Scoop, SiteConfig } from "../model.js";
import type { FeedModel } from "../plan/routes.js";
import { absoluteUrlFor, urls } from "../plan/urls.js";
import { rfc822 } from "../util/site-date.js";
import { escapeXml } from "../util/xml-escape.js";
import { absolutizeHtml } from "./absolutize-html.js";

/** What the RSS renderer needs besides the feed: names of curators and tags. */
export interface FeedContext {
  readonly config: SiteConfig;
  readonly curatorName: (id: string | undefined) => string | undefined;
  readonly tagName: (tag: string) => string;
}

/**
 * Renders an RSS 2.0 feed. Links and guids are absolute permalinks; the channel's date is
 * its newest item's (never the clock), so rebuilding gives the same bytes.
 */
export function renderRss(feed: FeedModel, selfUrl: string, ctx: FeedContext): string {
  const { config } = ctx;
  const abs = (url: string) => absoluteUrlFor(url, config.origin, config.basePath);
  const newest = feed.items[0];
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
    `<channel>`,
    `<title>${escapeXml(feed.title)}</title>`,
    `<link>${escapeXml(abs(feed.pageUrl))}</link>`,
    `<description>${escapeXml(feed.description)}</description>`,
    `<language>${escapeXml(config.language)}</language>`,
    `<atom:link href="${escapeXml(abs(selfUrl))}" rel="self" type="application/rss+xml"/>`,
    `<generator>Curio</generator>`,
  ];
  if (newest) lines.push(`<lastBuildDate>${rfc822(newest.date, config.timezone)}</lastBuildDate>`);
  for (const scoop of feed.items) lines.push(item(scoop, ctx, abs));
  lines.push(`</channel>`, `</rss>`, "");
  return lines.join("\n");
}

function item(scoop: Scoop, ctx: FeedContext, abs: (url: string) => string): string {
  const link = abs(urls.scoop(scoop));
  const base = link;
  const content = [
    scoop.excerptHtml ? `<blockquote>${absolutizeHtml(scoop.excerptHtml, base)}</blockquote>` : "",
    scoop.insightHtml ? absolutizeHtml(scoop.insightHtml, base) : "",
    scoop.url ? `<p><a href="${escapeXml(scoop.url)}">Read the source article</a></p>` : "",
  ].join("");
  const author = ctx.curatorName(scoop.curatorId);
  const parts = [
    `<item>`,
    `<title>${escapeXml(scoop.title)}</title>`,
    `<link>${escapeXml(link)}</link>`,
    `<guid isPermaLink="true">${escapeXml(link)}</guid>`,
    `<pubDate>${rfc822(scoop.date, ctx.config.timezone)}</pubDate>`,
    author ? `<dc:creator>${escapeXml(author)}</dc:creator>` : "",
    ...scoop.tags.map((t) => `<category>${escapeXml(ctx.tagName(t))}</category>`),
    `<description>${escapeXml(scoop.excerptText.length > 500 ? `${scoop.excerptText.slice(0, 499)}…` : scoop.excerptText)}</description>`,
    `<content:encoded>${escapeXml(content)}</content:encoded>`,
    `</item>`,
  ];
  return parts.filter((p) => p !== "").join("\n");
}
