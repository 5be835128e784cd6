import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { png } from "./png.js";

/**
 * Fixture pages for `curio new scoop`, served on 127.0.0.1 by `startPageServer()`. Each is a
 * case the metadata reader or the fetcher must handle.
 */
export const PAGES = {
  /** Open Graph, Twitter cards and JSON-LD (an @graph with an author reference), all present. */
  good: `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Plain title | Example News</title>
<meta name="description" content="Plain description.">
<meta name="author" content="Plain Author">
<meta property="og:title" content="Take two: &quot;Social&quot; media &amp; health care">
<meta property="og:description" content="  How social media is
   reshaping health care &mdash; and what it means for *patients*.  ">
<meta property="og:image" content="/images/cover.png">
<meta property="og:image:alt" content="A doctor holding a phone">
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="/articles/take-two">
<meta property="article:published_time" content="2025-12-30T08:00:00+01:00">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="Twitter title">
<meta name="twitter:image" content="https://cdn.example/twitter.jpg">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "@id": "/#website", "name": "Example News (JSON-LD)"},
  {"@type": "Person", "@id": "/#ann", "name": "Ann Lee"},
  {"@type": "NewsArticle", "headline": "JSON-LD headline", "datePublished": "2025-12-29",
   "author": [{"@id": "/#ann"}, {"@type": "Person", "name": "Bo Chen"}],
   "publisher": {"@id": "/#website"}}
]}
</script>
</head>
<body><article><h1>Take two</h1><p>Text.</p></article></body>
</html>
`,
  /** No metadata at all: just a title. */
  plain: `<html><head><title>  Only a
  title </title></head><body><p>Hello.</p></body></html>`,
  /** Unclosed tags, unquoted attributes, metadata in the body, stray `<` and `&`. */
  broken: `<!DOCTYPE html>
<html>
<head>
<meta charset=utf-8>
<title>Broken   page &mdash; still readable</title>
<link rel=canonical href=/broken-canonical>
<body>
<div class=main><p>Unclosed paragraph <b>bold <i>italic
<meta name=description content="Found in the body, after unclosed tags">
<meta property=og:image content=img/pic.png>
<img src=x alt=unquoted>
<p>Another < paragraph & a stray ampersand
</div></span></td>
`,
  /** Where the redirects end. */
  redirected: `<html><head><title>Moved here</title>
<meta property="og:description" content="Landed after two redirects."></head><body></body></html>`,
} as const;

/** The good page's image (1200 × 630) and the broken page's (40 × 30): real PNG files. */
export const COVER_PNG = png(1200, 630);
export const PIC_PNG = png(40, 30);

/** A page with only a title and an Open Graph image. */
function pageWithImage(src: string): string {
  return `<!doctype html><title>With an image</title><meta property="og:image" content="${src}">`;
}

/** The size of /huge, streamed in chunks without a Content-Length. */
export const HUGE_BYTES = 300 * 1024;

/** A running fixture server: its base URL (`http://127.0.0.1:<port>`) and how to stop it. */
export interface PageServer {
  readonly base: string;
  readonly requests: string[];
  close(): Promise<void>;
}

/** Starts the fixture server on a free port of 127.0.0.1. */
export async function startPageServer(): Promise<PageServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? "");
    route(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function html(res: ServerResponse, body: string, type = "text/html; charset=utf-8"): void {
  res.writeHead(200, { "content-type": type });
  res.end(body);
}

function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location });
  res.end();
}

function route(req: IncomingMessage, res: ServerResponse): void {
  res.on("error", () => undefined);
  const url = new URL(req.url ?? "/", "http://localhost");
  switch (url.pathname) {
    case "/good":
      return html(res, PAGES.good);
    case "/plain":
      return html(res, PAGES.plain);
    case "/broken":
      return html(res, PAGES.broken, "text/html");
    case "/redirect-1":
      return redirect(res, 301, "/redirect-2");
    case "/redirect-2":
      return redirect(res, 302, `http://${req.headers.host}/redirected`);
    case "/redirected":
      return html(res, PAGES.redirected);
    case "/loop-a":
      return redirect(res, 302, "/loop-b");
    case "/loop-b":
      return redirect(res, 302, "/loop-a");
    case "/chain": {
      const n = Number(url.searchParams.get("n") ?? 0);
      return n >= 7 ? html(res, PAGES.plain) : redirect(res, 302, `/chain?n=${n + 1}`);
    }
    case "/to-ftp":
      return redirect(res, 301, "ftp://files.example/a");
    case "/slow":
      return; // never answers
    case "/huge": {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html><head><title>Huge</title></head><body>");
      const chunk = `<p>${"x".repeat(16 * 1024 - 7)}</p>`;
      let sent = 0;
      const more = (): void => {
        while (sent < HUGE_BYTES && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once("drain", more);
            return;
          }
        }
        if (!res.destroyed) res.end("</body></html>");
      };
      more();
      return;
    }
    case "/huge-declared":
      res.writeHead(200, { "content-type": "text/html", "content-length": String(HUGE_BYTES) });
      res.end(" ".repeat(HUGE_BYTES));
      return;
    case "/report.pdf":
      res.writeHead(200, { "content-type": "application/pdf" });
      res.end("%PDF-1.4\n");
      return;
    case "/latin1":
      res.writeHead(200, { "content-type": "text/html; charset=iso-8859-1" });
      res.end(Buffer.from("<title>Caf\u00e9 cr\u00e8me</title>", "latin1"));
      return;
    case "/meta-charset":
      res.writeHead(200, { "content-type": "text/html" });
      res.end(
        Buffer.concat([
          Buffer.from('<meta charset="windows-1252"><title>'),
          Buffer.from([0x93, 0x51, 0x94, 0x20, 0x80]),
          Buffer.from("</title>"),
        ]),
      );
      return;
    case "/images/cover.png":
      res.writeHead(200, { "content-type": "image/png" });
      res.end(COVER_PNG);
      return;
    case "/img/pic.png":
      res.writeHead(200, { "content-type": "image/png" });
      res.end(PIC_PNG);
      return;
    case "/images/logo.svg":
      res.writeHead(200, { "content-type": "image/svg+xml" });
      res.end('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"></svg>');
      return;
    case "/images/not-an-image.png":
      res.writeHead(200, { "content-type": "image/png" });
      res.end("<html>an error page served as an image</html>");
      return;
    case "/svg-image":
      return html(res, pageWithImage("/images/logo.svg"));
    case "/fake-image":
      return html(res, pageWithImage("/images/not-an-image.png"));
    case "/missing-image":
      return html(res, pageWithImage("/images/gone.png"));
    case "/ua":
      return html(res, `<title>${req.headers["user-agent"] ?? ""}</title>`);
    default:
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<h1>Not found</h1>");
  }
}
