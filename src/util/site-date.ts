import { DateTime, IANAZone } from "luxon";

/**
 * A date as Curio keeps it: the instant, the ISO text with its offset in the site's time zone,
 * and whether the curator gave only a day (then no time of day is shown).
 */
export interface SiteDate {
  /** Milliseconds since the epoch: for sorting and comparing. */
  readonly epochMs: number;
  /** ISO 8601 with offset in the site's zone, e.g. `2019-04-19T00:00:00+05:30`. */
  readonly iso: string;
  readonly dateOnly: boolean;
}

/**
 * The result of reading a date: the date, or why it is not one (a clause that follows the
 * value) and, when the usual advice does not fit, how to fix it.
 */
export type DateParse = { ok: true; date: SiteDate } | { ok: false; reason: string; hint?: string };

/** Real UTC offsets run from -12:00 (Baker Island) to +14:00 (Kiribati's Line Islands). */
const MIN_OFFSET_MINUTES = -12 * 60;
const MAX_OFFSET_MINUTES = 14 * 60;

/** What to write instead of an offset that cannot be. */
const OFFSET_HINT =
  "write an offset from -12:00 to +14:00, such as +05:30 or -08:00, or leave it out to use the site's time zone";

/**
 * Why an offset (`+05:30`, `-0800`, `Z`) is not a real one, or undefined when it is: minutes
 * run from 00 to 59, and the offset from -12:00 to +14:00. ISO 8601's syntax allows any two
 * digits for the hours, so luxon reads `+99:00` as four days off.
 */
function offsetProblem(offset: string): string | undefined {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!m) return undefined; // `Z`
  const [, sign, hh, mm] = m;
  if (Number(mm) > 59)
    return `but the offset ${offset} has ${mm} minutes; an offset's minutes run from 00 to 59`;
  const minutes = (sign === "-" ? -1 : 1) * (Number(hh) * 60 + Number(mm));
  if (minutes < MIN_OFFSET_MINUTES || minutes > MAX_OFFSET_MINUTES)
    return `but the offset ${offset} is out of range: UTC offsets run from -12:00 to +14:00`;
  return undefined;
}

/** The shapes `parseSiteDate` reads: `2019-04-19`, `2019-04-19T10:30`, `…:05.123+02:00`, `…Z`. */
export const ISO_SHAPE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads an ISO 8601 date (`2019-04-19`) or date-time (`2019-04-19T10:30`, `…+02:00`, `…Z`).
 * Without an offset, the date is in the site's time zone; it is never shifted to UTC midnight.
 */
export function parseSiteDate(text: string, zone: string): DateParse {
  const trimmed = text.trim();
  const m = ISO_SHAPE.exec(trimmed);
  if (!m) {
    return {
      ok: false,
      reason: "which is not an ISO 8601 date such as 2019-04-19 or 2019-04-19T10:30",
    };
  }
  const dateOnly = m[4] === undefined;
  const hasOffset = m[7] !== undefined;
  const badOffset = hasOffset ? offsetProblem(m[7]!) : undefined;
  if (badOffset !== undefined) return { ok: false, reason: badOffset, hint: OFFSET_HINT };
  const parsed = DateTime.fromISO(trimmed.replace(" ", "T"), { zone, setZone: false });
  if (!parsed.isValid) {
    const [, y, mo, d] = m;
    const probe = DateTime.fromObject({ year: Number(y), month: Number(mo) }, { zone: "UTC" });
    if (Number(mo) < 1 || Number(mo) > 12)
      return { ok: false, reason: `but month ${mo} does not exist` };
    if (Number(d) < 1 || Number(d) > (probe.daysInMonth ?? 31)) {
      return {
        ok: false,
        reason: `but ${probe.toFormat("MMMM yyyy", { locale: "en" })} has no day ${Number(d)}`,
      };
    }
    return { ok: false, reason: "but that time of day does not exist" };
  }
  const inZone = hasOffset ? parsed.setZone(zone) : parsed;
  return {
    ok: true,
    date: {
      epochMs: inZone.toMillis(),
      iso: inZone.toISO({ suppressMilliseconds: true }) ?? trimmed,
      dateOnly,
    },
  };
}

/** True when `zone` is an IANA time zone name luxon (and so ICU) knows, such as `Asia/Kolkata`. */
export function isKnownZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** `April 19, 2019` (or with the time of day: `April 20, 2019, 5:34 AM`) in the site's language. */
export function formatSiteDate(
  date: SiteDate,
  zone: string,
  locale: string,
  withTime = !date.dateOnly,
): string {
  const key = `${zone}|${locale}|${withTime}`;
  let format = formatters.get(key);
  if (!format) {
    // What luxon's toLocaleString(DATE_FULL) does, with the Intl formatter made once, not per date.
    format = new Intl.DateTimeFormat(locale, {
      timeZone: zone,
      year: "numeric",
      month: "long",
      day: "numeric",
      ...(withTime ? { hour: "numeric", minute: "2-digit" } : {}),
    });
    formatters.set(key, format);
  }
  return format.format(date.epochMs);
}

/** Intl formatters by zone, locale and style: creating one costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** RFC 822 date for RSS, e.g. `Fri, 19 Apr 2019 00:00:00 +0530`. */
export function rfc822(date: SiteDate, zone: string): string {
  return memo(
    `r|${zone}|${date.epochMs}`,
    () => DateTime.fromMillis(date.epochMs, { zone }).toRFC2822() ?? "",
  );
}

/** The day part, `2019-04-19`, in the site's zone. */
export function isoDay(date: SiteDate, zone: string): string {
  return memo(
    `d|${zone}|${date.epochMs}`,
    () => DateTime.fromMillis(date.epochMs, { zone }).toISODate() ?? "",
  );
}

/** Results of the pure formatting functions above, bounded (cleared when it grows large). */
const memoized = new Map<string, string>();

function memo(key: string, compute: () => string): string {
  let value = memoized.get(key);
  if (value === undefined) {
    if (memoized.size > 100_000) memoized.clear();
    value = compute();
    memoized.set(key, value);
  }
  return value;
}
