import type { Scoop } from "../model.js";

/** The newest of some scoops (the first of the newest, if several share a date). */
export function newestOf(scoops: readonly Scoop[]): Scoop | undefined {
  return scoops.reduce<Scoop | undefined>(
    (newest, s) => (newest === undefined || s.date.epochMs > newest.date.epochMs ? s : newest),
    undefined,
  );
}

/** Newest first; ties broken by topic, then slug, so every list has one fixed order. */
export function compareScoops(a: Scoop, b: Scoop): number {
  return (
    b.date.epochMs - a.date.epochMs ||
    (a.topicId < b.topicId ? -1 : a.topicId > b.topicId ? 1 : 0) ||
    (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)
  );
}
