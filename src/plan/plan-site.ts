import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";
import type { Scoop } from "../model.js";
import { isoDay } from "../util/site-date.js";
import { paginate } from "./paginate.js";
import type { FeedRoute, HtmlRoute, PageData, PlanInput, Route } from "./routes.js";
import { outputPathFor, urls } from "./urls.js";

/** How many items a feed carries. */
export const FEED_ITEMS = 50;

/**
 * Turns the site index into the list of output files (pure): paginated home, topic, curator
 * and tag lists, one page per scoop, feeds, the sitemap, robots.txt, 404 and theme assets.
 * Two routes with one output path are an error naming every source of each.
 */
export function planSite(input: PlanInput): { routes: Route[]; diagnostics: Diagnostic[] } {
  const { index } = input;
  const { config } = index;
  const size = config.pageSize;
  const routes: Route[] = [];
  const siteFeed = { title: config.title, url: urls.feed(), type: "application/rss+xml" };

  const html = (
    url: string,
    template: string,
    title: string,
    page: PageData,
    extra: {
      description?: string | undefined;
      feeds?: HtmlRoute["feeds"];
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
    feeds: extra.feeds ?? [siteFeed],
    indexable: extra.indexable ?? true,
    sources: extra.sources ?? [],
    page,
  });
  const feed = (
    url: string,
    title: string,
    description: string,
    pageUrl: string,
    items: readonly Scoop[],
    sources: readonly string[],
  ): FeedRoute => ({
    format: "rss",
    url,
    outputPath: outputPathFor(url),
    sources,
    feed: { title, description, pageUrl, items: items.slice(0, FEED_ITEMS) },
  });

  for (const pager of paginate(index.scoops, size, urls.home())) {
    routes.push(
      html(
        pager.urls[pager.number - 1]!,
        "home",
        pager.number === 1 ? config.title : `${config.title}, page ${pager.number}`,
        { kind: "home", topics: index.topics, pager },
        { description: config.description },
      ),
    );
  }
  routes.push(
    feed(
      urls.feed(),
      config.title,
      config.description ?? `Latest scoops from ${config.title}`,
      urls.home(),
      index.scoops,
      [],
    ),
  );

  for (const entry of index.topics) {
    const { topic } = entry;
    const topicFeed = {
      title: `${topic.title} (RSS)`,
      url: urls.topicFeed(topic.id),
      type: "application/rss+xml",
    };
    for (const pager of paginate(entry.listing, size, urls.topic(topic.id))) {
      routes.push(
        html(
          pager.urls[pager.number - 1]!,
          "topic",
          pager.number === 1 ? topic.title : `${topic.title}, page ${pager.number}`,
          { kind: "topic", entry, pager },
          { description: topic.description, feeds: [topicFeed, siteFeed], sources: [topic.file] },
        ),
      );
    }
    routes.push(
      feed(
        urls.topicFeed(topic.id),
        topic.title,
        topic.description ?? topic.title,
        urls.topic(topic.id),
        entry.scoops,
        [topic.file],
      ),
    );
    for (const scoop of entry.scoops) {
      routes.push(
        html(
          urls.scoop(scoop),
          "scoop",
          scoop.title,
          { kind: "scoop", scoop, neighbours: index.neighbours(scoop) },
          { description: summary(scoop), feeds: [topicFeed, siteFeed], sources: [scoop.file] },
        ),
      );
    }
  }

  for (const entry of index.curators) {
    const { curator } = entry;
    const curatorFeed = {
      title: `Scoops by ${curator.name} (RSS)`,
      url: urls.curatorFeed(curator.id),
      type: "application/rss+xml",
    };
    for (const pager of paginate(entry.scoops, size, urls.curator(curator.id))) {
      routes.push(
        html(
          pager.urls[pager.number - 1]!,
          "curator",
          pager.number === 1 ? curator.name : `${curator.name}, page ${pager.number}`,
          { kind: "curator", entry, pager },
          {
            description: `Scoops curated by ${curator.name}`,
            feeds: [curatorFeed, siteFeed],
            sources: [curator.file],
          },
        ),
      );
    }
    routes.push(
      feed(
        urls.curatorFeed(curator.id),
        `Scoops by ${curator.name}`,
        `Scoops curated by ${curator.name} on ${config.title}`,
        urls.curator(curator.id),
        entry.scoops,
        [curator.file],
      ),
    );
  }

  routes.push(
    html(
      urls.tags(),
      "tags",
      "Tags",
      { kind: "tags", tags: index.tags },
      { description: `All tags of ${config.title}` },
    ),
  );
  for (const entry of index.tags) {
    const sources = [...new Set(entry.scoops.map((s) => s.file))].slice(0, 2);
    for (const pager of paginate(entry.scoops, size, urls.tag(entry.slug))) {
      routes.push(
        html(
          pager.urls[pager.number - 1]!,
          "tag",
          pager.number === 1
            ? `Tagged “${entry.name}”`
            : `Tagged “${entry.name}”, page ${pager.number}`,
          { kind: "tag", entry, pager },
          { description: `Scoops tagged ${entry.name}`, sources },
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

function summary(scoop: Scoop): string {
  const text = scoop.excerptText;
  return text.length <= 200 ? text : `${text.slice(0, 199).replace(/\s+\S*$/, "")}…`;
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
    out.push(
      error(
        "url-collision",
        `two pages would be written to ${r.outputPath}${files.length ? `: from ${files.join(" and ")}` : ""}`,
        files[0] === undefined ? {} : { file: files[files.length - 1]! },
        "rename one of them (file name, `slug:`, tag or topic folder) so their URLs differ",
      ),
    );
  }
  return out;
}
