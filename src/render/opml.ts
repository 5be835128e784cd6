import type { SiteConfig } from "../model.js";
import type { OpmlGroup } from "../plan/list-kinds.js";
import type { OpmlFeed, OpmlRoute } from "../plan/routes.js";
import { absoluteUrlFor } from "../plan/urls.js";
import { rfc822 } from "../util/site-date.js";
import { escapeXml } from "../util/xml-escape.js";
import { feedTitle } from "./feed-entry.js";

/** The OPML groups that split the site's scoops: each scoop is in exactly one topic. */
const TOPICS: OpmlGroup = "Topics";
/** The site's own feed: every scoop. */
const SITE: OpmlGroup = "Site";

/**
 * The feeds to subscribe to, so that importing them gives each scoop once: one feed per topic
 * when the site has several topics (every scoop is in exactly one, and a reader can drop a topic
 * later), else the site's feed alone. Curators' and tags' feeds repeat those scoops, so they are
 * left out; each is still advertised on its own page.
 */
export function opmlSubscriptions(route: Pick<OpmlRoute, "groups">): {
  readonly by: "topic" | "site";
  readonly feeds: readonly OpmlFeed[];
} {
  const topics = route.groups.find((g) => g.title === TOPICS)?.feeds ?? [];
  if (topics.length > 1) return { by: "topic", feeds: topics };
  return { by: "site", feeds: route.groups.find((g) => g.title === SITE)?.feeds ?? [] };
}

/**
 * Renders `/feeds.opml` (OPML 2.0), a file to import into a feed reader to follow the whole
 * digest without any scoop twice (`opmlSubscriptions`): its feeds, by their RSS form and titled
 * as the feeds title themselves, in one outline named after the site, which readers make a
 * folder. The only date is the newest scoop's: never the clock.
 */
export function renderOpml(route: OpmlRoute, config: SiteConfig): string {
  const abs = (url: string) => escapeXml(absoluteUrlFor(url, config.origin, config.basePath));
  const { by, feeds } = opmlSubscriptions(route);
  const title = `${config.title}: ${by === "topic" ? "a feed per topic" : "the site’s feed"}`;
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<opml version="2.0">`,
    `<head>`,
    `<title>${escapeXml(title)}</title>`,
  ];
  if (route.updated) {
    lines.push(`<dateModified>${rfc822(route.updated, config.timezone)}</dateModified>`);
  }
  lines.push(`<docs>http://opml.org/spec2.opml</docs>`, `</head>`, `<body>`);
  const folder = escapeXml(config.title);
  lines.push(`<outline text="${folder}" title="${folder}">`);
  for (const feed of feeds) {
    const name = escapeXml(feedTitle(config, { title: feed.title, pageUrl: feed.htmlUrl }));
    lines.push(
      `<outline type="rss" text="${name}" title="${name}" xmlUrl="${abs(feed.xmlUrl)}" htmlUrl="${abs(feed.htmlUrl)}"/>`,
    );
  }
  lines.push(`</outline>`, `</body>`, `</opml>`, "");
  return lines.join("\n");
}
