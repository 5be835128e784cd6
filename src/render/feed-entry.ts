import { oneLine } from "../util/one-line.js";
import type { Scoop, SiteConfig } from "../model.js";
import type { FeedModel } from "../plan/routes.js";
import type { Lru } from "../util/lru.js";
import { absoluteUrlFor, urls } from "../plan/urls.js";
import { isHttpUrl, toUri } from "../util/safe-url.js";
import type { SiteDate } from "../util/site-date.js";
import { escapeXml } from "../util/xml-escape.js";
import { absolutizeHtml } from "./absolutize-html.js";
import { shorten } from "./view-helpers.js";

/** What the feed renderers need besides the feed: names of curators and tags. */
export interface FeedContext {
  readonly config: SiteConfig;
  /** A scoop's excerpt HTML (from the build's excerpt store). */
  readonly excerptHtml: (scoop: Scoop) => string;
  readonly curatorName: (id: string | undefined) => string | undefined;
  /** The tag's canonical spelling. */
  readonly tagName: (tag: string) => string;
  /** The tag's URL slug. */
  readonly tagSlug: (tag: string) => string;
  /**
   * Entries already made in this build: a scoop is in several feeds (site, topic, curator,
   * tags) in three formats, and its entry is the same in all of them.
   */
  readonly entries?: Lru<Scoop, FeedEntry>;
  /** Items already serialized in this build, by format: the same UTF-8 bytes in every feed. */
  readonly items?: Lru<string, Uint8Array>;
}

/**
 * A scoop's item in one format as UTF-8 bytes, serialized once per build and reused by every
 * feed it is in.
 */
export function feedItem(
  scoop: Scoop,
  ctx: FeedContext,
  format: string,
  serialize: (e: FeedEntry) => string,
): Uint8Array {
  const key = `${format}\u0000${scoop.id}`;
  const known = ctx.items?.get(key);
  if (known !== undefined) return known;
  const bytes = Buffer.from(serialize(feedEntry(scoop, ctx)));
  ctx.items?.set(key, bytes);
  return bytes;
}

/** A feed's own fields, the same in every format, with absolute URLs. */
export interface FeedHead {
  readonly title: string;
  readonly description: string;
  readonly language: string;
  /** The page the feed belongs to. */
  readonly pageUrl: string;
  /** The feed itself. */
  readonly selfUrl: string;
  /** Newest item's date; for an empty feed, the site's newest (undefined when it has none). */
  readonly updated?: SiteDate;
}

/** One scoop as every feed format carries it, with absolute URLs. */
export interface FeedEntry {
  /** The scoop's permalink: stable whatever the file is called, as long as its slug stays. */
  readonly id: string;
  /** Where the item links to: the scoop's page, or its source with `feeds.link: source`. */
  readonly link: string;
  /** The source article, when the scoop has one (percent-encoded as RFC 3986 wants). */
  readonly source?: string;
  /** The scoop's picture, absolute. */
  readonly image?: string;
  readonly title: string;
  /** Plain text: the excerpt, shortened. Empty when the scoop has no excerpt. */
  readonly summary: string;
  /** Excerpt (quoted), insight and a link to the source, as HTML with absolute URLs. */
  readonly contentHtml: string;
  readonly date: SiteDate;
  readonly author?: string;
  /** Each tag once, in the scoop's order. */
  readonly tags: readonly { readonly slug: string; readonly name: string }[];
}

/** How long an item's plain-text summary may be: the longest text Curio shows from an excerpt. */
export const SUMMARY_LENGTH = 500;

/** The feed's own fields, with absolute URLs. */
export function feedHead(feed: FeedModel, selfUrl: string, ctx: FeedContext): FeedHead {
  const abs = absolute(ctx.config);
  return {
    title: feed.title,
    description: feed.description,
    language: ctx.config.language,
    pageUrl: abs(feed.pageUrl),
    selfUrl: abs(selfUrl),
    ...(feed.updated ? { updated: feed.updated } : {}),
  };
}

/** What every feed format says about one scoop. */
export function feedEntry(scoop: Scoop, ctx: FeedContext): FeedEntry {
  const known = ctx.entries?.get(scoop);
  if (known) return known;
  const entry = makeEntry(scoop, ctx);
  ctx.entries?.set(scoop, entry);
  return entry;
}

function makeEntry(scoop: Scoop, ctx: FeedContext): FeedEntry {
  const permalink = absolute(ctx.config)(urls.scoop(scoop));
  const source = scoop.url === undefined ? undefined : toUri(scoop.url);
  const image = scoop.image === undefined ? undefined : mediaUrl(scoop.image, ctx.config);
  const excerptHtml = ctx.excerptHtml(scoop);
  const content = [
    image ? `<p><img src="${escapeXml(image)}" alt="${escapeXml(scoop.imageAlt ?? "")}"></p>` : "",
    excerptHtml ? `<blockquote>${absolutizeHtml(excerptHtml, permalink)}</blockquote>` : "",
    scoop.insightHtml ? absolutizeHtml(scoop.insightHtml, permalink) : "",
    source ? `<p><a href="${escapeXml(source)}">Read the source article</a></p>` : "",
  ].join("");
  const author = ctx.curatorName(scoop.curatorId);
  const tags = new Map<string, string>();
  for (const tag of scoop.tags) {
    const slug = ctx.tagSlug(tag);
    if (!tags.has(slug)) tags.set(slug, ctx.tagName(tag));
  }
  return {
    id: permalink,
    link: ctx.config.feeds.link === "source" && source ? source : permalink,
    ...(source ? { source } : {}),
    ...(image ? { image } : {}),
    title: scoop.title,
    summary: shorten(oneLine(scoop.excerptText), SUMMARY_LENGTH),
    contentHtml: content,
    date: scoop.date,
    ...(author === undefined ? {} : { author }),
    tags: [...tags].map(([slug, name]) => ({ slug, name })),
  };
}

/** A front-matter image: http(s) as written (percent-encoded), a site path under the base URL. */
function mediaUrl(url: string, config: SiteConfig): string {
  return isHttpUrl(url) ? toUri(url) : absolute(config)(`/${url.replace(/^\/+/, "")}`);
}

/** Site-relative URL → absolute URL under the site's base URL. */
function absolute(config: SiteConfig): (url: string) => string {
  return (url) => absoluteUrlFor(url, config.origin, config.basePath);
}
