import type { SiteIndex } from "../index/site-index.js";
import type { Curator, Scoop, Topic } from "../model.js";
import { pageWindow } from "../plan/paginate.js";
import { absoluteUrlFor, hrefFor, urls } from "../plan/urls.js";
import type { HtmlRoute } from "../plan/routes.js";
import { isHttpUrl } from "../util/safe-url.js";
import { jsonLdScript, structuredData } from "./structured-data.js";
import type { SiteDate } from "../util/site-date.js";
import { formatSiteDate } from "../util/site-date.js";

/** Functions templates call as `it.h.*`. All pure; no clock, no I/O. */
export interface ViewHelpers {
  /** href for a site-relative URL, under the base path. */
  href(url: string): string;
  /** Absolute URL for a site-relative URL. */
  abs(url: string): string;
  /** href of a theme asset with a content hash for cache busting. */
  asset(name: string): string;
  /** "April 19, 2019" (with the time when the date has one, or when `withTime` is true). */
  date(date: SiteDate, withTime?: boolean): string;
  /** The ISO form for `<time datetime>`. */
  iso(date: SiteDate): string;
  curator(id: string | undefined): Curator | undefined;
  topic(id: string): Topic | undefined;
  /** Site-relative URL of a tag as written in a scoop. */
  tagUrl(tag: string): string;
  /** The tag's canonical spelling, as shown on its page. */
  tagName(tag: string): string;
  scoopUrl(scoop: Scoop): string;
  /** Plain text cut at a word boundary with an ellipsis. */
  shorten(text: string, max: number): string;
  /** "1 scoop", "27 scoops". */
  count(n: number, word: string): string;
  /**
   * The URL of an image or file named in front matter: http(s) URLs as they are, site paths
   * (`/images/a.png` or `images/a.png`) under the base path.
   */
  media(url: string): string;
  /** The same, always absolute (for Open Graph and feeds). */
  mediaAbs(url: string): string;
  /** The page's JSON-LD, ready to print raw inside `<script type="application/ld+json">`. */
  jsonLd(route: HtmlRoute): string | undefined;
  /** True for an absolute http(s) URL on another site: such links get `rel="noopener"`. */
  isExternal(url: string): boolean;
  /** Escapes text for HTML, for markup built inside template code. */
  escape(text: string): string;
  /** Page numbers for a pager, `null` for a gap. */
  pageWindow(current: number, count: number): (number | null)[];
  urls: typeof urls;
}

/** Builds the helpers for one build. `assetHashes` maps asset names to short content hashes. */
export function createViewHelpers(
  index: SiteIndex,
  assetHashes: ReadonlyMap<string, string>,
): ViewHelpers {
  const { config } = index;
  const sitePath = (url: string) => `/${url.replace(/^\/+/, "")}`;
  const helpers: ViewHelpers = {
    href: (url) => hrefFor(url, config.basePath),
    abs: (url) => absoluteUrlFor(url, config.origin, config.basePath),
    asset: (name) => {
      const hash = assetHashes.get(name);
      return hrefFor(`/${name}`, config.basePath) + (hash ? `?v=${hash}` : "");
    },
    date: (date, withTime) =>
      formatSiteDate(date, config.timezone, config.language, withTime ?? !date.dateOnly),
    iso: (date) => date.iso,
    curator: (id) => (id === undefined ? undefined : index.curatorById.get(id)),
    topic: (id) => index.topicById.get(id)?.topic,
    tagUrl: (tag) => urls.tag(index.tagSlug(tag)),
    tagName: (tag) => index.tagBySlug.get(index.tagSlug(tag))?.name ?? tag,
    scoopUrl: (scoop) => urls.scoop(scoop),
    shorten,
    count: (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`,
    media: (url) => (isHttpUrl(url) ? url : hrefFor(sitePath(url), config.basePath)),
    mediaAbs: (url) =>
      isHttpUrl(url) ? url : absoluteUrlFor(sitePath(url), config.origin, config.basePath),
    jsonLd: (route) => {
      const data = structuredData(route, helpers, config);
      return data === undefined ? undefined : jsonLdScript(data);
    },
    isExternal: (url) =>
      isHttpUrl(url) && !url.startsWith(`${config.origin}/`) && url !== config.origin,
    escape: escapeHtml,
    pageWindow,
    urls,
  };
  return helpers;
}

/** Cuts text to at most `max` characters at a word boundary, adding "…" when cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const atWord = cut.replace(/\s+\S*$/, "");
  return `${(atWord.length > max / 2 ? atWord : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}

/** Escapes `& < > " '` for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
