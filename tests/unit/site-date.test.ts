import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSiteDate, parseSiteDate, rfc822 } from "../../src/util/site-date.js";

describe("parseSiteDate", () => {
  it("reads a bare date as midnight in the site's zone, never shifted a day", () => {
    const r = parseSiteDate("2019-04-19", "America/Los_Angeles");
    expect(r).toEqual({
      ok: true,
      date: {
        epochMs: Date.parse("2019-04-19T07:00:00Z"),
        iso: "2019-04-19T00:00:00-07:00",
        dateOnly: true,
      },
    });
    if (r.ok) expect(formatSiteDate(r.date, "America/Los_Angeles", "en")).toBe("April 19, 2019");
  });

  it("reads local date-times in the site's zone and keeps explicit offsets' instant", () => {
    const local = parseSiteDate("2019-04-20T05:34", "Asia/Kolkata");
    expect(local.ok && local.date.iso).toBe("2019-04-20T05:34:00+05:30");
    const utc = parseSiteDate("2019-04-20T00:00:00Z", "Asia/Kolkata");
    expect(utc.ok && utc.date.iso).toBe("2019-04-20T05:30:00+05:30");
    expect(utc.ok && rfc822(utc.date, "Asia/Kolkata")).toBe("Sat, 20 Apr 2019 05:30:00 +0530");
  });

  it("rejects what is not a real ISO date, saying why", () => {
    expect(parseSiteDate("April 20", "UTC")).toEqual({
      ok: false,
      reason: "which is not an ISO 8601 date such as 2019-04-19 or 2019-04-19T10:30",
    });
    expect(parseSiteDate("2019-02-30", "UTC")).toEqual({
      ok: false,
      reason: "but February 2019 has no day 30",
    });
    expect(parseSiteDate("2019-13-01", "UTC")).toEqual({
      ok: false,
      reason: "but month 13 does not exist",
    });
  });

  it("rejects an offset no place has, saying why and what to write", () => {
    const hint =
      "write an offset from -12:00 to +14:00, such as +05:30 or -08:00, or leave it out to use the site's time zone";
    expect(parseSiteDate("2019-04-19T10:30+99:00", "UTC")).toEqual({
      ok: false,
      reason: "but the offset +99:00 is out of range: UTC offsets run from -12:00 to +14:00",
      hint,
    });
    expect(parseSiteDate("2019-04-19T10:30-1230", "UTC")).toEqual({
      ok: false,
      reason: "but the offset -1230 is out of range: UTC offsets run from -12:00 to +14:00",
      hint,
    });
    expect(parseSiteDate("2019-04-19T10:30+05:75", "UTC")).toEqual({
      ok: false,
      reason: "but the offset +05:75 has 75 minutes; an offset's minutes run from 00 to 59",
      hint,
    });
    for (const ok of ["+14:00", "-12:00", "+05:45", "-00:00", "+0530", "Z"]) {
      expect(parseSiteDate(`2019-04-19T10:30${ok}`, "UTC").ok, ok).toBe(true);
    }
  });

  it("accepts exactly the offsets from -12:00 to +14:00, keeping their instant (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("+", "-"),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.boolean(),
        (sign, hours, minutes, colon) => {
          const two = (n: number) => String(n).padStart(2, "0");
          const offset = `${sign}${two(hours)}${colon ? ":" : ""}${two(minutes)}`;
          const r = parseSiteDate(`2019-04-19T10:30${offset}`, "Asia/Kolkata");
          const total = (sign === "-" ? -1 : 1) * (hours * 60 + minutes);
          const real = minutes <= 59 && total >= -12 * 60 && total <= 14 * 60;
          expect(r.ok, offset).toBe(real);
          if (r.ok) {
            expect(r.date.epochMs).toBe(Date.UTC(2019, 3, 19, 10, 30) - total * 60_000);
          }
        },
      ),
    );
  });

  it("keeps the calendar day of any valid date in any zone (property)", () => {
    const zones = [
      "UTC",
      "Asia/Kolkata",
      "America/Los_Angeles",
      "Pacific/Kiritimati",
      "Pacific/Pago_Pago",
    ];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01"), max: new Date("2200-12-31"), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (d, zone) => {
          const day = d.toISOString().slice(0, 10);
          const r = parseSiteDate(day, zone);
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.date.iso.slice(0, 10)).toBe(day);
        },
      ),
    );
  });
});
