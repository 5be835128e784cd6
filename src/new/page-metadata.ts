import { Parser } from "htmlparser2";

/** What a web page says about itself, as far as a link preview needs it. Every field is optional. */
export interface PageMetadata {
  readonly title?: string;
  readonly description?: string;
  /** An absolute http(s) URL. */
  readonly image?: string;
  /** The image's alt text, only when it comes from the same source as `image`. */
  readonly imageAlt?: string;
  /** The site's own name, e.g. "The Verge". */
  readonly siteName?: string;
  /** The article's author or authors ("Ann Lee, Bo Chen"). */
  readonly author?: string;
  /** The publication date as the page gives it (usually ISO 8601). */
  readonly published?: string;
  /** The page's canonical address: an absolute http(s) URL. */
  readonly canonical?: string;
}

/** JSON-LD types that describe an article. */
const ARTICLE_TYPE = /^(?:\w*Article|BlogPosting|LiveBlogPosting|Report)$/;

/** What the HTML pass collects before the sources are merged. */
interface Collected {
  readonly meta: Map<string, string>;
  title?: string;
  canonical?: string;
  base?: string;
  time?: string;
  publishedTime?: string;
  readonly jsonLd: string[];
}

/**
 * Reads a page's metadata from its HTML. For each field the first source that has it wins:
 * Open Graph, then Twitter cards, then JSON-LD (an `Article`, `NewsArticle`, `BlogPosting`…,
 * also inside `@graph`, with `@id` references followed), then plain HTML (`<title>`,
 * `<meta name=description>`, `<meta name=author>`, `<time datetime>`, `<link rel=canonical>`).
 * Text has its entities decoded and its whitespace collapsed; image and canonical URLs are
 * resolved against the page's URL (or its `<base href>`) and kept only when http(s).
 * Broken HTML is read the way a browser would read it, as far as it goes; this never throws.
 */
export function pageMetadata(html: string, pageUrl: string): PageMetadata {
  const c = collect(html);
  const base = resolveUrl(c.base, pageUrl) ?? pageUrl;
  const m = (key: string) => clean(c.meta.get(key));
  const ld = articleFromJsonLd(c.jsonLd);

  const ogImage = absoluteHttp(
    m("og:image") ?? m("og:image:url") ?? m("og:image:secure_url"),
    base,
  );
  const twitterImage = absoluteHttp(m("twitter:image") ?? m("twitter:image:src"), base);
  const ldImage = absoluteHttp(ld.image, base);
  const [image, imageAlt] = ogImage
    ? [ogImage, m("og:image:alt")]
    : twitterImage
      ? [twitterImage, m("twitter:image:alt")]
      : ldImage
        ? [ldImage, ld.imageAlt]
        : [undefined, undefined];

  const ogAuthor = m("article:author");
  const fields: PageMetadata = {
    title: m("og:title") ?? m("twitter:title") ?? ld.headline ?? clean(c.title),
    description:
      m("og:description") ?? m("twitter:description") ?? ld.description ?? m("description"),
    image,
    imageAlt,
    siteName: m("og:site_name") ?? ld.siteName ?? m("application-name"),
    // `article:author` is often a profile URL rather than a name: only a name will do.
    author:
      (ogAuthor && !/^https?:\/\//i.test(ogAuthor) ? ogAuthor : undefined) ??
      ld.author ??
      m("author"),
    published:
      m("article:published_time") ??
      ld.published ??
      clean(c.publishedTime) ??
      m("datepublished") ??
      clean(c.time),
    canonical:
      absoluteHttp(m("og:url"), base) ??
      absoluteHttp(ld.url, base) ??
      absoluteHttp(clean(c.canonical), base),
  };
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as PageMetadata;
}

/** One pass over the HTML: meta tags, `<title>`, links, `<time>`, `<base>` and JSON-LD scripts. */
function collect(html: string): Collected {
  const c: Collected = { meta: new Map(), jsonLd: [] };
  let inTitle = false;
  let svgDepth = 0;
  let titleText = "";
  let script: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "svg") svgDepth++;
        else if (name === "title" && svgDepth === 0 && c.title === undefined) {
          inTitle = true;
          titleText = "";
        } else if (name === "meta") {
          const key = (attrs.property ?? attrs.name ?? attrs.itemprop ?? "").trim().toLowerCase();
          const content = attrs.content;
          if (key !== "" && content !== undefined && content.trim() !== "" && !c.meta.has(key)) {
            c.meta.set(key, content);
          }
        } else if (name === "link") {
          const rels = (attrs.rel ?? "").toLowerCase().split(/\s+/);
          if (rels.includes("canonical") && c.canonical === undefined && attrs.href)
            c.canonical = attrs.href;
        } else if (name === "base") {
          if (c.base === undefined && attrs.href) c.base = attrs.href;
        } else if (name === "time") {
          const when = attrs.datetime;
          if (when) {
            const marked = attrs.itemprop === "datePublished" || "pubdate" in attrs;
            if (marked && c.publishedTime === undefined) c.publishedTime = when;
            if (c.time === undefined) c.time = when;
          }
        } else if (name === "script") {
          const type = (attrs.type ?? "").trim().toLowerCase();
          script = type === "application/ld+json" ? "" : undefined;
        }
      },
      ontext(text) {
        if (inTitle) titleText += text;
        else if (script !== undefined) script += text;
      },
      onclosetag(name) {
        if (name === "svg" && svgDepth > 0) svgDepth--;
        else if (name === "title" && inTitle) {
          inTitle = false;
          c.title = titleText;
        } else if (name === "script" && script !== undefined) {
          c.jsonLd.push(script);
          script = undefined;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  if (inTitle && c.title === undefined) c.title = titleText;
  return c;
}

/** The fields an article's JSON-LD gives, cleaned. */
interface LdArticle {
  headline?: string;
  description?: string;
  image?: string;
  imageAlt?: string;
  author?: string;
  published?: string;
  siteName?: string;
  url?: string;
}

type LdNode = Record<string, unknown>;

/** The first article node among the page's JSON-LD blocks (arrays and `@graph` included). */
function articleFromJsonLd(blocks: readonly string[]): LdArticle {
  const nodes: LdNode[] = [];
  for (const block of blocks) {
    const text = block
      .trim()
      .replace(/^<!--|-->$/g, "")
      .replace(/^\s*\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>\s*$/g, "");
    try {
      flatten(JSON.parse(text), nodes, 0);
    } catch {
      // Broken JSON-LD is common; the other sources still count.
    }
  }
  const byId = new Map<string, LdNode>();
  for (const n of nodes)
    if (typeof n["@id"] === "string" && !byId.has(n["@id"])) byId.set(n["@id"], n);
  const deref = (v: unknown): unknown => {
    if (isNode(v) && typeof v["@id"] === "string" && Object.keys(v).length === 1)
      return byId.get(v["@id"]) ?? v;
    return v;
  };
  const article = nodes.find((n) => types(n).some((t) => ARTICLE_TYPE.test(t)));
  const website = nodes.find((n) => types(n).includes("WebSite"));
  if (!article) return { siteName: website ? ldText(website.name) : undefined };

  const image = firstOf(deref(article.image));
  const imageNode = isNode(image) ? image : undefined;
  const publisher = deref(firstOf(article.publisher));
  return {
    headline: ldText(article.headline) ?? ldText(article.name),
    description: ldText(article.description),
    image:
      typeof image === "string"
        ? image
        : imageNode
          ? (ldText(imageNode.url) ?? ldText(imageNode.contentUrl))
          : undefined,
    // An ImageObject has no alt text; its caption is the nearest thing (its `name` is often a file name).
    imageAlt: imageNode ? ldText(imageNode.caption) : undefined,
    author: authors(article.author, deref),
    published: ldText(article.datePublished) ?? ldText(article.dateCreated),
    siteName: (isNode(publisher) ? ldText(publisher.name) : undefined) ?? ldText(website?.name),
    url: ldText(article.url),
  };
}

/** Collects JSON-LD nodes: top-level arrays and `@graph` arrays are opened (not too deep). */
function flatten(value: unknown, out: LdNode[], depth: number): void {
  if (depth > 4) return;
  if (Array.isArray(value)) {
    for (const v of value) flatten(v, out, depth + 1);
  } else if (isNode(value)) {
    if ("@type" in value || "@id" in value) out.push(value);
    if (value["@graph"] !== undefined) flatten(value["@graph"], out, depth + 1);
  }
}

/** An author given as a string, a Person/Organization (or a reference to one), or a list. */
function authors(value: unknown, deref: (v: unknown) => unknown): string | undefined {
  const list = Array.isArray(value) ? value : [value];
  const names = list
    .map(deref)
    .map((a) => (typeof a === "string" ? ldText(a) : isNode(a) ? ldText(a.name) : undefined))
    .filter((n): n is string => n !== undefined && !/^https?:\/\//i.test(n));
  const unique = [...new Set(names)];
  return unique.length ? unique.join(", ") : undefined;
}

function types(n: LdNode): string[] {
  const t = n["@type"];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === "string");
}

function isNode(v: unknown): v is LdNode {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function firstOf(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** A JSON-LD string as plain text: HTML tags dropped, entities decoded, whitespace collapsed. */
function ldText(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  if (!/[<&]/.test(v)) return clean(v);
  let text = "";
  const parser = new Parser({ ontext: (t) => (text += t) }, { decodeEntities: true });
  parser.write(v);
  parser.end();
  return clean(text);
}

/** Whitespace collapsed and trimmed; undefined when nothing is left. */
function clean(v: string | undefined): string | undefined {
  const s = v?.replace(/\s+/g, " ").trim();
  return s ? s : undefined;
}

function resolveUrl(href: string | undefined, base: string): string | undefined {
  if (href === undefined) return undefined;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return undefined;
  }
}

/** `href` resolved against `base`, when the result is an http(s) URL. */
function absoluteHttp(href: string | undefined, base: string): string | undefined {
  const url = resolveUrl(clean(href), base);
  return url !== undefined && /^https?:/i.test(url) ? url : undefined;
}
