import type { Scoop } from "../model.js";

/**
 * The scoop fields that decide which lists show a scoop, in which order and on which page, and
 * where its own page is: its identity and URL (`id`, `slug`, `topicId`), its file (the source
 * of its routes), its date (the order of every list, the sitemap and feed dates), its curator
 * and tags (their lists; a tag's shown spelling) and whether it is pinned (first on its topic)
 * or a draft (listed at all). Two versions of a scoop with equal values here plan the same
 * routes, but for the text a route copies from it (`scoopPageText`); any other field is only
 * shown. `curio serve` patches the output for an edit that keeps all of them.
 */
export const LISTING_FIELDS = [
  "id",
  "slug",
  "topicId",
  "file",
  "date",
  "curatorId",
  "tags",
  "pinned",
  "draft",
] as const satisfies readonly (keyof Scoop)[];

/** One of the `LISTING_FIELDS`. */
export type ListingField = (typeof LISTING_FIELDS)[number];

/**
 * What decides where a scoop is listed, as one string: equal shapes, equal plan (but for the
 * text a scoop page copies from its scoop).
 */
export function listingShape(scoop: Pick<Scoop, ListingField>): string {
  return JSON.stringify(LISTING_FIELDS.map((field) => scoop[field] ?? null));
}
