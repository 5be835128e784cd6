import type { PlannedSite } from "../build.js";
import type { AssetRoute, Route } from "../plan/routes.js";
import type { SearchIndex } from "../search/search-index.js";
import { searchKey, searchRoutes } from "../search/search-index.js";
import { searchLanguage, searchRecords } from "../search/search-records.js";

/**
 * Whether a (patched) site's search index is still the one its published scoops give: an edit
 * that changed no scoop's title, insight, excerpt, tags or source leaves it as it is.
 */
export function searchIsCurrent(site: PlannedSite): boolean {
  if (!site.search) return true;
  const records = searchRecords(site.scoopByFile.values(), site.index);
  return searchKey(records, searchLanguage(site.config.language)) === site.search.key;
}

/** A site with a new search index in place of its old one. */
export interface SiteWithSearch {
  readonly site: PlannedSite;
  /** The new index's routes: the ones to write. */
  readonly routes: readonly AssetRoute[];
  /** Output paths of the old index that the new one does not have: the ones to delete. */
  readonly removed: readonly string[];
}

/**
 * The site with `index` as its search index (pure): the old index's routes, always the last of
 * the site's routes, and files are replaced by the new one's, so every other route keeps its
 * position (`routesByEntity` holds positions).
 */
export function withSearchIndex(site: PlannedSite, index: SearchIndex): SiteWithSearch {
  const old = site.search ? [...site.search.files.keys()] : [];
  const kept = site.routes.length - old.length;
  if (old.some((p, i) => site.routes[kept + i]?.outputPath !== p))
    throw new Error("the search index's routes are not the last of the site's routes");
  const files = new Map(site.files);
  for (const p of old) files.delete(p);
  for (const [p, bytes] of index.files) files.set(p, bytes);
  const routes = searchRoutes(index);
  const all: Route[] = [...site.routes.slice(0, kept), ...routes];
  return {
    site: { ...site, routes: all, files, search: index },
    routes,
    removed: old.filter((p) => !index.files.has(p)),
  };
}
