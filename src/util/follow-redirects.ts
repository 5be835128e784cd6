/** Why a chain of redirects was not followed to its end. */
export type RedirectProblem =
  | { readonly kind: "no-location"; readonly status: number; readonly response: Response }
  | { readonly kind: "bad-location"; readonly status: number; readonly location: string }
  | { readonly kind: "not-http"; readonly status: number; readonly to: URL }
  | { readonly kind: "loop"; readonly to: string }
  | { readonly kind: "too-many"; readonly max: number };

/** Where a chain of redirects ended: the last answer (not a redirect) and its address. */
export interface RedirectsFollowed {
  readonly ok: true;
  readonly response: Response;
  readonly url: string;
  /** The first permanent redirect (301 or 308) on the way, if there was one. */
  readonly permanent?: number;
}

/**
 * Follows redirects by hand from `url`, asking `send` for each address (a fetch with
 * `redirect: "manual"` and the caller's signal): http and https only, at most `maxRedirects`,
 * loops refused. A redirect's body is let go unread. Used by every bounded fetch (pages, images,
 * feeds, source links), each of which words its own failures.
 */
export async function followRedirects(
  url: string,
  send: (url: string) => Promise<Response>,
  maxRedirects: number,
): Promise<RedirectsFollowed | { readonly ok: false; readonly problem: RedirectProblem }> {
  let current = url;
  let permanent: number | undefined;
  const seen = new Set([current]);
  const fail = (problem: RedirectProblem) => ({ ok: false as const, problem });
  for (let hop = 0; ; hop++) {
    const response = await send(current);
    const status = response.status;
    if (status < 300 || status >= 400) {
      return { ok: true, response, url: current, ...(permanent ? { permanent } : {}) };
    }
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get("location");
    if (location === null) return fail({ kind: "no-location", status, response });
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      return fail({ kind: "bad-location", status, location });
    }
    if (next.protocol !== "http:" && next.protocol !== "https:")
      return fail({ kind: "not-http", status, to: next });
    if (seen.has(next.href)) return fail({ kind: "loop", to: next.href });
    if (hop >= maxRedirects) return fail({ kind: "too-many", max: maxRedirects });
    seen.add(next.href);
    if (status === 301 || status === 308) permanent ??= status;
    current = next.href;
  }
}
