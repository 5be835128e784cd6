import { DateTime } from "luxon";

/**
 * A date as a feed or export wrote it (RFC 822 in RSS, ISO 8601 in Atom and JSON Feed, Unix
 * seconds in bookmarks), written for a scoop's `date:` in the offset the source gave:
 * `2019-04-19T09:30+05:30` (seconds only when there are some). Undefined when it is not a date.
 */
export function sourceDate(value: string | number | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  let parsed: DateTime;
  if (typeof value === "number" || /^\d{9,11}$/.test(value.trim())) {
    parsed = DateTime.fromSeconds(Number(value), { zone: "utc" });
  } else {
    const text = value.trim();
    parsed = DateTime.fromISO(text, { setZone: true });
    if (!parsed.isValid) parsed = DateTime.fromRFC2822(text, { setZone: true });
    if (!parsed.isValid) parsed = DateTime.fromHTTP(text, { setZone: true });
    if (!parsed.isValid) return undefined;
  }
  if (!parsed.isValid) return undefined;
  const format = parsed.second === 0 ? "yyyy-MM-dd'T'HH:mmZZ" : "yyyy-MM-dd'T'HH:mm:ssZZ";
  return parsed.toFormat(format);
}
