import type { PlannedSite } from "../build.js";
import type { AssetRoute, Route } from "../plan/routes.js";
import type { SearchIndex } from "../search/search-index.js";
import { searchRoutes } from "../search/search-index.js";
import { searchRecords } from "../search/search-records.js";

/**
 * Whether a patch changed what the search index holds of the edited files' scoops (their title,
 * insight, excerpt, tags or source). Only those records are compared: a patch is on `curio
 * serve`'s fast path, and the whole site's records take 0.2 s to make at 10,000 scoops.
 */
export function searchRecordsChanged(
  before: PlannedSite,
  after: PlannedSite,
  files: Iterable<string>,
): boolean {
  const of = (site: PlannedSite, file: string) => {
    const scoop = site.scoopByFile.get(file);
    return scoop ? JSON.stringify(searchRecords([scoop], site.index)) : "";
  };
  for (const file of files) if (of(before, file) !== of(after, file)) return true;
  return false;
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
