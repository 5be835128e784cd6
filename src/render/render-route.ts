import type { SiteIndex } from "../index/site-index.js";
import type { Route } from "../plan/routes.js";
import { stripInvalidHtml } from "../util/xml-escape.js";
import { renderRss } from "./rss.js";
import { renderRobots, renderSitemap } from "./sitemap.js";
import type { Theme } from "./theme.js";
import type { ViewHelpers } from "./view-helpers.js";

/** Everything rendering needs, built once per build. */
export interface RenderContext {
  readonly index: SiteIndex;
  readonly theme: Theme;
  readonly helpers: ViewHelpers;
}

/**
 * Renders one route to the bytes of its output file (pure apart from the templates' own code).
 * HTML pages get `it = { site, route, page, h }`.
 */
export function renderRoute(route: Route, ctx: RenderContext): string | Uint8Array {
  const { config } = ctx.index;
  switch (route.format) {
    case "html":
      return stripInvalidHtml(
        ctx.theme.render(route.template, { site: config, route, page: route.page, h: ctx.helpers }),
      );
    case "rss":
      return renderRss(route.feed, route.url, {
        config,
        curatorName: (id) => ctx.helpers.curator(id)?.name,
        tagName: ctx.helpers.tagName,
      });
    case "sitemap":
      return renderSitemap(route, config);
    case "robots":
      return renderRobots(config);
    case "asset": {
      const asset = ctx.theme.assets.find((a) => a.name === route.name);
      if (!asset) throw new Error(`theme asset ${route.name} is missing`);
      return asset.bytes;
    }
  }
}
