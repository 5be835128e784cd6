import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";
import type { Scoop } from "../model.js";
import { isoDay } from "../util/site-date.js";
import { paginate } from "./paginate.js";
import type {
  FeedLink,
  FeedRoute,
  HtmlRoute,
  OpmlFeed,
  OpmlRoute,
  PageData,
  PlanInput,
  Route,
  TagSummary,
  TopicSummary,
} from "./routes.js";
import { FEED_FORMATS, feedFormats, feedUrl, outputPathFor, urls } from "./urls.js";

/** What a feed is about: the site, a topic, a curator or a tag. */
interface FeedScope {
  /** The OPML group it is listed in. */
  readonly group: "Site" | "Topics" | "Curators" | "Tags";
  readonly title: string;
  readonly description: string;
  /** The scope's page (site-relative); its feeds sit next to it. */
  readonly pageUrl: string;
  /** Newest first. */
  readonly scoops: readonly Scoop[];
  readonly sources: readonly string[];
}

/**
 * Turns the site index into the list of output files (pure): paginated home, topic, curator
 * and tag lists, one page per scoop, feeds (RSS, Atom and JSON Feed for the site and every
 * topic, curator and tag) and their OPML list, the sitemap, robots.txt, 404 and theme assets.
 * Two routes with one output path are an error naming every source of each.
 */
export function planSite(input: PlanInput): { routes: Route[]; diagnostics: Diagnostic[] } {
  const { index } = input;
  const { config } = index;
  const size = config.pageSize;
  const routes: Route[] = [];
  const opml = new Map<FeedScope["group"], OpmlFeed[]>(
    (["Site", "Topics", "Curators", "Tags"] as const).map((g) => [g, []]),
  );

  /** Plans a scope's three feeds and lists it in the OPML; returns the links its pages show. */
  const feeds = (scope: FeedScope): FeedLink[] => {
    for (const format of feedFormats) {
      const url = feedUrl(scope.pageUrl, format);
      routes.push({
        format,
        url,
        outputPath: outputPathFor(url),
        sources: scope.sources,
        feed: {
          title: scope.title,
          description: scope.description,
          pageUrl: scope.pageUrl,
          items: scope.scoops.slice(0, config.feeds.items),
          ...newestDate(scope.scoops[0] ?? index.scoops[0]),
        },
      } satisfies FeedRoute);
    }
    opml.get(scope.group)!.push({
      title: scope.title,
      xmlUrl: feedUrl(scope.pageUrl, "rss"),
      htmlUrl: scope.pageUrl,
    });
    return feedFormats.map((format) => ({
      title: `${scope.title} (${FEED_FORMATS[format].label})`,
      url: feedUrl(scope.pageUrl, format),
      type: FEED_FORMATS[format].type,
    }));
  };

  const siteFeeds = feeds({
    group: "Site",
    title: config.title,
    description: config.description ?? `Latest scoops from ${config.title}`,
    pageUrl: urls.home(),
    scoops: index.scoops,
    sources: [],
  });

  const html = (
    url: string,
    template: string,
    title: string,
    page: PageData,
    extra: {
      description?: string | undefined;
      /** The page's own scope's feeds; the site's follow them. */
      feeds?: readonly FeedLink[];
      sources?: readonly string[];
      indexable?: boolean;
    } = {},
  ): HtmlRoute => ({
    format: "html",
    url,
    outputPath: outputPathFor(url),
    template,
    title,
    ...(extra.description === undefined ? {} : { description: extra.description }),
    feeds: [...(extra.feeds ?? []), ...siteFeeds],
    indexable: extra.indexable ?? true,
    sources: extra.sources ?? [],
    page,
  });

  const topicSummaries = index.topics.map((entry): TopicSummary => ({
    topic: entry.topic,
    curators: entry.curators,
    count: entry.scoops.length,
    ...(entry.scoops[0] ? { latest: entry.scoops[0] } : {}),
  }));
  for (const pager of paginate(index.scoops, size, urls.home())) {
    routes.push(
      html(
        pager.urls[pager.number - 1]!,
        "home",
        pager.number === 1 ? config.title : `${config.title}, page ${pager.number}`,
        { kind: "home", topics: pager.number === 1 ? topicSummaries : [], pager },
        { description: config.description },
      ),
    );
  }

  index.topics.forEach((entry, i) => {
    const { topic } = entry;
    const summary = topicSummaries[i]!;
    const topicFeeds = feeds({
      group: "Topics",
      title: topic.title,
      description: topic.description ?? topic.title,
      pageUrl: urls.topic(topic.id),
      scoops: entry.scoops,
      sources: [topic.file],
    });
    for (const pager of paginate(entry.listing, size, urls.topic(topic.id))) {
      routes.push(
        html(
          pager.urls[pager.number - 1]!,
          "topic",
          pager.number === 1 ? topic.title : `${topic.title}, page ${pager.number}`,
          { kind: "topic", entry: summary, pager },
          { description: topic.description, feeds: topicFeeds, sources: [topic.file] },
        ),
      );
    }
    for (const scoop of entry.scoops) {
      const text = scoopPageText(scoop);
      routes.push(
        html(
          urls.scoop(scoop),
          "scoop",
          text.title,
          { kind: "scoop", scoop, neighbours: index.neighbours(scoop) },
          { description: text.description, feeds: topicFeeds, sources: [scoop.file] },
        ),
      );
    }
  });

  for (const entry of index.curators) {
    const { curator } = entry;
    const curatorFeeds = feeds({
      group: "Curators",
      title: `Scoops by ${curator.name}`,
      description: `Scoops curated by ${curator.name} on ${config.title}`,
      pageUrl: urls.curator(curator.id),
      scoops: entry.scoops,
      sources: [curator.file],
    });
    for (const pager of paginate(entry.scoops, size, urls.curator(curator.id))) {
      routes.push(
        html(
          pager.urls[pager.number - 1]!,
          "curator",
          pager.number === 1 ? curator.name : `${curator.name}, page ${pager.number}`,
          { kind: "curator", entry: { curator, count: entry.scoops.length }, pager },
          {
            description: `Scoops curated by ${curator.name}`,
            feeds: curatorFeeds,
            sources: [curator.file],
          },
        ),
      );
    }
  }

  routes.push(
    html(
      urls.tags(),
      "tags",
      "Tags",
      { kind: "tags", tags: index.tags.map(tagSummary) },
      { description: `All tags of ${config.title}` },
    ),
  );
  for (const entry of index.tags) {
    const sources = [...new Set(entry.scoops.map((s) => s.file))].slice(0, 2);
    const tagFeeds = feeds({
      group: "Tags",
      title: `Scoops tagged ${entry.name}`,
      description: `Scoops tagged ${entry.name} on ${config.title}`,
      pageUrl: urls.tag(entry.slug),
      scoops: entry.scoops,
      sources,
    });
    for (const pager of paginate(entry.scoops, size, urls.tag(entry.slug))) {
      routes.push(
        html(
          pager.urls[pager.number - 1]!,
          "tag",
          pager.number === 1
            ? `Tagged “${entry.name}”`
            : `Tagged “${entry.name}”, page ${pager.number}`,
          { kind: "tag", entry: tagSummary(entry), pager },
          { description: `Scoops tagged ${entry.name}`, feeds: tagFeeds, sources },
        ),
      );
    }
  }

  routes.push(
    html(urls.notFound(), "404", "Page not found", { kind: "not-found" }, { indexable: false }),
  );
  for (const name of input.assets) {
    routes.push({ format: "asset", url: `/${name}`, outputPath: name, name, sources: [] });
  }
  for (const name of input.statics) {
    const rel = name.replace(/^static\//, "");
    routes.push({ format: "asset", url: `/${rel}`, outputPath: rel, name, sources: [name] });
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
    ...newestDate(index.scoops[0]),
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
    pages: routes
      .filter((r): r is HtmlRoute => r.format === "html" && r.indexable)
      .map((r) => {
        const newest = newestOf(r.page);
        return { url: r.url, ...(newest ? { lastmod: isoDay(newest.date, config.timezone) } : {}) };
      }),
  });

  return { routes, diagnostics: collisions(routes) };
}

/** `{ updated: date }` of a scoop, or nothing: for the optional `updated` of feeds and the OPML. */
function newestDate(scoop: Scoop | undefined) {
  return scoop ? { updated: scoop.date } : {};
}

/** A scoop page's title and meta description: the only text its route copies from the scoop. */
export function scoopPageText(scoop: Scoop): { title: string; description: string } {
  const text = scoop.excerptText;
  return {
    title: scoop.title,
    description: text.length <= 200 ? text : `${text.slice(0, 199).replace(/\s+\S*$/, "")}…`,
  };
}

function tagSummary(entry: { slug: string; name: string; scoops: readonly Scoop[] }): TagSummary {
  return { slug: entry.slug, name: entry.name, count: entry.scoops.length };
}

function newestOf(page: PageData): Scoop | undefined {
  switch (page.kind) {
    case "scoop":
      return page.scoop;
    case "home":
    case "topic":
    case "curator":
    case "tag":
      return [...page.pager.items].sort((a, b) => b.date.epochMs - a.date.epochMs)[0];
    default:
      return undefined;
  }
}

function collisions(routes: readonly Route[]): Diagnostic[] {
  const seen = new Map<string, Route>();
  const out: Diagnostic[] = [];
  for (const r of routes) {
    const key = r.outputPath.toLowerCase();
    const first = seen.get(key);
    if (!first) {
      seen.set(key, r);
      continue;
    }
    const files = [...new Set([...first.sources, ...r.sources])];
    const staticFile = [first, r].find((x) => x.format === "asset" && x.sources.length > 0);
    const generated = [first, r].find((x) => x !== staticFile);
    out.push(
      staticFile && generated && generated.sources.length === 0
        ? error(
            "url-collision",
            `the static file ${staticFile.sources[0]} would replace the file Curio writes at ${generated.url}`,
            { file: staticFile.sources[0]! },
            "move or rename the static file",
          )
        : error(
            "url-collision",
            `two pages would be written to ${r.outputPath}${files.length ? `: from ${files.join(" and ")}` : ""}`,
            files[0] === undefined ? {} : { file: files[files.length - 1]! },
            "rename one of them (file name, `slug:`, tag or topic folder) so their URLs differ",
          ),
    );
  }
  return out;
}
