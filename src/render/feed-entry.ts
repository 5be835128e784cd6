import type { Scoop, SiteConfig } from "../model.js";
import type { FeedModel, IssueView } from "../plan/routes.js";
import type { Lru } from "../util/lru.js";
import { plural } from "../diagnostics/format-diagnostics.js";
import { newestOf } from "../index/compare-scoops.js";
import { absoluteUrlFor, hrefFor, urls } from "../plan/urls.js";
import { displayDomain, isHttpUrl, toUri } from "../util/safe-url.js";
import type { SiteDate } from "../util/site-date.js";
import { escapeXml } from "../util/xml-escape.js";
import { absolutizeHtml } from "./absolutize-html.js";
import { insightLabel, scoopSummary } from "./view-helpers.js";
import { shorten } from "../util/shorten.js";

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
  /** An issue of a digest as its email shows it (the body, styles inlined): a digest feed's content. */
  readonly issueHtml?: (issue: IssueView) => string;
}

/** A feed's items in one format, newest first: its scoops', or a digest feed's issues'. */
export function feedItems(
  feed: FeedModel,
  ctx: FeedContext,
  format: string,
  serialize: (e: FeedEntry) => string,
): Uint8Array[] {
  if (feed.issues)
    return feed.issues.map((issue) => Buffer.from(serialize(issueEntry(issue, ctx))));
  return feed.items.map((scoop) => feedItem(scoop, ctx, format, serialize));
}

/**
 * What every feed format says about an issue of a digest: its page, its title, its scoops'
 * titles as the summary, and the whole issue as its email shows it for content, so a
 * feed-to-email service can send it as it is. Dated by its newest scoop.
 */
export function issueEntry(issue: IssueView, ctx: FeedContext): FeedEntry {
  const url = absolute(ctx.config)(issue.url);
  const { scoops } = issue.issue;
  // An issue has at least one scoop.
  const newest = newestOf(scoops)!;
  return {
    id: url,
    link: url,
    title: issue.title,
    summary: shorten(
      `${plural(scoops.length, "scoop")}: ${scoops.map((s) => s.title).join("; ")}`,
      SUMMARY_LENGTH,
    ),
    contentHtml: ctx.issueHtml?.(issue) ?? "",
    date: newest.date,
    tags: [],
  };
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
  /** The site's title, then the scope's: `Digest: Scoops tagged AI` (`feedTitle`). */
  readonly title: string;
  readonly description: string;
  readonly language: string;
  /** The page the feed belongs to. */
  readonly pageUrl: string;
  /** The feed itself. */
  readonly selfUrl: string;
  /** Newest item's date; for an empty feed, the site's newest (undefined when it has none). */
  readonly updated?: SiteDate;
  /**
   * The theme's icons (drawn from its mark, `src/load/theme-icons.ts`), absolute: a 32 px
   * favicon, the 144 px RSS `<image>` (RSS allows at most 144 px), and 512 px for JSON Feed's
   * `icon` and Atom's `<logo>`.
   */
  readonly icons: { readonly favicon: string; readonly rss: string; readonly large: string };
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
  /** The picture's media type, when its file name tells it (`image/png`): for enclosures. */
  readonly imageType?: string;
  readonly title: string;
  /**
   * Plain text on one line, shortened: the curator's insight when the scoop has one (what cards
   * and summaries show), else the excerpt. Empty when the scoop has neither.
   */
  readonly summary: string;
  /**
   * The picture, the labelled insight ("Ann’s insight"), the quoted excerpt and "Read at
   * <domain>", as HTML with absolute URLs.
   */
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
    title: feedTitle(ctx.config, feed),
    description: feed.description,
    language: ctx.config.language,
    pageUrl: abs(feed.pageUrl),
    selfUrl: abs(selfUrl),
    ...(feed.updated ? { updated: feed.updated } : {}),
    icons: {
      favicon: abs(urls.asset("favicon-32.png")),
      rss: abs(urls.asset("icon-144.png")),
      large: abs(urls.asset("icon-512.png")),
    },
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
  const imageType = image === undefined ? undefined : imageMediaType(image);
  const excerptHtml = ctx.excerptHtml(scoop);
  const author = ctx.curatorName(scoop.curatorId);
  // The curator's voice first, labelled as the scoop's page labels it; then the quote; then
  // where to read the whole article.
  const where = scoop.sourceDomain ?? (source === undefined ? undefined : displayDomain(source));
  const content = [
    image ? `<p><img src="${escapeXml(image)}" alt="${escapeXml(scoop.imageAlt ?? "")}"></p>` : "",
    scoop.insightHtml
      ? `<p><strong>${escapeXml(insightLabel(author))}</strong></p>${absolutizeHtml(scoop.insightHtml, permalink)}`
      : "",
    excerptHtml ? `<blockquote>${absolutizeHtml(excerptHtml, permalink)}</blockquote>` : "",
    source
      ? `<p><a href="${escapeXml(source)}">${where ? `Read at ${escapeXml(where)}` : "Read the source article"}</a></p>`
      : "",
  ].join("");
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
    ...(imageType ? { imageType } : {}),
    title: scoop.title,
    summary: scoopSummary(scoop, SUMMARY_LENGTH),
    contentHtml: content,
    date: scoop.date,
    ...(author === undefined ? {} : { author }),
    tags: [...tags].map(([slug, name]) => ({ slug, name })),
  };
}

/**
 * A feed's title: the site's own feed is titled as the site; every other feed starts with the
 * site's title, so a reader's list of subscriptions says whose feed it is (`Digest: Scoops
 * tagged AI`, `Digest: Health`).
 */
export function feedTitle(config: SiteConfig, feed: Pick<FeedModel, "title" | "pageUrl">): string {
  return feed.pageUrl === urls.home() ? config.title : `${config.title}: ${feed.title}`;
}

/**
 * The site-root URL of the theme's feed stylesheet (`/digest/assets/feed.xsl`), which RSS and
 * Atom feeds name in an `xml-stylesheet` instruction so a browser shows a readable page. Feeds
 * are served from the site's own origin, as XSLT requires.
 */
export function feedStylesheet(config: SiteConfig): string {
  return hrefFor(`/${FEED_STYLESHEET}`, config.basePath);
}

/** The theme asset that styles feeds opened in a browser. */
export const FEED_STYLESHEET = "assets/feed.xsl";

/** Picture types readers show, by file extension. */
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  avif: "image/avif",
  gif: "image/gif",
  jpeg: "image/jpeg",
  jpg: "image/jpeg",
  png: "image/png",
  svg: "image/svg+xml",
  webp: "image/webp",
};

/** An image URL's media type, from its path's extension; undefined when unknown. */
function imageMediaType(url: string): string | undefined {
  const path = URL.canParse(url) ? new URL(url).pathname : url;
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : IMAGE_TYPES[extension];
}

/** A front-matter image: http(s) as written (percent-encoded), a site path under the base URL. */
function mediaUrl(url: string, config: SiteConfig): string {
  return isHttpUrl(url) ? toUri(url) : absolute(config)(`/${url.replace(/^\/+/, "")}`);
}

/** Site-relative URL → absolute URL under the site's base URL. */
function absolute(config: SiteConfig): (url: string) => string {
  return (url) => absoluteUrlFor(url, config.origin, config.basePath);
}
