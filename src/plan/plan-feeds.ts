import type { Scoop } from "../model.js";
import type { ListEntry, ListKindName } from "./list-kinds.js";
import type { FeedLink, FeedRoute, OpmlFeed } from "./routes.js";
import { FEED_FORMATS, feedFormats, feedUrl, outputPathFor } from "./urls.js";

/** A list's feeds: their routes, the links its pages show, and its line in the OPML. */
export interface ListFeeds {
  /** RSS, Atom and JSON Feed, in that order. */
  readonly routes: readonly FeedRoute[];
  /** The `<link rel="alternate">` of each, in the same order. */
  readonly links: readonly FeedLink[];
  /** The list's RSS feed, as the OPML file lists it. */
  readonly opml: OpmlFeed;
}

/**
 * Plans a list's feeds next to its first page (pure): its newest `items` scoops in every feed
 * format. A list without scoops dates its feeds with `fallback`, the site's newest scoop.
 */
export function planFeeds(
  list: Pick<ListEntry<ListKindName>, "url" | "feed" | "sources">,
  items: number,
  fallback: Scoop | undefined,
): ListFeeds {
  const { feed, url: pageUrl } = list;
  const newest = feed.scoops[0] ?? fallback;
  return {
    routes: feedFormats.map((format) => {
      const url = feedUrl(pageUrl, format);
      return {
        format,
        url,
        outputPath: outputPathFor(url),
        sources: list.sources,
        feed: {
          title: feed.title,
          description: feed.description,
          pageUrl,
          items: feed.scoops.slice(0, items),
          ...(newest ? { updated: newest.date } : {}),
        },
      };
    }),
    links: feedFormats.map((format) => ({
      title: `${feed.title} (${FEED_FORMATS[format].label})`,
      url: feedUrl(pageUrl, format),
      type: FEED_FORMATS[format].type,
    })),
    opml: { title: feed.title, xmlUrl: feedUrl(pageUrl, "rss"), htmlUrl: pageUrl },
  };
}
