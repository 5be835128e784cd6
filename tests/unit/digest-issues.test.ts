import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DateTime } from "luxon";
import type { DigestCadence } from "../../src/model.js";
import { indexDigestIssues, periodOfDay } from "../../src/index/digest-issues.js";
import { indexSite } from "../../src/index/site-index.js";
import { config, curator, scoop, topic } from "../helpers/factories.js";

const site = (scoops: ReturnType<typeof scoop>[], overrides = {}, topics = [topic("t")]) =>
  indexSite(config(overrides), [curator("ann")], topics, scoops);

const issuesOf = (index: ReturnType<typeof site>, now: number, includeCurrent = false) =>
  (indexDigestIssues(index, { now, includeCurrent }).byTopic.get("t") ?? []).map((i) => [
    i.period,
    i.first,
    i.last,
    i.scoops.map((s) => s.slug),
  ]);

/** The week or month a moment is in: its day in the zone, as a scoop's date gives it. */
const periodOf = (epochMs: number, cadence: DigestCadence, zone: string) =>
  periodOfDay(DateTime.fromMillis(epochMs, { zone }).toISODate()!, cadence, zone);

describe("periodOfDay, from a moment's day in the zone", () => {
  it("names ISO weeks by their week-numbering year, Monday to Sunday", () => {
    // Thursday 31 December 2020 and Sunday 3 January 2021 are in week 53 of 2020.
    for (const day of ["2020-12-31T12:00:00Z", "2021-01-03T12:00:00Z"])
      expect(periodOf(Date.parse(day), "weekly", "UTC")).toEqual({
        period: "2020-w53",
        first: "2020-12-28",
        last: "2021-01-03",
        endMs: Date.parse("2021-01-04T00:00:00Z"),
      });
    expect(periodOf(Date.parse("2019-12-30T08:00:00Z"), "weekly", "UTC").period).toBe("2020-w01");
  });

  it("takes the day in the site's time zone", () => {
    // Sunday 21 April 2019, 20:00 UTC is already Monday in Kolkata (UTC+5:30).
    const at = Date.parse("2019-04-21T20:00:00Z");
    expect(periodOf(at, "weekly", "UTC").period).toBe("2019-w16");
    expect(periodOf(at, "weekly", "Asia/Kolkata")).toEqual({
      period: "2019-w17",
      first: "2019-04-22",
      last: "2019-04-28",
      endMs: Date.parse("2019-04-28T18:30:00Z"),
    });
    expect(periodOf(Date.parse("2019-04-30T20:00:00Z"), "monthly", "Asia/Kolkata").period).toBe(
      "2019-05",
    );
  });
});

describe("periodOfDay", () => {
  it("agrees with luxon's ISO weeks and months for any day from 1970 to 2199", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 83_000 }),
        fc.constantFrom("UTC", "Asia/Kolkata", "America/Los_Angeles", "Pacific/Chatham"),
        (days, zone) => {
          const day = DateTime.fromMillis(days * 86_400_000, { zone: "UTC" }).toISODate()!;
          const at = DateTime.fromISO(day, { zone });
          const week = periodOfDay(day, "weekly", zone);
          expect(week.period).toBe(`${at.weekYear}-w${String(at.weekNumber).padStart(2, "0")}`);
          expect(week.first).toBe(at.startOf("week").toISODate());
          expect(week.endMs).toBe(at.startOf("week").plus({ weeks: 1 }).toMillis());
          const month = periodOfDay(day, "monthly", zone);
          expect(month.period).toBe(at.toFormat("yyyy-MM"));
          expect(month.last).toBe(at.endOf("month").toISODate());
          expect(month.endMs).toBe(at.startOf("month").plus({ months: 1 }).toMillis());
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("indexDigestIssues", () => {
  const scoops = [
    scoop("t/mon", "2019-04-15T09:00"),
    scoop("t/fri", "2019-04-19T09:00"),
    scoop("t/pinned", "2019-04-16T09:00", { pinned: true }),
    scoop("t/next", "2019-04-23T09:00"),
    scoop("t/may", "2019-05-02T09:00"),
  ];

  it("publishes complete weeks only, newest first, the pinned scoop first in its issue", () => {
    const now = Date.parse("2019-05-03T00:00:00Z");
    expect(issuesOf(site(scoops), now)).toEqual([
      ["2019-w17", "2019-04-22", "2019-04-28", ["next"]],
      ["2019-w16", "2019-04-15", "2019-04-21", ["pinned", "fri", "mon"]],
    ]);
    const { nextIssueAt } = indexDigestIssues(site(scoops), { now });
    expect(nextIssueAt).toBe(Date.parse("2019-05-06T00:00:00Z"));
  });

  it("publishes the week under way with includeCurrent, and has nothing waiting then", () => {
    const now = Date.parse("2019-05-03T00:00:00Z");
    expect(issuesOf(site(scoops), now, true).map((i) => i[0])).toEqual([
      "2019-w18",
      "2019-w17",
      "2019-w16",
    ]);
    expect(indexDigestIssues(site(scoops), { now, includeCurrent: true }).nextIssueAt).toBe(
      undefined,
    );
  });

  it("makes monthly issues when the config or the topic says so, and none when it is off", () => {
    const now = Date.parse("2019-06-01T00:00:00Z");
    expect(issuesOf(site(scoops, { digest: "monthly" }), now).map((i) => i.slice(0, 3))).toEqual([
      ["2019-05", "2019-05-01", "2019-05-31"],
      ["2019-04", "2019-04-01", "2019-04-30"],
    ]);
    const monthlyTopic = [topic("t", ["ann"], { digest: "monthly" })];
    expect(issuesOf(site(scoops, {}, monthlyTopic), now).map((i) => i[0])).toEqual([
      "2019-05",
      "2019-04",
    ]);
    expect(issuesOf(site(scoops, { digest: "off" }), now)).toEqual([]);
    expect(
      issuesOf(site(scoops, { digest: "monthly" }, [topic("t", ["ann"], { digest: "off" })]), now),
    ).toEqual([]);
  });

  it("puts every scoop in exactly one issue once every period is over", () => {
    const index = site(scoops);
    const all = indexDigestIssues(index, { now: Date.parse("2030-01-01T00:00:00Z") });
    const placed = [...all.byTopic.values()].flat().flatMap((i) => i.scoops.map((s) => s.id));
    expect(placed.sort()).toEqual(scoops.map((s) => s.id).sort());
    expect(all.nextIssueAt).toBeUndefined();
  });
});
