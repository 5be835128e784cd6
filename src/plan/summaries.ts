import type { CuratorEntry, SiteIndex, TagEntry, TopicEntry } from "../index/site-index.js";
import type { Topic } from "../model.js";
import type { CuratorSummary, TagSummary, TopicSummary } from "./routes.js";

/** The topics, curators and tags as list pages show them, in the index's order. */
export interface Summaries {
  readonly topics: readonly TopicSummary[];
  readonly curators: readonly CuratorSummary[];
  readonly tags: readonly TagSummary[];
}

const made = new WeakMap<SiteIndex, Summaries>();

/**
 * The summaries of a site's topics, curators and tags, made once per index: the home page, the
 * topic and curator lists, a topic's and a curator's pages, the tag list and a tag's pages
 * share one object for each.
 */
export function summariesOf(index: SiteIndex): Summaries {
  let summaries = made.get(index);
  if (summaries === undefined) {
    const topicsOf = new Map<string, Topic[]>();
    for (const { topic, curators } of index.topics) {
      for (const c of curators) {
        const list = topicsOf.get(c.id);
        if (list) list.push(topic);
        else topicsOf.set(c.id, [topic]);
      }
    }
    summaries = {
      topics: index.topics.map(topicSummary),
      curators: index.curators.map((entry) =>
        curatorSummary(entry, topicsOf.get(entry.curator.id)),
      ),
      tags: index.tags.map(tagSummary),
    };
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

function curatorSummary(entry: CuratorEntry, topics: readonly Topic[] = []): CuratorSummary {
  return { curator: entry.curator, count: entry.scoops.length, topics };
}

function tagSummary(entry: TagEntry): TagSummary {
  return { slug: entry.slug, name: entry.name, count: entry.scoops.length };
}
