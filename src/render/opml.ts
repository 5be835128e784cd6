import type { SiteConfig } from "../model.js";
import type { OpmlRoute } from "../plan/routes.js";
import { absoluteUrlFor } from "../plan/urls.js";
import { rfc822 } from "../util/site-date.js";
import { escapeXml } from "../util/xml-escape.js";

/**
 * Renders `/feeds.opml` (OPML 2.0): every feed of the site, grouped in outlines by list kind
 * (Site, Topics, Curators, Tags), so a reader can subscribe to the whole digest at once. Each scope is listed
 * once, with its RSS feed. The only date is the newest scoop's: never the clock.
 */
export function renderOpml(route: OpmlRoute, config: SiteConfig): string {
  const abs = (url: string) => escapeXml(absoluteUrlFor(url, config.origin, config.basePath));
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<opml version="2.0">`,
    `<head>`,
    `<title>${escapeXml(route.title)}</title>`,
  ];
  if (route.updated) {
    lines.push(`<dateModified>${rfc822(route.updated, config.timezone)}</dateModified>`);
  }
  lines.push(`<docs>http://opml.org/spec2.opml</docs>`, `</head>`, `<body>`);
  for (const group of route.groups) {
    lines.push(`<outline text="${escapeXml(group.title)}" title="${escapeXml(group.title)}">`);
    for (const feed of group.feeds) {
      const title = escapeXml(feed.title);
      lines.push(
        `<outline type="rss" text="${title}" title="${title}" xmlUrl="${abs(feed.xmlUrl)}" htmlUrl="${abs(feed.htmlUrl)}"/>`,
      );
    }
    lines.push(`</outline>`);
  }
  lines.push(`</body>`, `</opml>`, "");
  return lines.join("\n");
}
