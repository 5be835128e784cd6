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
}

/** The `feeds:` settings of `curio.config.yml`. */
export interface FeedSettings {
  /** How many scoops each feed carries, newest first (default 50). */
  readonly items: number;
  /**
   * Where an item's link points: the scoop's page (`page`, the default) or the source article
   * (`source`, for scoops that have a `url`). The item's id is the scoop's permalink either way.
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
  /** The excerpt as plain text (its first 501 characters), for cards, feed summaries and meta descriptions. */
  readonly excerptText: string;
  readonly insightHtml?: string;
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
