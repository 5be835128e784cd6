import type { SiteIndex, TagEntry, TopicEntry } from "../index/site-index.js";
import type { TagSummary, TopicSummary } from "./routes.js";

/** The topics and tags as list pages show them, in the index's order. */
export interface Summaries {
  readonly topics: readonly TopicSummary[];
  readonly tags: readonly TagSummary[];
}

const made = new WeakMap<SiteIndex, Summaries>();

/**
 * The summaries of a site's topics and tags, made once per index: the home page, a topic's
 * pages, the tag list and a tag's pages share one object for each.
 */
export function summariesOf(index: SiteIndex): Summaries {
  let summaries = made.get(index);
  if (summaries === undefined) {
    summaries = { topics: index.topics.map(topicSummary), tags: index.tags.map(tagSummary) };
    made.set(index, summaries);
  }
  return summaries;
}

function topicSummary(entry: TopicEntry): TopicSummary {
  return {
    topic: entry.topic,
    curators: entry.curators,
    count: entry.scoops.length,
    ...(entry.scoops[0] ? { latest: entry.scoops[0] } : {}),
  };
}

function tagSummary(entry: TagEntry): TagSummary {
  return { slug: entry.slug, name: entry.name, count: entry.scoops.length };
}
