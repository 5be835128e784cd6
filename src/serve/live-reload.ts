import type { ServerResponse } from "node:http";

/** The path (on the server's root, whatever the base path) of Curio's own endpoints. */
export const LIVE_PREFIX = "/__curio/";

/** Server-sent events to every open page: `reload`, or an `overlay` with the build's errors. */
export class LiveReload {
  private readonly clients = new Set<ServerResponse>();

  /** Keeps a response open as an event stream until the page goes away. */
  attach(res: ServerResponse): void {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    res.write("retry: 500\n\n");
    this.clients.add(res);
    res.on("close", () => this.clients.delete(res));
  }

  /** Sends one event to every open page. */
  send(event: "reload" | "overlay", data: unknown): void {
    const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of this.clients) res.write(message);
  }

  /** How many pages are listening. */
  get size(): number {
    return this.clients.size;
  }

  /** Ends every stream (on shutdown). */
  close(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}

/**
 * The script `curio serve` adds to every HTML page it serves (never to built files): reload on
 * `reload`, show the build's errors on `overlay`. Text only (textContent): diagnostics quote
 * untrusted content.
 */
export const CLIENT_SCRIPT = `(() => {
  const source = new EventSource(${JSON.stringify(`${LIVE_PREFIX}events`)});
  source.addEventListener("reload", () => location.reload());
  source.addEventListener("overlay", (event) => {
    const { text } = JSON.parse(event.data);
    let box = document.getElementById("curio-overlay");
    if (!text) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "curio-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;background:rgba(20,20,24,.96);color:#ffd7d7;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.append(box);
    }
    box.textContent = text;
  });
})();`;

/** The markup injected into HTML pages: the live-reload script, and the overlay if the last build failed. */
export function injection(overlayText: string | undefined): string {
  const overlay =
    overlayText === undefined
      ? ""
      : `<div id="curio-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;background:rgba(20,20,24,.96);color:#ffd7d7;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap">${escapeText(overlayText)}</div>`;
  return `${overlay}<script src="${LIVE_PREFIX}client.js"></script>`;
}

/** Adds the injection before `</body>` (or at the end when there is none). */
export function injectInto(html: string, overlayText: string | undefined): string {
  const snippet = injection(overlayText);
  const at = html.search(/<\/body>/i);
  return at === -1 ? html + snippet : html.slice(0, at) + snippet + html.slice(at);
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}
