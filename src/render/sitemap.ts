import type { SiteConfig } from "../model.js";
import type { SitemapRoute } from "../plan/routes.js";
import { absoluteUrlFor } from "../plan/urls.js";
import { escapeXml } from "../util/xml-escape.js";

/** Renders sitemap.xml (sitemaps.org 0.9) with absolute URLs and content dates as lastmod. */
export function renderSitemap(route: SitemapRoute, config: SiteConfig): string {
  const entries = route.pages.map(
    (p) =>
      `<url><loc>${escapeXml(absoluteUrlFor(p.url, config.origin, config.basePath))}</loc>${p.lastmod ? `<lastmod>${p.lastmod}</lastmod>` : ""}</url>`,
  );
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
    ...entries,
    `</urlset>`,
    "",
  ].join("\n");
}

/** robots.txt: everything may be crawled; points at the sitemap. */
export function renderRobots(config: SiteConfig): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrlFor("/sitemap.xml", config.origin, config.basePath)}\n`;
}
