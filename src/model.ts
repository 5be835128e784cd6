import type { SiteDate } from "./util/site-date.js";

/** The site settings from `curio.config.yml`, with defaults applied and the base URL split up. */
export interface SiteConfig {
  readonly title: string;
  readonly description?: string;
  /** Absolute base URL with a trailing slash, e.g. `https://example.org/digest/`. */
  readonly baseUrl: string;
  /** `https://example.org` */
  readonly origin: string;
  /** The path part of the base URL, with slashes at both ends: `/digest/` or `/`. */
  readonly basePath: string;
  readonly language: string;
  readonly timezone: string;
  readonly pageSize: number;
  /** The picture social networks show for pages that have none of their own. */
  readonly image?: string;
  readonly imageAlt?: string;
  readonly feeds: FeedSettings;
  /** How list pages show scoops. */
  readonly cards: CardSettings;
  /** Where readers discuss scoops (http(s) or mailto:); a topic's own wins. */
  readonly discuss?: string;
  /** Where readers suggest a link (http(s) or mailto:); a topic's own wins. */
  readonly suggest?: string;
  /** The share links each scoop's page shows, in this order (none by default). */
  readonly share: readonly ShareTarget[];
  /** An excerpt longer than this many words gets a warning (default 300). */
  readonly excerptWords: number;
  /** How local images are published. */
  readonly images: ImageSettings;
  /** How often a topic's digest comes out (`weekly`, the default), or `off`; a topic's own wins. */
  readonly digest: DigestCadence | "off";
  /** What a digest's email says and where it links (`email:` in the config). */
  readonly email: EmailSettings;
  /** Whether the site has a search page and a search box (default true). */
  readonly search: boolean;
  /** Feeds `curio inbox pull` watches, each for a topic (or the default one). */
  readonly sources?: readonly { readonly feed: string; readonly topic?: string }[];
  /** The topic and curator `curio new scoop` and `curio import` use when not told. */
  readonly defaults?: { readonly topic?: string; readonly curator?: string };
  /** The markdown flavour and the plugins markdown goes through (`markdown:` in the config). */
  readonly markdown: MarkdownSettings;
}

/** The `markdown:` settings of `curio.config.yml`. */
export interface MarkdownSettings {
  /** GitHub-flavoured markdown: tables, strikethrough, autolinks, task lists, footnotes (default true). */
  readonly gfm: boolean;
  /** remark plugins, in order: they change the markdown tree after parsing. */
  readonly remarkPlugins: readonly PluginSetting[];
  /** rehype plugins, in order: they change the HTML tree before it is sanitized. */
  readonly rehypePlugins: readonly PluginSetting[];
}

/** One plugin of the config: a package installed in the digest (or a `./` file in it), with its options. */
export interface PluginSetting {
  /** The package's name (`remark-smartypants`) or a path from the digest's root (`./plugins/x.js`). */
  readonly name: string;
  /** The options the plugin is given, as the config writes them. */
  readonly options?: unknown;
  /** Where the config names it, for diagnostics. */
  readonly line: number;
  readonly column: number;
}

/** How often a digest issue comes out: one per ISO week, or one per calendar month. */
export type DigestCadence = "weekly" | "monthly";

/** The `email:` settings of `curio.config.yml`. */
export interface EmailSettings {
  /**
   * What the unsubscribe link of a digest email points at: a placeholder the sending service
   * fills (default `{{ unsubscribe_url }}`), or an address.
   */
  readonly unsubscribe: string;
}

/**
 * One issue of a topic's digest: the scoops of one complete ISO week or calendar month in the
 * site's time zone. A plain record, made by `indexDigestIssues`.
 */
export interface DigestIssue {
  readonly topicId: string;
  readonly cadence: DigestCadence;
  /** Its name in URLs: `2019-w16` (ISO week 16 of 2019) or `2019-04`. */
  readonly period: string;
  /** Its first and last day, ISO dates in the site's time zone. */
  readonly first: string;
  readonly last: string;
  /** Its scoops: the topic's pinned scoop first (when it is from that period), then newest first. */
  readonly scoops: readonly Scoop[];
  /** The editor's note for it, when the curator wrote one. */
  readonly note?: DigestNote;
}

/**
 * An editor's note for one issue of a topic's digest: `content/topics/<topic>/digests/<period>.md`
 * (`2019-w16.md`, `2019-04.md`), shown at the top of the issue's page and email.
 */
export interface DigestNote {
  readonly topicId: string;
  /** The issue it belongs to: `2019-w16` or `2019-04`. */
  readonly period: string;
  readonly file: string;
  /** The issue's own title, instead of "<topic>: week 16, 2019". */
  readonly title?: string;
  /** One sentence before the note: the email's preview text too. */
  readonly intro?: string;
  /** The note's body, rendered and sanitized. */
  readonly bodyHtml: string;
  /** The body as plain text, a line per paragraph, for the plain-text email. */
  readonly bodyText: string;
}

/** The `images:` settings of `curio.config.yml`. */
export interface ImageSettings {
  /**
   * The widths of the smaller copies made of a scoop's local image, ascending, without repeats
   * (default 320, 640, 960, 1280); only those narrower than the image are made.
   */
  readonly widths: readonly number[];
}

/** A place a scoop's page offers to share it with, by a plain link. */
export type ShareTarget = "email" | "mastodon" | "bluesky" | "linkedin";

/** The `cards:` settings of `curio.config.yml`. */
export interface CardSettings {
  /** Where a card's headline links: the source article (default) or the scoop's page. */
  readonly headline: "source" | "page";
  /** `full` cards, or `compact` rows (title, source, one line of insight). */
  readonly view: "full" | "compact";
}

/** The `feeds:` settings of `curio.config.yml`. */
export interface FeedSettings {
  /** How many scoops each feed carries, newest first (default 50). */
  readonly items: number;
  /**
   * Where an item's link points: the source article (`source`, for scoops that have a `url`) or
   * the scoop's page (`page`); by default as `cards.headline`. The item's id is the scoop's
   * permalink either way.
   */
  readonly link: "page" | "source";
}

/** A person who scoops: `content/curators/<id>.md`. */
export interface Curator {
  readonly id: string;
  readonly file: string;
  readonly name: string;
  readonly url?: string;
  readonly avatar?: string;
  readonly bioHtml: string;
}

/** A call to action shown at the end of a topic's pages. */
export interface CallToAction {
  readonly text: string;
  readonly url?: string;
  readonly label?: string;
}

/** A topic: the folder `content/topics/<id>/` and its `_topic.md`. */
export interface Topic {
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly description?: string;
  readonly audience?: string;
  readonly curatorIds: readonly string[];
  readonly cta?: CallToAction;
  /** Where readers discuss this topic's scoops (overrides the site's). */
  readonly discuss?: string;
  /** Where readers suggest a link for this topic (overrides the site's). */
  readonly suggest?: string;
  /** How often its digest comes out, when it says (overrides the site's `digest`). */
  readonly digest?: DigestCadence | "off";
  readonly bodyHtml: string;
}

/** A reader's comment on a scoop. */
export interface ScoopComment {
  readonly author: string;
  readonly date: SiteDate;
  readonly html: string;
}

/** Where the curator found the article. */
export interface Via {
  readonly name: string;
  readonly url?: string;
}

/**
 * One scoop: an article a curator put into a topic, `content/topics/<topic>/<date>-<slug>.md`.
 * A plain, immutable record. The excerpt's HTML is not part of it: only the scoop's own page
 * and its feed entries show it, and they read it from the build's excerpt store
 * (`ExcerptStore`); on the scoop's page, templates find it as `it.page.scoop.excerptHtml`.
 */
export interface Scoop {
  /** `<topic>/<slug>`: unique in the site. */
  readonly id: string;
  readonly topicId: string;
  readonly slug: string;
  readonly file: string;
  readonly title: string;
  readonly url?: string;
  readonly sourceDomain?: string;
  readonly date: SiteDate;
  /** The curator named in the front matter, or the topic's only curator (resolved when indexing). */
  readonly curatorId?: string;
  readonly tags: readonly string[];
  readonly image?: string;
  readonly imageAlt?: string;
  /** The image's size in pixels, when the curator gives it (reserves space while it loads). */
  readonly imageWidth?: number;
  readonly imageHeight?: number;
  /**
   * The excerpt as plain text (its first 501 characters), a line per paragraph, for cards,
   * feed summaries and meta descriptions.
   */
  readonly excerptText: string;
  readonly insightHtml?: string;
  /** The insight as plain text (its first 501 characters), a line per paragraph. */
  readonly insightText?: string;
  readonly published?: SiteDate;
  /** The name the source site gives itself ("The Verge"), as its page says. */
  readonly sourceName?: string;
  /** The source article's author, as its page names them. */
  readonly sourceAuthor?: string;
  readonly via?: Via;
  readonly pinned: boolean;
  readonly draft: boolean;
  readonly comments: readonly ScoopComment[];
}

/** A scoop with its excerpt's HTML, as its own page shows it (`it.page.scoop`). */
export interface ScoopWithExcerpt extends Scoop {
  readonly excerptHtml: string;
}
