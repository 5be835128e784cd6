import type { Scoop } from "../model.js";

/** The feed formats Curio writes for the site and for every topic, curator and tag. */
export type FeedFormat = "rss" | "atom" | "json-feed";

/** Each feed format's file name (next to its page), MIME type and name for people. */
export const FEED_FORMATS: Readonly<
  Record<FeedFormat, { readonly file: string; readonly type: string; readonly label: string }>
> = {
  rss: { file: "feed.xml", type: "application/rss+xml", label: "RSS" },
  atom: { file: "atom.xml", type: "application/atom+xml", label: "Atom" },
  "json-feed": { file: "feed.json", type: "application/feed+json", label: "JSON Feed" },
};

/** The formats in the order pages list them: RSS first. */
export const feedFormats = Object.keys(FEED_FORMATS) as readonly FeedFormat[];

/**
 * Site-relative URLs (they start with `/` and ignore the base path; the renderer adds it).
 * Every page is a folder with an index.html; a feed sits in its page's folder
 * (`/topics/x/feed.xml`, `/topics/x/atom.xml`, `/topics/x/feed.json`).
 */
export const urls = {
  home: () => "/",
  /** Every topic, with its curators, scoop count and newest scoop. */
  topics: () => "/topics/",
  topic: (id: string) => `/topics/${id}/`,
  topicFeed: (id: string, format: FeedFormat = "rss") => feedUrl(urls.topic(id), format),
  scoop: (s: Pick<Scoop, "topicId" | "slug">) => `/topics/${s.topicId}/${s.slug}/`,
  /** A topic's digest: its issues, newest first (their feeds beside it). */
  digests: (topicId: string) => `/topics/${topicId}/digests/`,
  /** One issue of a topic's digest: `/topics/x/digests/2019-w16/`. */
  digest: (i: { readonly topicId: string; readonly period: string }) =>
    `/topics/${i.topicId}/digests/${i.period}/`,
  /** An issue's email: `email.html` or `email.txt` beside its page. */
  digestEmail: (i: { readonly topicId: string; readonly period: string }, kind: "html" | "text") =>
    `${urls.digest(i)}email.${kind === "html" ? "html" : "txt"}`,
  /** Every curator, with their topics and scoop count. */
  curators: () => "/curators/",
  curator: (id: string) => `/curators/${id}/`,
  curatorFeed: (id: string, format: FeedFormat = "rss") => feedUrl(urls.curator(id), format),
  tags: () => "/tags/",
  tag: (slug: string) => `/tags/${slug}/`,
  tagFeed: (slug: string, format: FeedFormat = "rss") => feedUrl(urls.tag(slug), format),
  feed: (format: FeedFormat = "rss") => feedUrl(urls.home(), format),
  /**
   * The page listing every feed of the site; given a list's page (`/topics/x/`), that list's
   * place on it (`/subscribe/#feeds-topics-x`).
   */
  subscribe: (pageUrl?: string) =>
    pageUrl === undefined ? "/subscribe/" : `/subscribe/#${subscribeAnchor(pageUrl)}`,
  /** A list's feeds, RSS first, for links on its pages: `{ format, label, type, url }`. */
  feedsOf: (pageUrl: string) =>
    feedFormats.map((format) => ({
      format,
      ...FEED_FORMATS[format],
      url: feedUrl(pageUrl, format),
    })),
  /** The search page; its index and scripts are under `/pagefind/`. */
  search: () => "/search/",
  /** Every feed of the site in one OPML file, to subscribe to the whole digest at once. */
  opml: () => "/feeds.opml",
  sitemap: () => "/sitemap.xml",
  robots: () => "/robots.txt",
  notFound: () => "/404.html",
  asset: (name: string) => `/assets/${name}`,
};

/** The URL of a page's feed in one format: `/topics/x/` → `/topics/x/atom.xml`. */
export function feedUrl(pageUrl: string, format: FeedFormat): string {
  return `${pageUrl}${FEED_FORMATS[format].file}`;
}

/**
 * The id of a list's place on the subscribe page, from its page's URL: `/` → `feeds-site`,
 * `/topics/x/` → `feeds-topics-x` (page URLs are unique, and so are these).
 */
export function subscribeAnchor(pageUrl: string): string {
  const path = pageUrl.replace(/^\/+|\/+$/g, "").replace(/\//g, "-");
  return `feeds-${path === "" ? "site" : path}`;
}

/** The file a URL is written to, relative to the output folder: `/topics/x/` → `topics/x/index.html`. */
export function outputPathFor(url: string): string {
  const rel = url.replace(/^\//, "");
  return rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel;
}

/** A site-relative URL as an href under the site's base path, percent-encoded: `/digest/topics/x/`. */
export function hrefFor(url: string, basePath: string): string {
  return encodeURI(basePath + url.replace(/^\//, ""));
}

/** A site-relative URL as an absolute URL: `https://example.org/digest/topics/x/`. */
export function absoluteUrlFor(url: string, origin: string, basePath: string): string {
  return origin + hrefFor(url, basePath);
}
