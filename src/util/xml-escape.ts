/**
 * Characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates).
 * Removing them keeps feeds and sitemaps well-formed whatever a scoop contains.
 */
const INVALID_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A cheap first look: text without these characters needs no cleaning (the usual case). */
const MAYBE_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/;

/** Removes characters that cannot appear in an XML document. */
export function stripInvalidXml(text: string): string {
  return MAYBE_INVALID.test(text) ? text.replace(INVALID_XML, "") : text;
}

/** Escapes text for XML element content or attribute values, dropping invalid characters. */
export function escapeXml(text: string): string {
  const clean = stripInvalidXml(text);
  if (!NEEDS_ESCAPE.test(clean)) return clean;
  // Native replaces with fixed strings: much faster than one pass with a callback per match.
  return clean
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const NEEDS_ESCAPE = /[&<>"']/;

const INVALID_HTML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Removes characters HTML forbids in a document (control characters, lone surrogates,
 * noncharacters), which content pasted from the web sometimes carries.
 */
export function stripInvalidHtml(html: string): string {
  return MAYBE_INVALID.test(html) ? html.replace(INVALID_HTML, "") : html;
}
