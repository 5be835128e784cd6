import type { LocalImages } from "../index/local-images.js";
import type { Neighbours, SiteIndex } from "../index/site-index.js";
import type { DigestIssues } from "../index/digest-issues.js";
import type { Curator, DigestIssue, Scoop, Topic } from "../model.js";
import type { SiteDate } from "../util/site-date.js";
import type { Pager } from "./paginate.js";
import type { FeedFormat } from "./urls.js";

/*
 * Page data holds only what a page shows: a list page gets its own page of scoops and the
 * counts of its topic, curator or tag, never their whole scoop lists. A route's output depends
 * on what it can reach, so editing one scoop re-renders the pages that show it, not every page
 * of its topic.
 */

/** A topic as list pages show it: its curators, how many scoops it has, and its newest one. */
export interface TopicSummary {
  readonly topic: Topic;
  readonly curators: readonly Curator[];
  readonly count: number;
  /** The newest scoop of the topic, if it has any. */
  readonly latest?: Scoop;
}

/** A curator as list pages show them: how many scoops they have scooped, and their topics. */
export interface CuratorSummary {
  readonly curator: Curator;
  readonly count: number;
  /** The topics they curate (named by the topic, or with a scoop in it), in the index's order. */
  readonly topics: readonly Topic[];
}

/** A list as the subscribe page shows it: its feeds (RSS, Atom, JSON Feed) sit by its page. */
export interface SubscribeList {
  /** The feeds' title, as feed readers show it. */
  readonly title: string;
  /** The list's first page (site-relative); its feeds are `urls.feedsOf(url)`. */
  readonly url: string;
  /** Its element's id on the subscribe page, which `urls.subscribe(url)` links to. */
  readonly id: string;
}

/** An issue of a topic's digest as pages, emails and feeds show it: the issue, named and placed. */
export interface IssueView {
  readonly issue: DigestIssue;
  /** "Social Media and Healthcare: week 16, 2019" (or "…: April 2019"). */
  readonly title: string;
  /** "15–21 April 2019" for a week; "April 2019" for a month. */
  readonly span: string;
  /** Its page (site-relative); its emails are `email.html` and `email.txt` beside it. */
  readonly url: string;
}

/** A tag as its pages and the tag list show it. */
export interface TagSummary {
  readonly slug: string;
  /** The tag's shown spelling (its most used one). */
  readonly name: string;
  readonly count: number;
}

/**
 * What a page shows, by kind. Templates receive it as `it.page`. The home page's `topics` are
 * given on its first page only (the topic overview is part of the front page).
 *
 * A kind with a `pager` is a list of scoops and needs a row in `LIST_KINDS`; every kind needs
 * a template (`PAGE_TEMPLATES`) and a schema.org description (`structuredData`). The compiler
 * points at each place a new kind is missing.
 */
export type PageData =
  | {
      readonly kind: "home";
      readonly topics: readonly TopicSummary[];
      readonly pager: Pager<Scoop>;
    }
  | { readonly kind: "topic"; readonly entry: TopicSummary; readonly pager: Pager<Scoop> }
  | { readonly kind: "scoop"; readonly scoop: Scoop; readonly neighbours: Neighbours }
  | { readonly kind: "curator"; readonly entry: CuratorSummary; readonly pager: Pager<Scoop> }
  | { readonly kind: "topics"; readonly topics: readonly TopicSummary[] }
  | { readonly kind: "curators"; readonly curators: readonly CuratorSummary[] }
  | { readonly kind: "tags"; readonly tags: readonly TagSummary[] }
  | { readonly kind: "tag"; readonly entry: TagSummary; readonly pager: Pager<Scoop> }
  | {
      readonly kind: "subscribe";
      /** The site's, then every topic's, curator's and tag's feeds, as the OPML file groups them. */
      readonly groups: readonly {
        readonly title: string;
        readonly lists: readonly SubscribeList[];
      }[];
    }
  | {
      readonly kind: "digests";
      readonly topic: Topic;
      /** The topic's issues, newest first. */
      readonly archive: Pager<IssueView>;
    }
  | {
      readonly kind: "digest";
      readonly topic: Topic;
      readonly issue: IssueView;
      /** The issue before and after it, when there is one. */
      readonly older?: IssueView;
      readonly newer?: IssueView;
    }
  | { readonly kind: "search" }
  | { readonly kind: "not-found" };

/** A feed's content, independent of its format. */
export interface FeedModel {
  readonly title: string;
  readonly description: string;
  /** The page the feed belongs to (site-relative). */
  readonly pageUrl: string;
  /** Newest first, already limited to the config's `feeds.items`. */
  readonly items: readonly Scoop[];
  /** A feed of a topic's digest has issues for items instead (newest first), each one whole. */
  readonly issues?: readonly IssueView[];
  /**
   * The feed's own date: its newest item's. An empty feed (a topic without scoops) takes the
   * newest date of the whole site, and has none when the site has no scoops at all.
   */
  readonly updated?: SiteDate;
}

interface RouteBase {
  /** Site-relative URL: `/topics/x/`, `/feed.xml`. */
  readonly url: string;
  /** Path in the output folder, forward slashes: `topics/x/index.html`. */
  readonly outputPath: string;
  /** The content files that made this route, for collision reports. */
  readonly sources: readonly string[];
}

/** A feed a page advertises with `<link rel="alternate" type=… title=… href=…>`. */
export interface FeedLink {
  readonly title: string;
  /** Site-relative URL of the feed. */
  readonly url: string;
  /** Its MIME type: `application/rss+xml`, `application/atom+xml` or `application/feed+json`. */
  readonly type: string;
}

/** An HTML page rendered through a template. */
export interface HtmlRoute extends RouteBase {
  readonly format: "html";
  /** Template name without extension, e.g. `topic`. */
  readonly template: string;
  /** The page's own title (the site's title is added by the layout). */
  readonly title: string;
  readonly description?: string;
  /** Feeds to advertise with `<link rel="alternate">` (site-relative URLs). */
  readonly feeds: readonly FeedLink[];
  /** Whether search engines should list it (not the 404 page). */
  readonly indexable: boolean;
  readonly page: PageData;
}

/** A feed of the site, a topic, a curator or a tag, in one of the feed formats. */
export interface FeedRoute extends RouteBase {
  readonly format: FeedFormat;
  readonly feed: FeedModel;
}

/** One feed as the OPML file lists it (site-relative URLs). */
export interface OpmlFeed {
  readonly title: string;
  /** The feed (its RSS form). */
  readonly xmlUrl: string;
  /** The page the feed belongs to. */
  readonly htmlUrl: string;
}

/** `/feeds.opml`: every feed of the site, grouped by list kind (Site, Topics, Curators, Tags). */
export interface OpmlRoute extends RouteBase {
  readonly format: "opml";
  readonly title: string;
  /** Groups in order; a group with no feeds is left out. */
  readonly groups: readonly { readonly title: string; readonly feeds: readonly OpmlFeed[] }[];
  /** The newest scoop's date, when there is one: the list changes only with the content. */
  readonly updated?: SiteDate;
}

/**
 * An issue of a digest as an email: `email.html` (the theme's `email` template, its styles
 * inlined) or `email.txt` (plain text), beside the issue's page.
 */
export interface EmailRoute extends RouteBase {
  readonly format: "email-html" | "email-text";
  readonly topic: Topic;
  readonly issue: IssueView;
}

/** The sitemap: every indexable HTML page. */
export interface SitemapRoute extends RouteBase {
  readonly format: "sitemap";
  readonly pages: readonly { readonly url: string; readonly lastmod?: string }[];
}

/** robots.txt. */
export interface RobotsRoute extends RouteBase {
  readonly format: "robots";
}

/** A theme asset copied as is (`assets/style.css`). */
export interface AssetRoute extends RouteBase {
  readonly format: "asset";
  /**
   * Which file to copy, as a key of the render context's files: a theme asset's name
   * (`assets/style.css`), a static file's path (`static/images/card.png`), or a smaller copy's
   * (`static/images/card.png@640w`).
   */
  readonly name: string;
}

/** One output file of the site. */
export type Route =
  HtmlRoute | FeedRoute | EmailRoute | OpmlRoute | SitemapRoute | RobotsRoute | AssetRoute;

/** True for a feed route, whatever its format. */
export function isFeedRoute(route: Route): route is FeedRoute {
  return route.format === "rss" || route.format === "atom" || route.format === "json-feed";
}

/** What `plan` needs besides the index. */
export interface PlanInput {
  readonly index: SiteIndex;
  /** Theme asset names (`assets/style.css`), copied to the same path in the output. */
  readonly assets: readonly string[];
  /** The digest's `static/` files (`static/images/card.png`), copied to the same path without `static/`. */
  readonly statics: readonly string[];
  /** The local images scoops show: each one's smaller copies are written beside it. */
  readonly images?: LocalImages | undefined;
  /** Every topic's digest issues (none when not given). */
  readonly digests?: DigestIssues | undefined;
}
