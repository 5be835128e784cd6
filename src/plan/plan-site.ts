import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { newestOf } from "../index/compare-scoops.js";
import type { Scoop } from "../model.js";
import { isoDay } from "../util/site-date.js";
import { collisions } from "./collisions.js";
import type { OpmlGroup } from "./list-kinds.js";
import { LIST_KIND_NAMES, LIST_KINDS, listPageTitle } from "./list-kinds.js";
import { PAGE_TEMPLATES } from "./page-templates.js";
import { paginate } from "./paginate.js";
import { planDigests } from "./plan-digests.js";
import { planFeeds } from "./plan-feeds.js";
import type {
  FeedLink,
  HtmlRoute,
  OpmlFeed,
  OpmlRoute,
  PageData,
  PlanInput,
  Route,
  SitemapRoute,
} from "./routes.js";
import { scoopPageText } from "./scoop-page.js";
import { outputPathFor, subscribeAnchor, urls } from "./urls.js";

/** An HTML page to plan: its route's own fields, and the scoop that dates it in the sitemap. */
interface PageSpec {
  readonly url: string;
  readonly title: string;
  readonly description?: string | undefined;
  readonly page: PageData;
  /** The page's own feeds; the site's follow them. */
  readonly feeds?: readonly FeedLink[];
  readonly sources?: readonly string[];
  readonly indexable?: boolean;
  /** The newest scoop the page shows: its date is the page's `lastmod` in the sitemap. */
  readonly newest?: Scoop | undefined;
}

/**
 * Turns the site index into the list of output files (pure): for every list of `LIST_KINDS`
 * (the home page, every topic, curator and tag) its paginated pages and feeds (RSS, Atom and
 * JSON Feed), listed in the OPML; one page per scoop, the topic, curator and tag lists, the
 * subscribe page (every list's feeds), 404, theme assets, static files and the smaller copies of
 * local images, the OPML, robots.txt and the sitemap. Two routes with one output path are an error
 * naming every source of each.
 */
export function planSite(input: PlanInput): { routes: Route[]; diagnostics: Diagnostic[] } {
  const { index } = input;
  const { config } = index;
  const routes: Route[] = [];
  const sitemap: SitemapRoute["pages"][number][] = [];
  const opml = new Map<OpmlGroup, OpmlFeed[]>(
    LIST_KIND_NAMES.map((name) => [LIST_KINDS[name].opmlGroup, []]),
  );
  let siteFeeds: readonly FeedLink[] = [];

  const addPage = (spec: PageSpec): void => {
    const route: HtmlRoute = {
      format: "html",
      url: spec.url,
      outputPath: outputPathFor(spec.url),
      template: PAGE_TEMPLATES[spec.page.kind],
      title: spec.title,
      ...(spec.description === undefined ? {} : { description: spec.description }),
      feeds: [...(spec.feeds ?? []), ...siteFeeds],
      indexable: spec.indexable ?? true,
      sources: spec.sources ?? [],
      page: spec.page,
    };
    routes.push(route);
    if (!route.indexable) return;
    const { newest } = spec;
    sitemap.push({
      url: route.url,
      ...(newest ? { lastmod: isoDay(newest.date, config.timezone) } : {}),
    });
  };

  for (const name of LIST_KIND_NAMES) {
    const kind = LIST_KINDS[name];
    const indexPage = kind.indexPage?.(index);
    if (indexPage) addPage(indexPage);
    for (const entry of kind.entries(index)) {
      const planned = planFeeds(entry, config.feeds.items, index.scoops[0]);
      routes.push(...planned.routes);
      opml.get(kind.opmlGroup)!.push(planned.opml);
      if (kind.siteFeeds) siteFeeds = planned.links;
      const feeds = kind.siteFeeds ? [] : planned.links;
      for (const pager of paginate(entry.listed, config.pageSize, entry.url)) {
        addPage({
          url: pager.urls[pager.number - 1]!,
          title: listPageTitle(entry.title, pager.number),
          description: entry.description,
          page: entry.page(pager),
          feeds,
          sources: entry.sources,
          newest: newestOf(pager.items),
        });
      }
      for (const scoop of entry.scoopPages ?? []) {
        addPage({
          url: urls.scoop(scoop),
          ...scoopPageText(scoop),
          page: { kind: "scoop", scoop, neighbours: index.neighbours(scoop) },
          feeds,
          sources: [scoop.file],
          newest: scoop,
        });
      }
    }
  }

  // Every topic's digest: not in the OPML file, whose feeds give each scoop once.
  const digests = input.digests && planDigests(index, input.digests);
  for (const page of digests?.pages ?? []) addPage(page);
  routes.push(...(digests?.routes ?? []));

  addPage({
    url: urls.subscribe(),
    title: "Subscribe",
    description: `Follow ${config.title} in a feed reader: the site's feeds and every topic's, curator's and tag's`,
    page: {
      kind: "subscribe",
      groups: [...opml, ["Digests", digests?.opml ?? []] as const]
        .filter(([, list]) => list.length > 0)
        .map(([title, list]) => ({
          title,
          lists: list.map((feed) => ({
            title: feed.title,
            url: feed.htmlUrl,
            id: subscribeAnchor(feed.htmlUrl),
          })),
        })),
    },
  });
  if (config.search)
    addPage({
      url: urls.search(),
      title: "Search",
      description: `Search every scoop of ${config.title}: titles, insights and excerpts`,
      page: { kind: "search" },
      indexable: false,
    });
  addPage({
    url: urls.notFound(),
    title: "Page not found",
    page: { kind: "not-found" },
    indexable: false,
  });
  for (const name of input.assets) {
    routes.push({ format: "asset", url: `/${name}`, outputPath: name, name, sources: [] });
  }
  for (const name of input.statics) {
    const rel = name.replace(/^static\//, "");
    routes.push({ format: "asset", url: `/${rel}`, outputPath: rel, name, sources: [name] });
  }
  for (const image of input.images?.values() ?? []) {
    for (const v of image.variants) {
      routes.push({
        format: "asset",
        url: `/${v.outputPath}`,
        outputPath: v.outputPath,
        name: v.name,
        sources: [v.source],
      });
    }
  }
  routes.push({
    format: "opml",
    url: urls.opml(),
    outputPath: outputPathFor(urls.opml()),
    sources: [],
    title: `${config.title}: all feeds`,
    groups: [...opml]
      .filter(([, list]) => list.length > 0)
      .map(([title, list]) => ({ title, feeds: list })),
    ...(index.scoops[0] ? { updated: index.scoops[0].date } : {}),
  } satisfies OpmlRoute);
  routes.push({
    format: "robots",
    url: urls.robots(),
    outputPath: outputPathFor(urls.robots()),
    sources: [],
  });
  routes.push({
    format: "sitemap",
    url: urls.sitemap(),
    outputPath: outputPathFor(urls.sitemap()),
    sources: [],
    pages: sitemap,
  });

  return { routes, diagnostics: collisions(routes) };
}
