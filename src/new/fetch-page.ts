import { followRedirects } from "../util/follow-redirects.js";
import { curioVersion } from "../version.js";

/** Limits and tools for fetching a page. */
export interface FetchPageOptions {
  /** Give up after this long, redirects and body included (default 10 s). */
  readonly timeoutMs?: number;
  /** Give up on a body larger than this, without reading the rest (default 2 MB). */
  readonly maxBytes?: number;
  /** Redirects to follow (default 5). */
  readonly maxRedirects?: number;
  /** The fetch to use (default: Node's global `fetch`). */
  readonly fetch?: typeof globalThis.fetch;
}

/** A fetched HTML page: the address it was finally read from and its text. */
export interface FetchedPage {
  readonly ok: true;
  /** The URL after redirects. */
  readonly url: string;
  readonly html: string;
}

/** Why a page could not be read, as a clause: "timed out after 10 s", "HTTP 404 Not Found". */
export interface FetchFailure {
  readonly ok: false;
  readonly reason: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

/** How Curio introduces itself to the sites it reads. */
export function userAgent(): string {
  return `Curio/${curioVersion()} (+https://github.com/curio-digest; link preview for a curated digest)`;
}

const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);

/** A fetched resource's bytes, where they were finally read from, and their content type. */
export interface FetchedBytes {
  readonly ok: true;
  /** The URL after redirects. */
  readonly url: string;
  readonly bytes: Uint8Array;
  /** The Content-Type header ("" when missing). */
  readonly contentType: string;
}

/** What kind of resource a fetch wants: its Accept header, the media types taken, its name. */
export interface WantedResource {
  readonly accept: string;
  readonly accepts: (mime: string) => boolean;
  /** How messages name it: "an HTML page", "an image". */
  readonly what: string;
  /** How size messages name it: "the page", "the image". */
  readonly the: string;
}

const HTML_PAGE: WantedResource = {
  accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
  accepts: (mime) => HTML_TYPES.has(mime),
  what: "an HTML page",
  the: "the page",
};

/**
 * Fetches a web page for its metadata, politely and within limits: a clear user agent, a
 * timeout for the whole exchange, redirects followed by hand (http and https only, at most
 * `maxRedirects`, loops refused), HTML content types only, a body size limit enforced while
 * streaming, and the text decoded with the charset from the header or the page's
 * `<meta charset>` (UTF-8 otherwise). Never throws: failures come back with a reason.
 */
export async function fetchPage(
  url: string,
  options: FetchPageOptions = {},
): Promise<FetchedPage | FetchFailure> {
  const fetched = await fetchBytes(url, HTML_PAGE, options);
  if (!fetched.ok) return fetched;
  return { ok: true, url: fetched.url, html: decode(fetched.bytes, fetched.contentType) };
}

/**
 * Fetches a resource of the wanted kind within the same limits as `fetchPage` (time, size,
 * redirects, http(s) only), as bytes. Never throws: failures come back with a reason.
 */
export async function fetchBytes(
  url: string,
  wanted: WantedResource,
  options: FetchPageOptions = {},
): Promise<FetchedBytes | FetchFailure> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const doFetch = options.fetch ?? globalThis.fetch;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const fail = (reason: string): FetchFailure => ({ ok: false, reason });
  try {
    const send = (current: string) =>
      doFetch(current, {
        redirect: "manual",
        signal: controller.signal,
        headers: { "user-agent": userAgent(), accept: wanted.accept },
      });
    const followed = await followRedirects(url, send, maxRedirects);
    if (!followed.ok) {
      const p = followed.problem;
      switch (p.kind) {
        case "no-location":
          return fail(`HTTP ${statusText(p.response)} without a Location`);
        case "bad-location":
          return fail(`redirected to an invalid address: ${p.location}`);
        case "not-http":
          return fail(`redirected to ${p.to.href}, which is not an http(s) address`);
        case "loop":
          return fail(`redirect loop (back to ${p.to})`);
        case "too-many":
          return fail(`too many redirects (more than ${p.max})`);
      }
    }
    const { response, url: current } = followed;
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return fail(`HTTP ${statusText(response)}`);
    }
    const contentType = response.headers.get("content-type");
    const mime = contentType?.split(";")[0]!.trim().toLowerCase() ?? "";
    if (!wanted.accepts(mime)) {
      await response.body?.cancel().catch(() => undefined);
      return fail(
        `not ${wanted.what} (content-type ${contentType === null ? "missing" : mime || "empty"})`,
      );
    }
    const tooLarge = `${wanted.the} is larger than ${formatBytes(maxBytes)}`;
    const length = Number(response.headers.get("content-length") ?? NaN);
    if (length > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return fail(tooLarge);
    }
    const bytes = await readLimited(response, maxBytes);
    if (bytes === undefined) return fail(tooLarge);
    return { ok: true, url: current, bytes, contentType: contentType ?? "" };
  } catch (e) {
    if (timedOut) return fail(`timed out after ${formatDuration(timeoutMs)}`);
    return fail(networkReason(e));
  } finally {
    clearTimeout(timer);
  }
}

/** The body's bytes, or undefined as soon as it grows past `maxBytes` (the rest is not read). */
async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Decodes HTML bytes: the charset of the Content-Type header, else a `<meta charset>` (or
 * `http-equiv` content type) in the first 1024 bytes, else UTF-8. A byte-order mark wins.
 */
export function decode(bytes: Uint8Array, contentType: string): string {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  const label =
    /;\s*charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] ??
    /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ??
    "utf-8";
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder("utf-8");
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) decoder = new TextDecoder();
  const text = decoder.decode(bytes);
  // Node 20 decodes windows-1252 (which `latin1` and `iso-8859-1` also mean) as ISO-8859-1,
  // leaving bytes 0x80–0x9F as C1 controls instead of “smart quotes”, € and the like.
  return decoder.encoding === "windows-1252"
    ? text.replace(/[\u0080-\u009f]/g, (c: string) => WINDOWS_1252[c.charCodeAt(0) - 0x80] || c)
    : text;
}

/** What windows-1252 bytes 0x80–0x9F stand for ("" for the five it leaves undefined). */
const WINDOWS_1252 = "€ _ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ _ Ž _ _ ‘ ’ “ ” • – — ˜ ™ š › œ _ ž Ÿ"
  .split(" ")
  .map((c) => (c === "_" ? "" : c));

function statusText(response: Response): string {
  return `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
}

/** "could not connect (ECONNREFUSED)", from Node's `fetch failed` error and its cause. */
function networkReason(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "the host name was not found";
  if (code === "ECONNREFUSED") return "the connection was refused";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "the connection was closed";
  if (code?.startsWith("CERT_") || code?.includes("CERT") || code?.includes("SSL"))
    return `the site's certificate was refused (${code})`;
  const message = cause?.message ?? (e as Error).message ?? String(e);
  return code ? `${message} (${code})` : message;
}

/** "2 MB", "100 KB", "512 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} bytes`;
}

/** "10 s", "1.5 s", "300 ms". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}
