import type { SiteIndex } from "../index/site-index.js";
import type { Scoop } from "../model.js";
import type { Pager } from "./paginate.js";
import type { PageData } from "./routes.js";
import { summariesOf } from "./summaries.js";
import { urls } from "./urls.js";

/** What a list page shows: one page of a list of scoops, with its pager. */
export type ListPageData = Extract<PageData, { readonly pager: Pager<Scoop> }>;

/** The kinds of lists of scoops: each is paginated, has feeds and is listed in the OPML. */
export type ListKindName = ListPageData["kind"];

/** What a page of one list kind shows. */
export type ListPageOf<K extends ListKindName> = Extract<ListPageData, { readonly kind: K }>;

/** A group of the OPML file: the feeds of one list kind. */
export type OpmlGroup = "Site" | "Topics" | "Curators" | "Tags";

/** One list of scoops: the site's, a topic's, a curator's or a tag's. */
export interface ListEntry<K extends ListKindName> {
  /** Its first page (site-relative); page N is at `page/N/` below it, its feeds next to it. */
  readonly url: string;
  /** Its first page's title (`listPageTitle` gives page N's). */
  readonly title: string;
  /** Its pages' meta description. */
  readonly description: string | undefined;
  /** Its scoops in the order its pages show them. */
  readonly listed: readonly Scoop[];
  /** Its feeds (RSS, Atom, JSON Feed): their title and description, and its scoops newest first. */
  readonly feed: {
    readonly title: string;
    readonly description: string;
    readonly scoops: readonly Scoop[];
  };
  /** The content files it comes from, for collision reports. */
  readonly sources: readonly string[];
  /**
   * Scoops whose own pages belong to it: they are planned after its pages and advertise its
   * feeds (a topic's scoops).
   */
  readonly scoopPages?: readonly Scoop[];
  /** What one of its pages shows. */
  page(pager: Pager<Scoop>): ListPageOf<K>;
}

/** A page that lists every list of a kind (`/topics/`, `/curators/`, `/tags/`), planned first. */
export interface KindIndexPage {
  readonly url: string;
  readonly title: string;
  readonly description: string;
  readonly page: Exclude<PageData, ListPageData>;
}

/** A kind of list: the lists a site has of it, and the template and OPML group of them all. */
export interface ListKind<K extends ListKindName> {
  /** The template its pages are rendered with: `templates/<template>.eta`. */
  readonly template: string;
  /** The OPML group its lists' feeds are listed in. */
  readonly opmlGroup: OpmlGroup;
  /** Its lists' feeds are the site's: every page advertises them after its own feeds. */
  readonly siteFeeds?: true;
  /** The page listing all its lists. */
  indexPage?(index: SiteIndex): KindIndexPage;
  /** Its lists, in the order they are planned. */
  entries(index: SiteIndex): readonly ListEntry<K>[];
}

/** A row for every list kind: adding a kind to `PageData` with a pager needs one here. */
export type ListKindTable = { readonly [K in ListKindName]: ListKind<K> };

/**
 * The lists of scoops a site has, by kind, in the order they are planned: the home page (the
 * site's list, whose feeds are the site's), then a list for every topic (pinned scoop first,
 * each followed by its scoops' own pages), curator and tag (after the tag list). Planning,
 * feeds, the OPML groups, the sitemap dates and the templates a theme must have come from here.
 */
export const LIST_KINDS: ListKindTable = {
  home: {
    template: "home",
    opmlGroup: "Site",
    siteFeeds: true,
    entries: (index) => {
      const { title, description } = index.config;
      const topics = summariesOf(index).topics;
      // A page without a meta description is one search engines describe for themselves.
      const about = description ?? `Latest scoops from ${title}`;
      const feed = { title, description: about };
      return [
        {
          url: urls.home(),
          title,
          description: about,
          listed: index.scoops,
          feed: { ...feed, scoops: index.scoops },
          sources: [],
          page: (pager) => ({ kind: "home", topics: pager.number === 1 ? topics : [], pager }),
        },
      ];
    },
  },
  topic: {
    template: "topic",
    opmlGroup: "Topics",
    indexPage: (index) => ({
      url: urls.topics(),
      title: "Topics",
      description: `All topics of ${index.config.title}`,
      page: { kind: "topics", topics: summariesOf(index).topics },
    }),
    entries: (index) =>
      index.topics.map((entry, i) => {
        const { topic } = entry;
        const summary = summariesOf(index).topics[i]!;
        const about =
          topic.description ?? `${topic.title}: scoops curated on ${index.config.title}`;
        return {
          url: urls.topic(topic.id),
          title: topic.title,
          description: about,
          listed: entry.listing,
          feed: {
            title: topic.title,
            description: about,
            scoops: entry.scoops,
          },
          sources: [topic.file],
          scoopPages: entry.scoops,
          page: (pager) => ({ kind: "topic", entry: summary, pager }),
        };
      }),
  },
  curator: {
    template: "curator",
    opmlGroup: "Curators",
    indexPage: (index) => ({
      url: urls.curators(),
      title: "Curators",
      description: `The curators of ${index.config.title}`,
      page: { kind: "curators", curators: summariesOf(index).curators },
    }),
    entries: (index) =>
      index.curators.map(({ curator, scoops }, i) => {
        const summary = summariesOf(index).curators[i]!;
        const about = `Scoops curated by ${curator.name}`;
        return {
          url: urls.curator(curator.id),
          title: curator.name,
          description: about,
          listed: scoops,
          feed: {
            title: `Scoops by ${curator.name}`,
            description: `${about} on ${index.config.title}`,
            scoops,
          },
          sources: [curator.file],
          page: (pager) => ({ kind: "curator", entry: summary, pager }),
        };
      }),
  },
  tag: {
    template: "tag",
    opmlGroup: "Tags",
    indexPage: (index) => ({
      url: urls.tags(),
      title: "Tags",
      description: `All tags of ${index.config.title}`,
      page: { kind: "tags", tags: summariesOf(index).tags },
    }),
    entries: (index) =>
      index.tags.map((entry, i) => {
        const summary = summariesOf(index).tags[i]!;
        const about = `Scoops tagged ${entry.name}`;
        return {
          url: urls.tag(entry.slug),
          title: `Tagged “${entry.name}”`,
          description: about,
          listed: entry.scoops,
          feed: {
            title: about,
            description: `${about} on ${index.config.title}`,
            scoops: entry.scoops,
          },
          // The files of its first two scoops, for collision reports.
          sources: [...new Set(entry.scoops.map((s) => s.file))].slice(0, 2),
          page: (pager) => ({ kind: "tag", entry: summary, pager }),
        };
      }),
  },
};

/** The list kinds in planning order. */
export const LIST_KIND_NAMES = Object.keys(LIST_KINDS) as readonly ListKindName[];

/** The title of page `n` of a list: its own title on page 1, then `<title>, page <n>`. */
export function listPageTitle(title: string, n: number): string {
  return n === 1 ? title : `${title}, page ${n}`;
}
