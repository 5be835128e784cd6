import { DateTime } from "luxon";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { warning } from "../diagnostics/diagnostic.js";
import type { DigestCadence, DigestIssue, DigestNote, Scoop } from "../model.js";
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
  /** Editor's notes that belong to no issue. */
  readonly diagnostics: readonly Diagnostic[];
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
export function indexDigestIssues(
  index: SiteIndex,
  options: IssueOptions,
  notes: readonly DigestNote[] = [],
): DigestIssues {
  const noteOf = new Map(notes.map((n) => [`${n.topicId}/${n.period}`, n]));
  const used = new Set<DigestNote>();
  const zone = index.config.timezone;
  // Scoops' dates are already days in the site's zone: a period is found from the day, and the
  // zone is consulted once per period (luxon, per scoop, took 127 ms for 1,000 scoops).
  const spans = new Map<string, PeriodSpan>();
  const byTopic = new Map<string, DigestIssue[]>();
  let nextIssueAt: number | undefined;
  for (const { topic, scoops } of index.topics) {
    const cadence = topic.digest ?? index.config.digest;
    if (cadence === "off") continue;
    const groups = new Map<string, { span: PeriodSpan; scoops: Scoop[] }>();
    for (const scoop of scoops) {
      const day = scoop.date.iso.slice(0, 10);
      const key = `${cadence}\u0000${day}`;
      let span = spans.get(key);
      if (span === undefined) spans.set(key, (span = periodOfDay(day, cadence, zone)));
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
      const note = noteOf.get(`${topic.id}/${span.period}`);
      if (note) used.add(note);
      issues.push({
        topicId: topic.id,
        cadence,
        period: span.period,
        first: span.first,
        last: span.last,
        scoops: [...inPeriod.filter((s) => s.pinned), ...inPeriod.filter((s) => !s.pinned)],
        ...(note ? { note } : {}),
      });
    }
    // Scoops are newest first, so their periods are too.
    if (issues.length > 0) byTopic.set(topic.id, issues);
  }
  // A note waits for the issue of the week or month under way; any other belongs to none.
  const current = (n: DigestNote) => {
    const cadence = index.topicById.get(n.topicId)?.topic.digest ?? index.config.digest;
    if (cadence === "off") return false;
    const today = DateTime.fromMillis(options.now, { zone }).toISODate()!;
    const span = periodOfDay(today, cadence, zone);
    return span.period === n.period;
  };
  const diagnostics = notes
    .filter((n) => !used.has(n) && !current(n))
    .map((n) =>
      warning(
        "digest-note-without-issue",
        `topic \`${n.topicId}\` has no digest issue ${n.period}, so this note is not published`,
        { file: n.file, position: { line: 1, column: 1 } },
        "name it after one of the issues the topic's digest page lists, or delete it",
      ),
    );
  return { byTopic, diagnostics, ...(nextIssueAt === undefined ? {} : { nextIssueAt }) };
}

/** A period: its name, its first and last day, and the moment it ends (exclusive). */
export interface PeriodSpan {
  readonly period: string;
  readonly first: string;
  readonly last: string;
  readonly endMs: number;
}

const DAY_MS = 86_400_000;

/**
 * The week (ISO 8601: Monday to Sunday, numbered in the year its Thursday is in) or month a day
 * (`2019-04-19`) is in; the period ends at the first moment of the next one in `zone`.
 */
export function periodOfDay(day: string, cadence: DigestCadence, zone: string): PeriodSpan {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = Date.UTC(y, m - 1, d);
  let first: number;
  let next: number;
  let period: string;
  if (cadence === "weekly") {
    first = date - ((new Date(date).getUTCDay() + 6) % 7) * DAY_MS;
    next = first + 7 * DAY_MS;
    const weekYear = new Date(first + 3 * DAY_MS).getUTCFullYear();
    const jan4 = Date.UTC(weekYear, 0, 4);
    const week1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
    const week = 1 + Math.round((first - week1) / (7 * DAY_MS));
    period = `${weekYear}-w${String(week).padStart(2, "0")}`;
  } else {
    first = Date.UTC(y, m - 1, 1);
    next = Date.UTC(y, m, 1);
    period = `${y}-${String(m).padStart(2, "0")}`;
  }
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return {
    period,
    first: iso(first),
    last: iso(next - DAY_MS),
    endMs: DateTime.fromISO(iso(next), { zone }).toMillis(),
  };
}
