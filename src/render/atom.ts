import type { FeedModel } from "../plan/routes.js";
import type { ByteChunks } from "../util/join-bytes.js";
import { joinBytes } from "../util/join-bytes.js";
import { escapeXml } from "../util/xml-escape.js";
import type { FeedContext, FeedEntry } from "./feed-entry.js";
import { feedHead, feedItems, feedStylesheet } from "./feed-entry.js";

/** `updated` of a feed when the whole site has no scoop: Atom requires one, and never the clock. */
const EPOCH = "1970-01-01T00:00:00Z";

/**
 * Renders an Atom 1.0 feed (RFC 4287). The feed's id is its page's absolute URL, an entry's
 * id the scoop's permalink; `updated` is the newest item's date with its offset, so
 * rebuilding gives the same bytes. The site's title is the feed's author, which covers
 * entries without a curator. An entry's picture is a `link rel="enclosure"` when its media type
 * is known from its file name (the link's type must be right), else only in the content. The
 * theme's `assets/feed.xsl` makes the feed a readable page in a browser; readers ignore it.
 */
export function renderAtom(feed: FeedModel, selfUrl: string, ctx: FeedContext): ByteChunks {
  const head = feedHead(feed, selfUrl, ctx);
  const lines: (string | Uint8Array)[] = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<?xml-stylesheet type="text/xsl" href="${escapeXml(feedStylesheet(ctx.config))}"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(head.language)}">`,
    `<id>${escapeXml(head.pageUrl)}</id>`,
    `<title type="text">${escapeXml(head.title)}</title>`,
    `<subtitle type="text">${escapeXml(head.description)}</subtitle>`,
    `<updated>${head.updated?.iso ?? EPOCH}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(head.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(head.pageUrl)}"/>`,
    `<icon>${escapeXml(head.icons.favicon)}</icon>`,
    `<logo>${escapeXml(head.icons.large)}</logo>`,
    `<author><name>${escapeXml(ctx.config.title)}</name></author>`,
    `<generator>Curio</generator>`,
  ];
  lines.push(...feedItems(feed, ctx, "atom", entry));
  lines.push(`</feed>`, "");
  return joinBytes(lines, "\n");
}

function entry(e: FeedEntry): string {
  // The source article is "related"; when it is the entry's link already, the scoop's page is.
  const related = e.source === undefined ? undefined : e.source === e.link ? e.id : e.source;
  const parts = [
    `<entry>`,
    `<id>${escapeXml(e.id)}</id>`,
    `<title type="text">${escapeXml(e.title)}</title>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>`,
    related === undefined
      ? ""
      : `<link rel="related" type="text/html" href="${escapeXml(related)}"/>`,
    e.image === undefined || e.imageType === undefined
      ? ""
      : `<link rel="enclosure" type="${e.imageType}" href="${escapeXml(e.image)}"/>`,
    `<published>${e.date.iso}</published>`,
    `<updated>${e.date.iso}</updated>`,
    e.author === undefined ? "" : `<author><name>${escapeXml(e.author)}</name></author>`,
    ...e.tags.map((t) => `<category term="${escapeXml(t.slug)}" label="${escapeXml(t.name)}"/>`),
    e.summary === "" ? "" : `<summary type="text">${escapeXml(e.summary)}</summary>`,
    `<content type="html">${escapeXml(e.contentHtml)}</content>`,
    `</entry>`,
  ];
  return parts.filter((p) => p !== "").join("\n");
}
