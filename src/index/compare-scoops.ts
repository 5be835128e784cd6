import type { Scoop } from "../model.js";

/** Newest first; ties broken by topic, then slug, so every list has one fixed order. */
export function compareScoops(a: Scoop, b: Scoop): number {
  return (
    b.date.epochMs - a.date.epochMs ||
    (a.topicId < b.topicId ? -1 : a.topicId > b.topicId ? 1 : 0) ||
    (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)
  );
}
