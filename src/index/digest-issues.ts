import { DateTime } from "luxon";
import type { DigestCadence, DigestIssue, Scoop } from "../model.js";
import type { SiteIndex } from "./site-index.js";

/** The issues of every topic's digest, and when the next one comes out. */
export interface DigestIssues {
  /** By topic id, newest first; a topic whose digest is off, or has no issue yet, has none. */
  readonly byTopic: ReadonlyMap<string, readonly DigestIssue[]>;
  /**
   * When a period that has scoops but is not yet complete ends (ms since the epoch): the site
   * changes then, though no file does. Undefined when no such period is waiting.
   */
  readonly nextIssueAt?: number;
}

/** Which periods a build publishes: complete ones, as of `now`, or the current one too. */
export interface IssueOptions {
  readonly now: number;
  /** Also publish the period that is still under way (`--include-current`). */
  readonly includeCurrent?: boolean;
}

/**
 * Groups each topic's scoops into digest issues (pure): one per ISO week (`weekly`, Monday to
 * Sunday) or calendar month (`monthly`) in the site's time zone, by the topic's own `digest`
 * or the site's. A period is published once it is over (its last moment is before `now`),
 * unless `includeCurrent`; a period without scoops has no issue. Issues are newest first; in
 * each, the topic's pinned scoop comes first, then the rest newest first.
 */
export function indexDigestIssues(index: SiteIndex, options: IssueOptions): DigestIssues {
  const zone = index.config.timezone;
  const byTopic = new Map<string, DigestIssue[]>();
  let nextIssueAt: number | undefined;
  for (const { topic, scoops } of index.topics) {
    const cadence = topic.digest ?? index.config.digest;
    if (cadence === "off") continue;
    const groups = new Map<string, { span: PeriodSpan; scoops: Scoop[] }>();
    for (const scoop of scoops) {
      const span = periodOf(scoop.date.epochMs, cadence, zone);
      const group = groups.get(span.period);
      if (group) group.scoops.push(scoop);
      else groups.set(span.period, { span, scoops: [scoop] });
    }
    const issues: DigestIssue[] = [];
    for (const { span, scoops: inPeriod } of groups.values()) {
      if (span.endMs > options.now && !options.includeCurrent) {
        nextIssueAt = Math.min(nextIssueAt ?? Infinity, span.endMs);
        continue;
      }
      issues.push({
        topicId: topic.id,
        cadence,
        period: span.period,
        first: span.first,
        last: span.last,
        scoops: [...inPeriod.filter((s) => s.pinned), ...inPeriod.filter((s) => !s.pinned)],
      });
    }
    // Scoops are newest first, so their periods are too.
    if (issues.length > 0) byTopic.set(topic.id, issues);
  }
  return { byTopic, ...(nextIssueAt === undefined ? {} : { nextIssueAt }) };
}

/** A period: its name, its first and last day, and the moment it ends (exclusive). */
export interface PeriodSpan {
  readonly period: string;
  readonly first: string;
  readonly last: string;
  readonly endMs: number;
}

/** The week or month a moment falls in, in the given time zone. */
export function periodOf(epochMs: number, cadence: DigestCadence, zone: string): PeriodSpan {
  const at = DateTime.fromMillis(epochMs, { zone });
  const unit = cadence === "weekly" ? "week" : "month";
  const start = at.startOf(unit);
  const end = start.plus(cadence === "weekly" ? { weeks: 1 } : { months: 1 });
  const period =
    cadence === "weekly"
      ? `${start.weekYear}-w${String(start.weekNumber).padStart(2, "0")}`
      : `${start.year}-${String(start.month).padStart(2, "0")}`;
  return {
    period,
    first: start.toISODate()!,
    last: end.minus({ days: 1 }).toISODate()!,
    endMs: end.toMillis(),
  };
}
