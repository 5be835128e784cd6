/**
 * Two addresses for the same article: `https://www.Example.org/a/?utm_source=x#top` and
 * `http://example.org/a` are one article. The key is the host in lower case without `www.`,
 * the path without a trailing slash, and the query without `utm_*` parameters; the scheme and
 * the fragment are left out. An address that is not a URL is its own key.
 */
export function urlKey(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return url.trim();
  }
  const params = [...u.searchParams].filter(([k]) => !/^utm_/i.test(k));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : "";
  const host = u.host.toLowerCase().replace(/^www\./, "");
  const path = u.pathname.replace(/\/+$/, "");
  return `${host}${path}${query}`;
}

/** The address without its `utm_*` tracking parameters (everything else kept as it was). */
export function withoutTracking(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return url;
  }
  const keys = [...u.searchParams.keys()].filter((k) => /^utm_/i.test(k));
  if (keys.length === 0) return u.href;
  for (const k of keys) u.searchParams.delete(k);
  return u.href;
}
