import type { Element, Nodes } from "hast";
import { DetectError, MalformedError, parseFeed } from "feedsmith";
import { UserError } from "../util/user-error.js";
import { isHttpUrl } from "../util/safe-url.js";
import { parseHtmlFragment } from "./html-to-markdown.js";
import type { ImportedItems, ImportItem } from "./import-item.js";
import { sourceDate } from "./source-date.js";

type Loose = Record<string, unknown>;

/**
 * The links in an import file's text, whatever its format: RSS 2.0, RSS 1.0 (RDF), Atom 1.0
 * and JSON Feed 1.x (read by feedsmith, a maintained feed parser), Netscape bookmark HTML (every
 * browser's export, Pocket's and Raindrop's) and Pinboard's JSON export. Items without an
 * http(s) link are skipped and said. A file in none of these formats, or a malformed one, is a
 * `UserError` naming `source`.
 */
export function readItems(text: string, source: string): ImportedItems {
  const start = text.trimStart();
  if (/^<!DOCTYPE\s+NETSCAPE-Bookmark-file/i.test(start)) return bookmarks(text);
  if (start.startsWith("[")) return pinboard(text, source);
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(text);
  } catch (e) {
    if (e instanceof MalformedError)
      throw new UserError(
        `${source} is not a well-formed feed (it may be cut short): nothing was imported`,
      );
    if (e instanceof DetectError || e instanceof SyntaxError)
      throw new UserError(
        `${source} is not a format Curio imports: give an RSS, Atom or JSON feed, a browser's bookmarks export (HTML) or Pinboard's JSON export`,
      );
    throw e;
  }
  const feed = parsed.feed as unknown as Loose;
  switch (parsed.format) {
    case "rss":
      return collect("RSS 2.0", list(feed.items), rssItem);
    case "rdf":
      return collect("RSS 1.0 (RDF)", list(feed.items), rssItem);
    case "atom":
      return collect("Atom 1.0", list(feed.entries), atomEntry);
    case "json":
      return collect("JSON Feed", list(feed.items), jsonItem);
  }
}

type Partial = Omit<ImportItem, "where">;

function collect(
  format: string,
  raw: readonly Loose[],
  read: (item: Loose) => Partial | undefined,
): ImportedItems {
  const items: ImportItem[] = [];
  const skipped: string[] = [];
  raw.forEach((r, i) => {
    const where = `item ${i + 1}`;
    const item = read(r);
    if (item === undefined || !isHttpUrl(item.url))
      skipped.push(`${where}${item?.title ? ` ("${item.title}")` : ""}: no http(s) link`);
    else items.push({ ...item, where });
  });
  return { format, items, skipped };
}

function rssItem(item: Loose): Partial | undefined {
  const dc = (item.dc ?? {}) as Loose;
  const content = (item.content ?? {}) as Loose;
  const guid = item.guid as Loose | undefined;
  const url =
    str(item.link) ??
    (guid && guid.isPermaLink !== false ? str(guid.value) : undefined) ??
    str((item.rdf as Loose | undefined)?.about);
  if (url === undefined) return undefined;
  const tags = [
    ...list(item.categories).map((c) => str(c.name)),
    ...((dc.subjects as unknown[] | undefined) ?? []).map(str),
  ];
  return {
    url,
    ...opt("title", str(item.title)),
    ...opt("date", sourceDate(str(item.pubDate) ?? str(list(dc.dates)[0] ?? dc.date))),
    ...opt("html", str(content.encoded) ?? str(item.description)),
    tags: clean(tags),
  };
}

function atomEntry(entry: Loose): Partial | undefined {
  const links = list(entry.links);
  const link =
    links.find((l) => (str(l.rel) ?? "alternate") === "alternate") ??
    links.find((l) => str(l.rel) !== "self");
  const url = str(link?.href);
  if (url === undefined) return undefined;
  const content = (entry.content ?? entry.summary) as Loose | undefined;
  const contentType = str(content?.type) ?? "text";
  const value = str(content?.value);
  return {
    url,
    ...opt("title", atomText(entry.title)),
    ...opt("date", sourceDate(str(entry.published) ?? str(entry.updated))),
    ...(value === undefined ? {} : contentType === "text" ? { text: value } : { html: value }),
    tags: clean(list(entry.categories).map((c) => str(c.label) ?? str(c.term))),
  };
}

function jsonItem(item: Loose): Partial | undefined {
  const url = str(item.url) ?? str(item.external_url);
  if (url === undefined) return undefined;
  const html = str(item.content_html);
  const text = str(item.content_text) ?? str(item.summary);
  return {
    url,
    ...opt("title", str(item.title)),
    ...opt("date", sourceDate(str(item.date_published) ?? str(item.date_modified))),
    ...(html !== undefined ? { html } : text !== undefined ? { text } : {}),
    tags: clean(((item.tags as unknown[] | undefined) ?? []).map(str)),
  };
}

/** A browser's bookmarks export: `<DT><A HREF ADD_DATE TAGS>title</A>`, a `<DD>` note after it. */
function bookmarks(text: string): ImportedItems {
  const tree = parseHtmlFragment(text);
  const raw: Loose[] = [];
  const walk = (node: Nodes) => {
    if (!("children" in node)) return;
    node.children.forEach((child, i) => {
      if (child.type !== "element") return;
      if (child.tagName === "dt") {
        // A folder's <DT> holds its <H3> name and a nested <DL>: only a <DT>'s own link counts.
        const a = child.children.find(
          (c): c is Element => c.type === "element" && c.tagName === "a",
        );
        if (a) {
          const next = node.children.slice(i + 1).find((c): c is Element => c.type === "element");
          raw.push({
            href: a.properties.href,
            title: textOf(a),
            added: a.properties.add_date ?? a.properties.addDate,
            tags: a.properties.tags,
            note: next?.tagName === "dd" ? directText(next) : undefined,
          });
        }
      }
      walk(child);
    });
  };
  walk(tree);
  return collect("Netscape bookmarks", raw, (b) => {
    const url = str(b.href);
    if (url === undefined) return undefined;
    const note = str(b.note)?.trim();
    return {
      url,
      ...opt("title", str(b.title)?.trim()),
      ...opt("date", sourceDate(str(b.added))),
      ...(note ? { text: note } : {}),
      tags: clean((str(b.tags) ?? "").split(",")),
    };
  });
}

/** Pinboard's JSON export: `[{ href, description, extended, time, tags }]`. */
function pinboard(text: string, source: string): ImportedItems {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UserError(`${source} is not valid JSON (it may be cut short): nothing was imported`);
  }
  if (
    !Array.isArray(data) ||
    data.some((d) => typeof d !== "object" || d === null || !("href" in d))
  )
    throw new UserError(
      `${source} is a JSON list but not Pinboard's export (each entry needs an \`href\`): nothing was imported`,
    );
  return collect("Pinboard JSON", data as Loose[], (p) => {
    const url = str(p.href);
    if (url === undefined) return undefined;
    const note = str(p.extended)?.trim();
    return {
      url,
      ...opt("title", str(p.description)?.trim()),
      ...opt("date", sourceDate(str(p.time))),
      ...(note ? { text: note } : {}),
      tags: clean((str(p.tags) ?? "").split(/\s+/)),
    };
  });
}

function atomText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  const t = value as Loose | undefined;
  const text = str(t?.value);
  if (text === undefined) return undefined;
  return str(t?.type) === "html" || str(t?.type) === "xhtml"
    ? textOf(parseHtmlFragment(text)).trim()
    : text;
}

function textOf(node: Nodes): string {
  if (node.type === "text") return node.value;
  if ("children" in node) return node.children.map(textOf).join("");
  return "";
}

/** A `<DD>`'s own text, without a folder's list nested in it. */
function directText(node: Element): string {
  return node.children
    .filter((c) => c.type === "text" || (c.type === "element" && c.tagName !== "dl"))
    .map(textOf)
    .join("");
}

function str(v: unknown): string | undefined {
  if (typeof v === "number") return String(v);
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

function list(v: unknown): Loose[] {
  return Array.isArray(v) ? (v as Loose[]) : [];
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Tags trimmed, without empty ones or repeats. */
function clean(tags: readonly (string | undefined)[]): string[] {
  return [...new Set(tags.map((t) => t?.trim() ?? "").filter((t) => t !== ""))];
}
