import type { Curator, Scoop, SiteConfig, Topic } from "../model.js";
import { foldTag, toSlug } from "../util/slug.js";
import { compareScoops } from "./compare-scoops.js";

/** A topic with its scoops. */
export interface TopicEntry {
  readonly topic: Topic;
  /** Newest first. */
  readonly scoops: readonly Scoop[];
  /** The order of the topic's pages: the pinned scoop first, then newest first. */
  readonly listing: readonly Scoop[];
  readonly curators: readonly Curator[];
}

/** A curator with their scoops across topics, newest first. */
export interface CuratorEntry {
  readonly curator: Curator;
  readonly scoops: readonly Scoop[];
}

/** A tag: its URL slug, the name shown, and its scoops newest first. */
export interface TagEntry {
  readonly slug: string;
  readonly name: string;
  readonly scoops: readonly Scoop[];
}

/** The scoops before and after one scoop in its topic. */
export interface Neighbours {
  readonly newer?: Scoop;
  readonly older?: Scoop;
}

/** The site's content grouped every way the pages need it. Built fresh each build; cheap. */
export interface SiteIndex {
  readonly config: SiteConfig;
  /** All published scoops, newest first. */
  readonly scoops: readonly Scoop[];
  readonly topics: readonly TopicEntry[];
  readonly curators: readonly CuratorEntry[];
  /** Sorted by name. */
  readonly tags: readonly TagEntry[];
  readonly topicById: ReadonlyMap<string, TopicEntry>;
  readonly curatorById: ReadonlyMap<string, Curator>;
  /** Tag slug by the tag as written in a scoop. */
  readonly tagSlug: (tag: string) => string;
  readonly tagBySlug: ReadonlyMap<string, TagEntry>;
  readonly neighbours: (scoop: Scoop) => Neighbours;
}

/**
 * Groups published scoops by topic, curator and tag (pure, O(n log n)). Tags that differ
 * only in case, accents or spacing are one tag, shown with its most used spelling.
 */
export function indexSite(
  config: SiteConfig,
  curators: readonly Curator[],
  topics: readonly Topic[],
  published: readonly Scoop[],
): SiteIndex {
  const scoops = [...published].sort(compareScoops);
  const curatorById = new Map(curators.map((c) => [c.id, c]));

  const scoopsByTopic = groupBy(scoops, (s) => [s.topicId]);
  const topicEntries: TopicEntry[] = [...topics]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((topic) => {
      const list = scoopsByTopic.get(topic.id) ?? [];
      const pinned = list.find((s) => s.pinned);
      const listing = pinned ? [pinned, ...list.filter((s) => s !== pinned)] : list;
      const ids = new Set(topic.curatorIds);
      for (const s of list) if (s.curatorId !== undefined) ids.add(s.curatorId);
      const topicCurators = [...ids]
        .map((id) => curatorById.get(id))
        .filter((c): c is Curator => c !== undefined);
      return { topic, scoops: list, listing, curators: topicCurators };
    });
  const topicById = new Map(topicEntries.map((t) => [t.topic.id, t]));

  const scoopsByCurator = groupBy(scoops, (s) => (s.curatorId === undefined ? [] : [s.curatorId]));
  const curatorEntries = [...curators]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((curator) => ({ curator, scoops: scoopsByCurator.get(curator.id) ?? [] }));

  const slugCache = new Map<string, string>();
  const tagSlug = (tag: string) => {
    let slug = slugCache.get(tag);
    if (slug === undefined) {
      slug = toSlug(tag);
      slugCache.set(tag, slug);
    }
    return slug;
  };
  const spellings = new Map<string, Map<string, number>>();
  for (const s of scoops) {
    for (const tag of new Set(s.tags)) {
      const counts = spellings.get(tagSlug(tag)) ?? new Map<string, number>();
      counts.set(tag, (counts.get(tag) ?? 0) + 1);
      spellings.set(tagSlug(tag), counts);
    }
  }
  const scoopsByTag = groupBy(scoops, (s) => [...new Set(s.tags.map(tagSlug))]);
  const tagEntries: TagEntry[] = [...spellings]
    .map(([slug, counts]) => ({
      slug,
      name: preferredSpelling(counts),
      scoops: scoopsByTag.get(slug) ?? [],
    }))
    .sort((a, b) => compareText(foldTag(a.name), foldTag(b.name)) || compareText(a.slug, b.slug));
  const tagBySlug = new Map(tagEntries.map((t) => [t.slug, t]));

  const position = new Map<string, number>();
  for (const entry of topicEntries) entry.scoops.forEach((s, i) => position.set(s.id, i));
  const neighbours = (scoop: Scoop): Neighbours => {
    const list = topicById.get(scoop.topicId)?.scoops ?? [];
    const i = position.get(scoop.id) ?? -1;
    const newer = i > 0 ? list[i - 1] : undefined;
    const older = i >= 0 ? list[i + 1] : undefined;
    return { ...(newer ? { newer } : {}), ...(older ? { older } : {}) };
  };

  return {
    config,
    scoops,
    topics: topicEntries,
    curators: curatorEntries,
    tags: tagEntries,
    topicById,
    curatorById,
    tagSlug,
    tagBySlug,
    neighbours,
  };
}

function groupBy(
  scoops: readonly Scoop[],
  keys: (s: Scoop) => readonly string[],
): Map<string, Scoop[]> {
  const out = new Map<string, Scoop[]>();
  for (const s of scoops) {
    for (const k of keys(s)) {
      const list = out.get(k);
      if (list) list.push(s);
      else out.set(k, [s]);
    }
  }
  return out;
}

function preferredSpelling(counts: Map<string, number>): string {
  return [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0]![0];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
