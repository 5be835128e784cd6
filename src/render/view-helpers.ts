import type { DigestIssues } from "../index/digest-issues.js";
import type { LocalImages } from "../index/local-images.js";
import { absolutizeHtml } from "./absolutize-html.js";
import { imageKey } from "../index/local-images.js";
import type { SiteIndex } from "../index/site-index.js";
import type { CardSettings, Curator, Scoop, Topic } from "../model.js";
import { pageWindow } from "../plan/paginate.js";
import { absoluteUrlFor, hrefFor, urls } from "../plan/urls.js";
import type { HtmlRoute } from "../plan/routes.js";
import { oneLine } from "../util/one-line.js";
import { isHttpUrl, urlScheme } from "../util/safe-url.js";
import type { ShareLink } from "./share-links.js";
import { shareLinks, withMailSubject } from "./share-links.js";
import { jsonLdScript, structuredData } from "./structured-data.js";
import type { SiteDate } from "../util/site-date.js";
import { formatSiteDate } from "../util/site-date.js";
import { shorten } from "../util/shorten.js";

/** The class `polishHtml` gives a table cell for its column's alignment. */
const CELL_ALIGN = /\sclass="(?:[^"]*\s)?align-(left|center|right)(?:\s[^"]*)?"/;

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
  /**
   * Curio's sanitized HTML (an insight, an excerpt) with every link and picture absolute: for
   * emails. `page` is the site path of the page the HTML is shown on (`h.scoopUrl(s)`), which its
   * footnote links (`#c-1f0e9a2b-fn-1`) point into; default the home page.
   */
  absHtml(html: string, page?: string): string;
  /**
   * Curio's sanitized HTML with a `style` attribute on each element of the named tags:
   * `h.styled(s.insightHtml, { p: "margin: 0 0 10px", a: "color: #0b6b55" })`, for emails,
   * where the template's own styles cannot reach HTML it prints from data. A table cell's
   * alignment class (`align-right`) becomes `text-align` there too.
   */
  styled(html: string, styles: Readonly<Record<string, string>>): string;
  /** The page of a topic's digest issues, when it has any (site-relative). */
  digests(topicId: string): string | undefined;
  /**
   * An image named in front matter, ready for `<img>`: `src`, and its size in pixels (read
   * from the file for a local image, else `width` and `height` as given), and for a local
   * image with smaller copies a `srcset` listing them and the image itself.
   */
  image(url: string, width?: number, height?: number): ImageView;
  /** The page's JSON-LD, ready to print raw inside `<script type="application/ld+json">`. */
  jsonLd(route: HtmlRoute): string | undefined;
  /** True for an absolute http(s) URL on another site: such links get `rel="noopener"`. */
  isExternal(url: string): boolean;
  /** Escapes text for HTML, for markup built inside template code. */
  escape(text: string): string;
  /** Page numbers for a pager, `null` for a gap. */
  pageWindow(current: number, count: number): (number | null)[];
  urls: typeof urls;
  /** How list pages show scoops (`cards:` in the config): `headline` and `view`. */
  cards: CardSettings;
  /**
   * Where a scoop's headline links, decided here only: its source article when it has a `url`
   * and `cards.headline` is `source` (the default; `external` is then true), else its own page.
   * `href` is ready to print; `domain` is the source's, when it has one.
   */
  headline(scoop: Scoop): Headline;
  /** "Plus91’s insight", or "Curator’s insight" when the scoop names no known curator. */
  insightLabel(scoop: Scoop): string;
  /**
   * Plain text kept as paragraphs (one per line of `excerptText` or `insightText`), at most
   * `max` characters in all: the paragraph that reaches the limit is shortened, later ones dropped.
   */
  paragraphs(text: string | undefined, max: number): string[];
  /** A scoop's one-line summary: its insight, or its excerpt when it has none, shortened. */
  summary(scoop: Scoop, max: number): string;
  /** Where readers discuss a scoop: its topic's `discuss`, else the site's, or undefined. */
  discuss(scoop: Scoop): Outlink | undefined;
  /** Where readers suggest a link for a scoop's topic: its `suggest`, else the site's. */
  suggest(topicId: string): Outlink | undefined;
  /** The scoop page's share links (`share:` in the config, none by default). */
  share(scoop: Scoop): ShareLink[];
}

/** A headline's link (see `ViewHelpers.headline`). */
export interface Headline {
  readonly href: string;
  /** True when it leads to the source article, on another site. */
  readonly external: boolean;
  readonly domain?: string;
}

/** An image's `<img>` attributes (see `ViewHelpers.image`): `srcset` is ready to print. */
export interface ImageView {
  readonly src: string;
  readonly width?: number;
  readonly height?: number;
  readonly srcset?: string;
}

/** A link out of the site, ready to print; `external` links get `rel="noopener"`. */
export interface Outlink {
  readonly href: string;
  readonly external: boolean;
}

/**
 * Builds the helpers for one build. `assetHashes` maps asset names to short content hashes;
 * `images` are the local images scoops show.
 */
export function createViewHelpers(
  index: SiteIndex,
  assetHashes: ReadonlyMap<string, string>,
  images: LocalImages = new Map(),
  digests?: DigestIssues,
): ViewHelpers {
  const { config } = index;
  const sitePath = (url: string) => `/${url.replace(/^\/+/, "")}`;
  const outlink = (url: string | undefined, subject: string): Outlink | undefined => {
    if (url === undefined) return undefined;
    if (urlScheme(url) === undefined) {
      return { href: hrefFor(sitePath(url), config.basePath), external: false };
    }
    return { href: withMailSubject(url, subject), external: helpers.isExternal(url) };
  };
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
    image: (url, width, height) => {
      const src = helpers.media(url);
      const local = isHttpUrl(url) ? undefined : images.get(imageKey(url));
      if (local === undefined) return width && height ? { src, width, height } : { src };
      const candidate = (path: string, w: number) =>
        `${hrefFor(path, config.basePath).replace(/,/g, "%2C")} ${w}w`;
      return {
        src,
        width: local.width,
        height: local.height,
        ...(local.variants.length === 0
          ? {}
          : {
              srcset: [
                ...local.variants.map((v) => candidate(`/${v.outputPath}`, v.width)),
                candidate(`/${local.file.replace(/^static\//, "")}`, local.width),
              ].join(", "),
            }),
      };
    },
    absHtml: (html, page = "/") =>
      absolutizeHtml(html, absoluteUrlFor(page, config.origin, config.basePath)),
    styled: (html, styles) =>
      html.replace(/<([a-z][a-z0-9]*)(?=[\s>/])([^>]*)/g, (whole, name: string, attrs: string) => {
        // A table cell's alignment is a theme class (`align-right`), which mail clients lack.
        const align = CELL_ALIGN.exec(attrs)?.[1];
        const style = [
          Object.hasOwn(styles, name) ? styles[name]! : "",
          align !== undefined && (name === "td" || name === "th") ? `text-align: ${align};` : "",
        ]
          .filter((part) => part !== "")
          .join(" ");
        return style === "" ? whole : `<${name} style="${escapeHtml(style)}"${attrs}`;
      }),
    digests: (topicId) => (digests?.byTopic.has(topicId) ? urls.digests(topicId) : undefined),
    jsonLd: (route) => {
      const data = structuredData(route, helpers, config);
      return data === undefined ? undefined : jsonLdScript(data);
    },
    isExternal: (url) =>
      isHttpUrl(url) && !url.startsWith(`${config.origin}/`) && url !== config.origin,
    escape: escapeHtml,
    pageWindow,
    urls,
    cards: config.cards,
    headline: (scoop) => {
      const domain = scoop.sourceDomain;
      const toSource = scoop.url !== undefined && config.cards.headline === "source";
      return {
        href: toSource ? scoop.url! : hrefFor(urls.scoop(scoop), config.basePath),
        external: toSource && helpers.isExternal(scoop.url!),
        ...(domain === undefined ? {} : { domain }),
      };
    },
    insightLabel: (scoop) => insightLabel(helpers.curator(scoop.curatorId)?.name),
    paragraphs,
    summary: scoopSummary,
    discuss: (scoop) =>
      outlink(
        index.topicById.get(scoop.topicId)?.topic.discuss ?? config.discuss,
        `Re: ${scoop.title}`,
      ),
    suggest: (topicId) => {
      const topic = index.topicById.get(topicId)?.topic;
      return outlink(
        topic?.suggest ?? config.suggest,
        `A link for ${topic?.title ?? config.title}`,
      );
    },
    share: (scoop) =>
      shareLinks(config.share, {
        url: absoluteUrlFor(urls.scoop(scoop), config.origin, config.basePath),
        title: scoop.title,
      }),
  };
  return helpers;
}

/** The label of a scoop's insight, by its curator's name: on cards, scoop pages and feeds. */
export function insightLabel(curator: string | undefined): string {
  return curator === undefined ? "Curator’s insight" : `${curator}’s insight`;
}

/**
 * A scoop's one-line summary, shortened to `max`: its insight (the curator's voice), or its
 * excerpt when it has none. Cards and feed summaries show it.
 */
export function scoopSummary(
  scoop: Pick<Scoop, "insightText" | "excerptText">,
  max: number,
): string {
  return shorten(oneLine(scoop.insightText || scoop.excerptText).trim(), max);
}

/** Paragraphs of plain text (a line each), at most `max` characters in all (see `ViewHelpers`). */
export function paragraphs(text: string | undefined, max: number): string[] {
  const out: string[] = [];
  let left = max;
  for (const line of (text ?? "").split("\n")) {
    const paragraph = line.trim();
    if (paragraph === "") continue;
    // Each line counts as it is written, plus one for its line break: a text cut at 501
    // characters never fits whole in 500, so its cut never shows without an ellipsis.
    if (line.length + 1 <= left) {
      out.push(paragraph);
      left -= line.length + 1;
      continue;
    }
    // The paragraph that reaches the limit is shortened (always: it may be a cut one), unless
    // only a few words would be left of it.
    if (left >= 40 || out.length === 0) {
      out.push(shorten(paragraph, Math.max(1, Math.min(Math.max(left, 40), paragraph.length - 1))));
    }
    break;
  }
  return out;
}

/** Escapes `& < > " '` for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
