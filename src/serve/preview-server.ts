import { readFile, stat } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { CLIENT_SCRIPT, injectInto, LIVE_PREFIX, LiveReload } from "./live-reload.js";
import { hostGuard, sameOriginPath } from "./request-guard.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".xsl": "text/xsl; charset=utf-8",
  ".json": "application/feed+json; charset=utf-8",
  ".opml": "text/x-opml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

/** What the preview server needs to know at each request. */
export interface PreviewState {
  /** The built site's folder. */
  readonly outDir: string;
  /** The site's base path (`/` or `/digest/`): the site is served under it. */
  readonly basePath: string;
  /** The last build's errors, shown over every page until a build succeeds; undefined when fine. */
  readonly overlay: () => string | undefined;
  /** Answers requests under `/__curio/` that are not live reload's (the scooping desk); false: not its. */
  readonly tools?: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
  ) => Promise<boolean>;
}

/** A running preview server. */
export interface PreviewServer {
  readonly url: string;
  readonly port: number;
  readonly live: LiveReload;
  close(): Promise<void>;
}

/**
 * Serves the built site like a static host (folders → index.html, 404.html for misses), adding
 * the live-reload script to HTML pages; `/__curio/events` streams reload and overlay events.
 * Requests whose `Host:` header names another site are refused with 403 (see `hostGuard`), and
 * redirects never leave the origin.
 */
export async function startPreviewServer(
  state: PreviewState,
  host: string,
  port: number,
): Promise<PreviewServer> {
  const live = new LiveReload();
  const hosts = hostGuard(host);
  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res
        .writeHead(500, { "content-type": "text/plain; charset=utf-8" })
        .end(`curio serve: ${(e as Error).message}`);
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!hosts.allows(req.headers.host)) {
      res
        .writeHead(403, {
          "content-type": "text/plain; charset=utf-8",
          "x-content-type-options": "nosniff",
        })
        .end(hosts.refusal);
      return;
    }
    const url = new URL(req.url ?? "/", "http://preview");
    if (url.pathname === `${LIVE_PREFIX}events`) return live.attach(res);
    if (url.pathname === `${LIVE_PREFIX}client.js`) {
      res
        .writeHead(200, { "content-type": TYPES[".js"]!, "cache-control": "no-cache" })
        .end(CLIENT_SCRIPT);
      return;
    }
    if (url.pathname.startsWith(LIVE_PREFIX) && (await state.tools?.(req, res, url))) return;
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (!pathname.startsWith(state.basePath)) {
      // The site lives under its base path: send the visitor there.
      if (pathname === "/" && state.basePath !== "/") {
        res.writeHead(302, { location: sameOriginPath(state.basePath) }).end();
        return;
      }
      return notFound(res);
    }
    const root = path.resolve(state.outDir);
    let file = path.resolve(root, `.${pathname.slice(state.basePath.length - 1)}`);
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(res);
    const info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      if (!pathname.endsWith("/")) {
        res
          .writeHead(301, { location: `${sameOriginPath(`${url.pathname}/`)}${url.search}` })
          .end();
        return;
      }
      file = path.join(file, "index.html");
    }
    const body = await readFile(file).catch(() => undefined);
    if (!body) return notFound(res);
    send(res, 200, file, body);
  }

  async function notFound(res: http.ServerResponse): Promise<void> {
    const file = path.join(state.outDir, "404.html");
    const body = await readFile(file).catch(() =>
      Buffer.from("<!doctype html><title>Not found</title><p>Not found</p>"),
    );
    send(res, 404, file, body);
  }

  function send(res: http.ServerResponse, status: number, file: string, body: Buffer): void {
    const type = TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
    const content = type.startsWith("text/html")
      ? injectInto(body.toString("utf8"), state.overlay())
      : body;
    res.writeHead(status, { "content-type": type, "cache-control": "no-cache" }).end(content);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    live,
    close: () =>
      new Promise((resolve) => {
        live.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
