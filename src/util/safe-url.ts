/** URL schemes a link or image may use; anything else (javascript:, data:, vbscript:, …) is refused. */
const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);

/**
 * True when a URL is safe to publish: http(s), mailto, or relative (no scheme).
 * Browsers ignore ASCII tabs, newlines and leading control characters or spaces in URLs,
 * and schemes are case-insensitive, so `JaVa\tScRiPt:` is treated as `javascript:`.
 */
export function isSafeUrl(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme === undefined || ALLOWED_SCHEMES.has(scheme);
}

/** The lower-cased scheme of a URL as a browser would read it, or undefined for a relative URL. */
export function urlScheme(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/^[\u0000-\u0020]+/, "").replace(/[\t\n\r]/g, "");
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match ? match[1]!.toLowerCase() : undefined;
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme === "http" || scheme === "https";
}

/** The host of an absolute URL without a leading `www.`, for "source domain" labels. */
export function displayDomain(url: string): string | undefined {
  try {
    const host = new URL(url).hostname;
    return host.replace(/^www\./, "") || undefined;
  } catch {
    return undefined;
  }
}

/**
 * An absolute URL written as RFC 3986 allows it, for feeds, whose readers are stricter than
 * browsers: serialized by the WHATWG URL parser (host in punycode, spaces, quotes and angle
 * brackets percent-encoded), then any other character RFC 3986 forbids, and a `%` that starts
 * no escape, percent-encoded too. `https://x.example/a?q="<b>"|c` →
 * `https://x.example/a?q=%22%3Cb%3E%22%7Cc`.
 */
export function toUri(url: string): string {
  return new URL(url).href.replace(
    /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu,
    (c) => encodeURIComponent(c),
  );
}
