import { DateTime } from "luxon";
import { stringify } from "yaml";
import { parseSiteDate } from "../util/site-date.js";
import { toSlug } from "../util/slug.js";
import { INSIGHT_MARKER } from "../parse/insight-section.js";
import type { PageMetadata } from "./page-metadata.js";

/** What a new scoop file is made from. */
export interface ScoopFileOptions {
  /** The source article's address, as it goes into `url:`. */
  readonly url: string;
  readonly curator: string;
  /** The curation time, in milliseconds since the epoch. */
  readonly now: number;
  /** The site's time zone: the date and the file name's day are in it. */
  readonly timezone: string;
  /** What the page said about itself; undefined for a skeleton. */
  readonly metadata?: PageMetadata;
  /**
   * The page's image as it was read: its size in pixels, and where it was saved in the
   * digest (a site path) when it was; undefined when it was not read.
   */
  readonly image?: { readonly width: number; readonly height: number; readonly saved?: string };
  /** The curator's insight (markdown), written under `## Insight`; empty for the curator to fill. */
  readonly insight?: string;
  readonly tags?: readonly string[];
  /** `draft: true`: not published until the curator removes it. */
  readonly draft?: boolean;
  /** The `date:` as a source gave it (`2019-04-19T09:30+05:30`), instead of now. */
  readonly date?: string;
  /** The excerpt as markdown (an imported item's content), instead of the page's description. */
  readonly excerpt?: string;
}

/** A scoop file to write: its name (`2026-01-01-some-title.md`), slug and text. */
export interface ScoopFile {
  readonly fileName: string;
  readonly slug: string;
  readonly text: string;
}

/** Longest slug a new scoop file gets, in characters (cut at a hyphen). */
const SLUG_LENGTH = 60;

/**
 * A new scoop file from a page's metadata: front matter with `title`, `url`, `date` (now, in the
 * site's zone, `YYYY-MM-DDTHH:mm`), `curator`, `tags: []`, and when the page gives them `image`
 * (with `imageWidth` and `imageHeight` when it was read), `imageAlt`, `published` (its day),
 * `sourceName` and `sourceAuthor`. The body is the page's description as a plain-text excerpt
 * (or empty), then the `## Insight` section, with the insight given or empty to fill in. Without a
 * title (a skeleton), the title is made from the URL. YAML is written by the `yaml` package, so
 * every value is quoted as it needs to be.
 */
export function scoopFile(options: ScoopFileOptions): ScoopFile {
  const meta = options.metadata ?? {};
  const now = DateTime.fromMillis(options.now, { zone: options.timezone });
  const title = meta.title ?? titleFromUrl(options.url);
  const published =
    meta.published === undefined ? undefined : publishedDay(meta.published, options.timezone);
  const fields: Record<string, unknown> = {
    title,
    url: options.url,
    date: options.date ?? now.toFormat("yyyy-MM-dd'T'HH:mm"),
    curator: options.curator,
    tags: [...new Set(options.tags ?? [])],
    ...(options.draft ? { draft: true } : {}),
    ...(meta.image === undefined ? {} : { image: options.image?.saved ?? meta.image }),
    ...(meta.image === undefined || meta.imageAlt === undefined ? {} : { imageAlt: meta.imageAlt }),
    ...(meta.image === undefined || options.image === undefined
      ? {}
      : { imageWidth: options.image.width, imageHeight: options.image.height }),
    ...(published === undefined ? {} : { published }),
    ...(meta.siteName === undefined ? {} : { sourceName: meta.siteName }),
    ...(meta.author === undefined ? {} : { sourceAuthor: meta.author }),
  };
  const yaml = stringify(fields, { lineWidth: 0 });
  // An imported excerpt's own "## Insight" heading must not start the insight section.
  const given = options.excerpt
    ?.trim()
    .replace(/^( {0,3})(##[ \t]+insight[ \t]*#*[ \t]*)$/gim, "$1\\$2");
  const excerpt = given
    ? `\n${given}\n`
    : meta.description === undefined
      ? ""
      : `\n${plainTextAsMarkdown(meta.description)}\n`;
  const insight = options.insight?.trim() ?? "";
  const body = `${excerpt}\n${INSIGHT_MARKER}\n\n${insight === "" ? "" : `${insight}\n`}`;
  const slug = scoopSlug(options.url, options.metadata);
  return {
    fileName: `${options.date?.slice(0, 10) ?? now.toFormat("yyyy-MM-dd")}-${slug}.md`,
    slug,
    text: `---\n${yaml}---\n${body}`,
  };
}

/**
 * The slug of a new scoop: from the page's title (or, without one, a title made from the URL),
 * else the URL's host, else "scoop". Its file is named after it, and so is a saved image.
 */
export function scoopSlug(url: string, metadata?: PageMetadata): string {
  const title = metadata?.title ?? titleFromUrl(url);
  return shortSlug(title) || shortSlug(hostOf(url)) || "scoop";
}

/**
 * A page's publication date as a day, `YYYY-MM-DD`: the day an ISO date starts with (as the
 * source wrote it), or any other date JavaScript can read, taken in the site's zone.
 * Undefined when it is not a date.
 */
export function publishedDay(value: string, timezone: string): string | undefined {
  const iso = /^\s*(\d{4}-\d{2}-\d{2})/.exec(value)?.[1];
  if (iso !== undefined) return parseSiteDate(iso, timezone).ok ? iso : undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return DateTime.fromMillis(ms, { zone: timezone }).toISODate() ?? undefined;
}

/**
 * Plain text written as markdown that renders back to the same text: characters that would
 * start emphasis, code, links, HTML or entities are escaped, and so is anything at the start
 * of the line that would make a heading, quote, list or fence.
 */
export function plainTextAsMarkdown(text: string): string {
  return text
    .replace(/[\\`*[\]<~]/g, "\\$&")
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\_")
    .replace(/&(?=#?\w+;)/g, "\\&")
    .replace(/^([#>+=|~-])/, "\\$1")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/** "My great post" from `https://example.org/blog/my-great-post.html`; the host otherwise. */
export function titleFromUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const segments = parsed.pathname.split("/").filter((s) => s !== "");
  const last = segments.length ? safeDecode(segments[segments.length - 1]!) : "";
  const words = last
    .replace(/\.[a-z]{2,5}$/i, "")
    .replace(/[-_+.]+/g, " ")
    .trim();
  if (words === "" || /^\d+$/.test(words)) return hostOf(url);
  return words[0]!.toUpperCase() + words.slice(1);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return "";
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A slug of at most SLUG_LENGTH characters, cut at a hyphen when there is one. */
function shortSlug(text: string): string {
  const slug = toSlug(text);
  if ([...slug].length <= SLUG_LENGTH) return slug;
  const cut = [...slug].slice(0, SLUG_LENGTH).join("");
  const hyphen = cut.lastIndexOf("-");
  return (hyphen > SLUG_LENGTH / 2 ? cut.slice(0, hyphen) : cut).replace(/-+$/, "");
}
