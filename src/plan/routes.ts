import type {
  CuratorEntry,
  SiteIndex,
  TagEntry,
  TopicEntry,
  Neighbours,
} from "../index/site-index.js";
import type { Scoop } from "../model.js";
import type { Pager } from "./paginate.js";

/** What a page shows, by kind. Templates receive it as `it.page`. */
export type PageData =
  | { readonly kind: "home"; readonly topics: readonly TopicEntry[]; readonly pager: Pager<Scoop> }
  | { readonly kind: "topic"; readonly entry: TopicEntry; readonly pager: Pager<Scoop> }
  | { readonly kind: "scoop"; readonly scoop: Scoop; readonly neighbours: Neighbours }
  | { readonly kind: "curator"; readonly entry: CuratorEntry; readonly pager: Pager<Scoop> }
  | { readonly kind: "tags"; readonly tags: readonly TagEntry[] }
  | { readonly kind: "tag"; readonly entry: TagEntry; readonly pager: Pager<Scoop> }
  | { readonly kind: "not-found" };

/** A feed's content, independent of its format. */
export interface FeedModel {
  readonly title: string;
  readonly description: string;
  /** The page the feed belongs to (site-relative). */
  readonly pageUrl: string;
  /** Newest first, already limited. */
  readonly items: readonly Scoop[];
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

/** An RSS feed. */
export interface FeedRoute extends RouteBase {
  readonly format: "rss";
  readonly feed: FeedModel;
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
  /** Its name in the theme: `assets/style.css`. */
  readonly name: string;
}

/** One output file of the site. */
export type Route = HtmlRoute | FeedRoute | SitemapRoute | RobotsRoute | AssetRoute;

/** What `plan` needs besides the index. */
export interface PlanInput {
  readonly index: SiteIndex;
  /** Theme asset names (`assets/style.css`), copied to the same path in the output. */
  readonly assets: readonly string[];
}
