import type { FeedModel } from "../plan/routes.js";
import type { FeedContext, FeedEntry } from "./feed-entry.js";
import { feedHead, feedItems } from "./feed-entry.js";
import type { ByteChunks } from "../util/join-bytes.js";
import { joinBytes } from "../util/join-bytes.js";

/**
 * Renders a JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). An item's `id` is the
 * scoop's permalink, `url` follows `feeds.link`, `external_url` is the source article.
 * Keys are written in a fixed order, so rebuilding gives the same bytes.
 */
export function renderJsonFeed(feed: FeedModel, selfUrl: string, ctx: FeedContext): ByteChunks {
  const head = feedHead(feed, selfUrl, ctx);
  const doc = {
    version: "https://jsonfeed.org/version/1.1",
    title: head.title,
    home_page_url: head.pageUrl,
    feed_url: head.selfUrl,
    description: head.description,
    language: head.language,
    icon: head.icons.large,
    favicon: head.icons.favicon,
    authors: [{ name: ctx.config.title }],
    items: [],
  };
  // Items are serialized once per build and spliced in, as JSON.stringify(doc, null, 2) would.
  const items = feedItems(feed, ctx, "json-feed", (e) =>
    JSON.stringify(item(e), null, 2).replace(/\n/g, "\n    "),
  );
  const text = JSON.stringify(doc, null, 2);
  const before = text.slice(0, text.lastIndexOf("[]"));
  if (items.length === 0) return [Buffer.from(`${before}[]\n}\n`)];
  return [
    Buffer.from(`${before}[\n    `),
    ...joinBytes(items, ",\n    "),
    Buffer.from("\n  ]\n}\n"),
  ];
}

function item(e: FeedEntry) {
  return {
    id: e.id,
    url: e.link,
    ...(e.source === undefined ? {} : { external_url: e.source }),
    title: e.title,
    ...(e.summary === "" ? {} : { summary: e.summary }),
    content_html: e.contentHtml,
    ...(e.image === undefined ? {} : { image: e.image }),
    date_published: e.date.iso,
    ...(e.author === undefined ? {} : { authors: [{ name: e.author }] }),
    ...(e.tags.length === 0 ? {} : { tags: e.tags.map((t) => t.name) }),
  };
}
