import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";
import type { SiteDate } from "../util/site-date.js";
import { parseSiteDate } from "../util/site-date.js";
import { isHttpUrl, isSafeUrl, urlScheme } from "../util/safe-url.js";
import type { FieldLocator } from "./check-schema.js";
import { locate } from "./check-schema.js";

/** Reads a date field in the site's time zone; a bad date is a `bad-date` error at its value. */
export function checkDate(
  value: string,
  path: string,
  zone: string,
  where: FieldLocator,
  diagnostics: Diagnostic[],
): SiteDate | undefined {
  const result = parseSiteDate(value, zone);
  if (result.ok) return result.date;
  diagnostics.push(
    error(
      "bad-date",
      `\`${path}\` is ${JSON.stringify(value)}, ${result.reason}`,
      { file: where.file, position: locate(where, path, "value") },
      result.hint ??
        "write the date as YYYY-MM-DD (2019-04-19) or YYYY-MM-DDTHH:MM (2019-04-19T17:30), optionally with an offset (+05:30)",
    ),
  );
  return undefined;
}

/**
 * Checks a URL field. `absolute` requires an http(s) URL (a source article); otherwise a
 * relative URL is accepted too (an image in the site). Unsafe schemes are always refused.
 */
export function checkUrl(
  value: string,
  path: string,
  absolute: boolean,
  where: FieldLocator,
  diagnostics: Diagnostic[],
): string | undefined {
  const position = locate(where, path, "value");
  if (!isSafeUrl(value)) {
    diagnostics.push(
      error(
        "unsafe-url",
        `\`${path}\` uses the \`${urlScheme(value)}:\` scheme, which Curio never publishes`,
        { file: where.file, position },
        "use an http:// or https:// address (or mailto: for links)",
      ),
    );
    return undefined;
  }
  const trimmed = value.trim();
  if (absolute || urlScheme(trimmed) !== undefined) {
    let ok = isHttpUrl(trimmed);
    if (ok) {
      try {
        new URL(trimmed);
      } catch {
        ok = false;
      }
    }
    if (!ok && !(urlScheme(trimmed) === "mailto" && !absolute)) {
      diagnostics.push(
        error(
          "bad-url",
          `\`${path}\` is not a full web address: ${JSON.stringify(value)}`,
          { file: where.file, position },
          "write the whole address, starting with https://",
        ),
      );
      return undefined;
    }
  }
  return trimmed;
}

/** The words of a plain text: runs between white space that hold a letter or a digit. */
export function countWords(text: string): number {
  let n = 0;
  for (const w of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(w)) n++;
  return n;
}

/** The file line of a markdown body's first line that is not blank (its first line if none). */
export function firstTextLine(body: string, bodyLine: number): number {
  const blank = /^(?:[ \t]*\r?\n)*/.exec(body)![0];
  if (blank.length === body.length) return bodyLine;
  let lines = 0;
  for (let i = 0; i < blank.length; i++) if (blank.charCodeAt(i) === 10) lines++;
  return bodyLine + lines;
}

/** One text of comma-separated tags as a YAML flow list: `a, b` → `[a, b]`. */
export function tagList(text: string): string {
  const tags = text
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "")
    .map((t) => (/^[\p{L}\p{N}][\p{L}\p{N} ._+-]*$/u.test(t) ? t : JSON.stringify(t)));
  return `[${tags.join(", ")}]`;
}

/**
 * The `discuss` and `suggest` addresses of the config or a topic, checked as links (http(s),
 * `mailto:` or a site path); each one absent or refused is left out.
 */
export function responseLinks(
  value: { readonly discuss?: string | undefined; readonly suggest?: string | undefined },
  where: FieldLocator,
  diagnostics: Diagnostic[],
): { discuss?: string; suggest?: string } {
  const out: { discuss?: string; suggest?: string } = {};
  for (const field of ["discuss", "suggest"] as const) {
    const given = value[field];
    const checked =
      given === undefined ? undefined : checkUrl(given, field, false, where, diagnostics);
    if (checked !== undefined) out[field] = checked;
  }
  return out;
}
