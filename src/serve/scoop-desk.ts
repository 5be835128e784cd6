import { randomBytes, timingSafeEqual } from "node:crypto";
import { mkdir } from "node:fs/promises";
import type http from "node:http";
import path from "node:path";
import {
  authoringSettings,
  chooseCurator,
  chooseTopic,
  listCurators,
  listTopics,
  scoopedLinks,
} from "../new/digest-files.js";
import { writeNew } from "../new/new-scoop.js";
import { readImage } from "../new/scoop-image.js";
import { plainTextAsMarkdown, scoopFile, titleFromUrl } from "../new/scoop-file.js";
import { urlKey, withoutTracking } from "../new/url-key.js";
import { escapeXml as escapeHtml } from "../util/xml-escape.js";
import { isHttpUrl } from "../util/safe-url.js";
import { UserError } from "../util/user-error.js";
import { LIVE_PREFIX } from "./live-reload.js";

/** The scooping form's address, and the bookmarklet page's. */
export const DESK_PATH = `${LIVE_PREFIX}scoop`;
export const BOOKMARKLET_PATH = `${LIVE_PREFIX}bookmarklet`;

/** Largest form body accepted. */
const MAX_BODY = 256 * 1024;

/**
 * `curio serve`'s scooping desk: a bookmarklet (`/__curio/bookmarklet`) that, on any article,
 * opens a form (`/__curio/scoop`) pre-filled from the page (its address, title, picture, and
 * the selected text or its description); the curator picks the topic and curator, writes the
 * insight and tags, and saves: the scoop file is written, the watcher rebuilds, the preview
 * reloads. The server listens on loopback only (unless told otherwise), answers only loopback
 * `Host:` names, and the form is refused without this run's random token or from any other
 * `Origin`, so another site cannot post to it.
 */
export class ScoopDesk {
  /** This run's secret: in the bookmarklet and the form, checked on every request. */
  readonly token = randomBytes(16).toString("hex");

  constructor(
    private readonly root: string,
    private readonly now: () => number,
    private readonly basePath: () => string,
  ) {}

  /** Answers the desk's requests; false for any other address. */
  async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === BOOKMARKLET_PATH && req.method === "GET") {
      page(res, 200, "Scoop from any page", this.bookmarkletBody(req));
      return true;
    }
    if (url.pathname !== DESK_PATH) return false;
    if (req.method === "GET") {
      if (!this.tokenOk(url.searchParams.get("token")))
        return refuse(res, "a missing or wrong token");
      page(res, 200, "Scoop this page", await this.formBody(url.searchParams));
      return true;
    }
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "GET, POST" }).end();
      return true;
    }
    const origin = req.headers.origin;
    if (origin === undefined || origin !== `http://${req.headers.host ?? ""}`)
      return refuse(res, `a request from another origin (${origin ?? "none given"})`);
    if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers["content-type"] ?? ""))
      return refuse(res, "a body that is not a form");
    const body = await readBody(req);
    if (body === undefined) return refuse(res, "a form larger than 256 KB");
    const form = new URLSearchParams(body);
    if (!this.tokenOk(form.get("token"))) return refuse(res, "a missing or wrong token");
    try {
      const saved = await this.save(form);
      page(res, 201, "Scooped", saved);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      page(
        res,
        400,
        "Not scooped",
        `<p class="problem">${escapeHtml(e.message)}</p><p>Go back to the form (your browser's Back button) to change it.</p>`,
      );
    }
    return true;
  }

  private tokenOk(given: string | null): boolean {
    if (given === null || given.length !== this.token.length) return false;
    return timingSafeEqual(Buffer.from(given), Buffer.from(this.token));
  }

  /** The bookmarklet: reads the page it is clicked on and opens the form with it. */
  bookmarklet(origin: string): string {
    const code = `(function(){var d=document,m=function(p){var e=d.querySelector('meta[property="'+p+'"],meta[name="'+p+'"]');return e&&e.content||''},a=function(v){try{return v?new URL(v,location.href).href:''}catch(e){return ''}},s=String(window.getSelection()).trim().slice(0,4000),q=function(k,v){return '&'+k+'='+encodeURIComponent(v||'')};window.open('${origin}${DESK_PATH}?token=${this.token}'+q('url',a(m('og:url'))||location.href)+q('title',m('og:title')||d.title)+q('image',a(m('og:image')))+q('excerpt',s||(m('og:description')||m('description')).replace(/\\s+/g,' ').trim()),'curio-scoop','width=760,height=860')})()`;
    return `javascript:${encodeURI(code)}`;
  }

  private bookmarkletBody(req: http.IncomingMessage): string {
    const link = this.bookmarklet(`http://${req.headers.host ?? "127.0.0.1"}`);
    return `<p>Drag this link to your browser's bookmarks bar:</p>
<p><a class="bookmarklet" href="${escapeHtml(link)}">Scoop it</a></p>
<p>On any article, select the passage to quote (or nothing: the page's description is used) and click <strong>Scoop it</strong>. A form opens with the article's address, title and picture; pick the topic, write your insight and tags, and save. The scoop file is written into your digest and this preview reloads.</p>
<p>The bookmark works while this <code>curio serve</code> runs; it carries a key that changes each time the server starts, so drag it again after a restart.</p>`;
  }

  private async formBody(q: URLSearchParams): Promise<string> {
    const { defaults } = await authoringSettings(this.root);
    const topics = await listTopics(this.root);
    const curators = await listCurators(this.root);
    const url = q.get("url") ?? "";
    const options = (list: string[], chosen: string | undefined) =>
      list
        .map((v) => `<option${v === chosen ? " selected" : ""}>${escapeHtml(v)}</option>`)
        .join("");
    const field = (name: string, label: string, value: string, extra = "") =>
      `<p><label for="${name}">${label}</label><input id="${name}" name="${name}" value="${escapeHtml(value)}"${extra}></p>`;
    return `<form method="post" action="${DESK_PATH}">
<input type="hidden" name="token" value="${this.token}">
${field("url", "Address", url, ' type="url" required')}
${field("title", "Title", q.get("title") ?? "", " required")}
<p><label for="topic">Topic</label><select id="topic" name="topic">${options(topics, defaults.topic ?? (topics.length === 1 ? topics[0] : undefined))}</select></p>
<p><label for="curator">Curator</label><select id="curator" name="curator"><option value="">(the topic's)</option>${options(curators, defaults.curator)}</select></p>
<p><label for="excerpt">Excerpt (the passage you quote)</label><textarea id="excerpt" name="excerpt" rows="6">${escapeHtml(q.get("excerpt") ?? "")}</textarea></p>
<p><label for="insight">Your insight (markdown)</label><textarea id="insight" name="insight" rows="6"></textarea></p>
${field("tags", "Tags, separated by commas", "")}
${field("image", "Picture", q.get("image") ?? "", ' type="url"')}
<p><button type="submit">Save the scoop</button></p>
</form>`;
  }

  /** Writes the scoop the form describes; says where, with a link to its preview. */
  private async save(form: URLSearchParams): Promise<string> {
    const given = (form.get("url") ?? "").trim();
    if (!isHttpUrl(given)) throw new UserError(`\`${given}\` is not a web address (http or https)`);
    const { timezone, defaults } = await authoringSettings(this.root);
    const topic = await chooseTopic(this.root, form.get("topic") || undefined, defaults.topic);
    const curator = await chooseCurator(
      this.root,
      topic,
      form.get("curator") || undefined,
      defaults.curator,
    );
    const before = (await scoopedLinks(this.root)).get(urlKey(given));
    if (before !== undefined) throw new UserError(`already scooped, in ${before}`);
    const image = (form.get("image") ?? "").trim();
    const url = withoutTracking(given);
    const title = (form.get("title") ?? "").trim() || titleFromUrl(url);
    // Browsers send a textarea's line breaks as CRLF.
    const text = (name: string) => (form.get(name) ?? "").replace(/\r\n?/g, "\n").trim();
    const excerpt = text("excerpt");
    const insight = text("insight");
    // The picture's size, read as `curio new scoop` reads it (bounded; a failure keeps the URL
    // alone): cards and pages reserve its space before it loads.
    const read = isHttpUrl(image) ? await readImage(image) : undefined;
    const file = scoopFile({
      url,
      curator,
      now: this.now(),
      timezone,
      metadata: { title, ...(isHttpUrl(image) ? { image } : {}) },
      tags: (form.get("tags") ?? "")
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
      ...(excerpt ? { excerpt: plainTextAsMarkdown(excerpt) } : {}),
      ...(insight ? { insight } : {}),
      ...(read?.ok ? { image: { width: read.width, height: read.height } } : {}),
    });
    const dir = path.join(this.root, "content", "topics", topic);
    await mkdir(dir, { recursive: true });
    const written = await writeNew(dir, file.fileName, file.text);
    const rel = path.relative(this.root, written).split(path.sep).join("/");
    const slug = path.basename(written, ".md").replace(/^\d{4}-\d{2}-\d{2}-/, "");
    const preview = `${this.basePath()}topics/${topic}/${slug}/`;
    return `<p>Saved as <code>${escapeHtml(rel)}</code>.</p>
<p>The preview rebuilds now: <a href="${escapeHtml(preview)}">see the scoop</a>. Edit the file to say more.</p>`;
  }
}

function page(res: http.ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "x-frame-options": "DENY",
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; form-action 'self'; frame-ancestors 'none'",
  }).end(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · curio serve</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fafaf7}
label{display:block;font-weight:600;margin-bottom:.25rem}
input,select,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #8a8a8a;border-radius:.4rem;background:#fff;color:inherit}
button{font:inherit;font-weight:600;padding:.6rem 1.2rem;border:0;border-radius:.4rem;background:#0b5d4b;color:#fff;cursor:pointer}
.bookmarklet{display:inline-block;padding:.5rem 1rem;border-radius:.4rem;background:#0b5d4b;color:#fff;font-weight:600;text-decoration:none}
.problem{color:#a4161a;font-weight:600}
</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>
`);
}

function refuse(res: http.ServerResponse, why: string): true {
  res
    .writeHead(403, {
      "content-type": "text/plain; charset=utf-8",
      "x-content-type-options": "nosniff",
    })
    .end(
      `curio serve: refused ${why}. Use the bookmarklet from ${BOOKMARKLET_PATH} of this server.\n`,
    );
  return true;
}

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
