import type { SiteIndex } from "../index/site-index.js";
import type { Scoop } from "../model.js";
import { hrefFor, urls } from "../plan/urls.js";
import { oneLine } from "../util/one-line.js";
import { shorten } from "../util/shorten.js";

/** What the search index holds of one scoop: Pagefind's custom record, as plain data. */
export interface SearchRecord {
  /** The scoop page's address under the site's base path (`/digest/topics/t/s/`). */
  readonly url: string;
  /** The words to find it by: insight, excerpt, title, tags and the source's name and domain. */
  readonly content: string;
  /** What a result shows: the title, the source's domain and the insight (shortened). */
  readonly meta: Readonly<Record<string, string>>;
  /** What results can be narrowed by: the topic's title, the curator's name, the tags' names. */
  readonly filters: Readonly<Record<string, readonly string[]>>;
}

/** How many characters of the insight a search result shows. */
export const RESULT_INSIGHT_LENGTH = 240;

/**
 * The search records of the published scoops, ordered by address so the same site gives the
 * same index whatever order the scoops come in. The insight and the excerpt are their first 500
 * characters (`Scoop.insightText`, `Scoop.excerptText`): what cards show, and enough to find a
 * scoop by what it is about without keeping every excerpt in memory.
 */
export function searchRecords(scoops: Iterable<Scoop>, index: SiteIndex): SearchRecord[] {
  const { basePath } = index.config;
  const records: SearchRecord[] = [];
  for (const scoop of scoops) {
    const topic = index.topicById.get(scoop.topicId)?.topic;
    const curator =
      scoop.curatorId === undefined ? undefined : index.curatorById.get(scoop.curatorId);
    const tags = [
      ...new Set(scoop.tags.map((t) => index.tagBySlug.get(index.tagSlug(t))?.name ?? t)),
    ];
    const insight = oneLine(scoop.insightText ?? "").trim();
    records.push({
      url: hrefFor(urls.scoop(scoop), basePath),
      // The title last: a result's excerpt is the passage with most matches, and the title is
      // shown above it anyway.
      content: [
        insight,
        oneLine(scoop.excerptText).trim(),
        scoop.title,
        tags.join(", "),
        [scoop.sourceName, scoop.sourceDomain].filter(Boolean).join(" "),
      ]
        .filter((part) => part !== "")
        .join("\n"),
      meta: {
        title: scoop.title,
        ...(scoop.sourceDomain ? { domain: scoop.sourceDomain } : {}),
        ...(insight ? { insight: shorten(insight, RESULT_INSIGHT_LENGTH) } : {}),
      },
      filters: {
        ...(topic ? { topic: [topic.title] } : {}),
        ...(curator ? { curator: [curator.name] } : {}),
        ...(tags.length > 0 ? { tag: tags } : {}),
      },
    });
  }
  return records.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/** The language Pagefind indexes in: the site language's primary subtag (`en` for `en-GB`). */
export function searchLanguage(language: string): string {
  return language.split("-")[0]!.toLowerCase();
}
