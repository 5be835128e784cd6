import { followRedirects } from "../util/follow-redirects.js";
import { userAgent } from "../new/fetch-page.js";

/** What became of a source link. */
export interface LinkStatus {
  /** `live`: it answers; `moved`: a permanent redirect leads elsewhere; `dead`: it does not answer. */
  readonly state: "live" | "moved" | "dead";
  /** "HTTP 404 Not Found", "timed out after 10 s", "moved permanently (301)". */
  readonly detail: string;
  /** Where a moved link now lives (after every redirect). */
  readonly location?: string;
}

/** Limits of one link check. */
export interface LinkCheckOptions {
  /** For the whole exchange, redirects included (default 10 s). */
  readonly timeoutMs?: number;
  /** Redirects followed (default 5). */
  readonly maxRedirects?: number;
  readonly fetch?: typeof globalThis.fetch;
}

/**
 * Checks one source link, politely and within limits: HEAD first, then GET where the server
 * refuses HEAD (405, 501, and 403 or 400 some servers give to HEAD alone; the body is not read),
 * redirects followed by hand (http and https only, at most `maxRedirects`, loops refused), one
 * timeout for the whole exchange. A permanent redirect (301, 308) anywhere on the way makes the
 * link `moved`, with where it ends; a 4xx or 5xx answer, a host not found, a refused connection
 * or a timeout makes it `dead`. Never throws.
 */
export async function checkLink(url: string, options: LinkCheckOptions = {}): Promise<LinkStatus> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const doFetch = options.fetch ?? globalThis.fetch;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const dead = (detail: string): LinkStatus => ({ state: "dead", detail });
  try {
    const send = async (current: string) => {
      const head = await request(doFetch, current, "HEAD", controller.signal);
      if (![400, 403, 405, 501].includes(head.status)) return head;
      await head.body?.cancel().catch(() => undefined);
      return request(doFetch, current, "GET", controller.signal);
    };
    const followed = await followRedirects(url, send, maxRedirects);
    if (!followed.ok) {
      const p = followed.problem;
      switch (p.kind) {
        case "no-location":
          return dead(`HTTP ${p.status} without a Location`);
        case "bad-location":
          return dead(`HTTP ${p.status} to an address that is not a URL`);
        case "not-http":
          return dead(`redirected to a ${p.to.protocol.replace(":", "")} address`);
        case "loop":
          return dead("a redirect loop");
        case "too-many":
          return dead(`more than ${p.max} redirects`);
      }
    }
    const { response, url: last, permanent } = followed;
    await response.body?.cancel().catch(() => undefined);
    const status = response.status;
    if (status >= 400)
      return dead(`HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""}`);
    if (permanent !== undefined && last !== url)
      return { state: "moved", detail: `moved permanently (${permanent})`, location: last };
    return { state: "live", detail: `HTTP ${status}` };
  } catch (e) {
    if (timedOut) return dead(`timed out after ${timeoutMs / 1000} s`);
    const code = ((e as { cause?: { code?: string } }).cause?.code ?? "") as string;
    if (code === "ENOTFOUND" || code === "EAI_AGAIN") return dead("host not found");
    if (code === "ECONNREFUSED") return dead("connection refused");
    return dead(`could not connect${code ? ` (${code})` : ""}`);
  } finally {
    clearTimeout(timer);
  }
}

function request(
  doFetch: typeof globalThis.fetch,
  url: string,
  method: "HEAD" | "GET",
  signal: AbortSignal,
): Promise<Response> {
  return doFetch(url, {
    method,
    redirect: "manual",
    signal,
    headers: { "user-agent": userAgent(), accept: "text/html,*/*;q=0.8" },
  });
}
