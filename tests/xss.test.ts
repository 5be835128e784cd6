import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { ATOM_RNC, jing, jsonFeedValidator } from "./helpers/feeds.js";
import { buildSite, listFiles, makeSite, REPO_ROOT, tempDir } from "./helpers/sites.js";

/**
 * Payloads of OWASP's XSS Filter Evasion Cheat Sheet (plus markdown and XML specials) in every
 * text field and in every markdown body. The built pages, parsed with a real HTML parser
 * (parse5, through cheerio), must hold no script, no event handler, no script URL; the feeds
 * must stay valid (well-formed XML, Atom against RFC 4287's schema, JSON Feed against its own).
 */
const payloads = JSON.parse(
  await readFile(path.join(import.meta.dirname, "xss", "owasp-payloads.json"), "utf8"),
) as string[];

const fm = (data: Record<string, unknown>, body: string) => `---\n${stringify(data)}---\n${body}\n`;

let out: string;
let files: string[];

beforeAll(async () => {
  const site: Record<string, string> = {
    "curio.config.yml": stringify({
      title: payloads[1],
      description: payloads[2],
      baseUrl: "https://example.org/",
      timezone: "UTC",
    }),
    "content/curators/evil.md": fm(
      { name: payloads[3], url: "https://evil.example/?q=<script>" },
      payloads.join("\n\n"),
    ),
    "content/topics/xss/_topic.md": fm(
      {
        title: payloads[4],
        description: payloads[5],
        audience: payloads[6],
        curators: ["evil"],
        cta: {
          text: payloads[7],
          label: payloads[8],
          url: 'https://example.org/contact?x="><script>alert(1)</script>',
        },
      },
      payloads.slice(0, 40).join("\n\n"),
    ),
  };
  payloads.forEach((p, i) => {
    site[`content/topics/xss/2024-01-${String((i % 28) + 1).padStart(2, "0")}-payload-${i}.md`] =
      fm(
        {
          title: p,
          url: `https://source.example/article?q=${encodeURIComponent(p.toWellFormed())}&raw="><script>`,
          date: `2024-01-${String((i % 28) + 1).padStart(2, "0")}T${String(i % 24).padStart(2, "0")}:00`,
          tags: [`${p} ${i}`],
          image: `https://img.example/${i}.png?alt="><img src=x onerror=alert(1)>`,
          imageAlt: p,
          insight: p,
          via: { name: p, url: "https://via.example/" },
          comments: [{ author: p, date: "2024-02-01T10:00", text: p }],
        },
        p,
      );
  });
  const root = await makeSite(site);
  out = path.join(await tempDir(), "dist");
  const result = await buildSite(root, { outDir: out });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(result.ok).toBe(true);
  files = await listFiles(out);
});

const URL_ATTRIBUTES = [
  "href",
  "src",
  "action",
  "formaction",
  "data",
  "background",
  "lowsrc",
  "dynsrc",
  "poster",
  "cite",
  "xlink:href",
  "srcset",
];
const FORBIDDEN_ELEMENTS = [
  'script:not([type="application/ld+json"])',
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "style",
  "base",
  "applet",
  "form",
  "svg",
  "math",
  "meta[http-equiv]",
  "link[rel=import]",
];

/**
 * The CSS declarations of the default theme's email template: a digest email's styles are
 * moved onto its elements (mail clients drop style sheets), so there, and only there, a
 * `style` attribute is allowed when every declaration in it is one of the theme's own.
 */
const EMAIL_TEMPLATE = readFileSync(path.join(REPO_ROOT, "templates", "email.eta"), "utf8");
const EMAIL_DECLARATIONS = new Set(
  [
    // Its style sheet's rules, and the styles it gives `h.styled` for HTML it prints from data
    // (`{ p: "margin: 0 0 10px;", td: "padding: …" }`).
    ...[...EMAIL_TEMPLATE.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!),
    ...[...EMAIL_TEMPLATE.matchAll(/[a-z]+: "([^"]*)"/g)].map((m) => m[1]!),
    // `h.styled` turns a table cell's alignment class into one of these.
    "text-align: left; text-align: center; text-align: right",
  ]
    .flatMap((block) => block.split(";"))
    .map(normalizeDeclaration)
    .filter(Boolean),
);

function normalizeDeclaration(d: string): string {
  return d.replace(/["']/g, "").replace(/\s+/g, " ").trim();
}

/** Whether a style attribute holds only the email template's own declarations. */
function themeEmailStyle(value: string): boolean {
  return value
    .split(";")
    .map(normalizeDeclaration)
    .filter(Boolean)
    .every((d) => EMAIL_DECLARATIONS.has(d));
}

/**
 * Problems in a parsed HTML document or fragment: script-capable markup of any kind. With
 * `email`, the theme's own inlined styles are allowed (see `EMAIL_DECLARATIONS`).
 */
function scriptRisks($: cheerio.CheerioAPI, email = false): string[] {
  const risks: string[] = themeOwnSearch($);
  for (const sel of FORBIDDEN_ELEMENTS) if ($(sel).length > 0) risks.push(`<${sel}> element`);
  // The theme's own JSON-LD is the only script allowed: it must be one JSON value, in the head.
  $('script[type="application/ld+json"]').each((_, el) => {
    const text = $(el).text();
    if (el.parent?.type !== "tag" || el.parent.name !== "head")
      risks.push("JSON-LD outside <head>");
    try {
      JSON.parse(text);
    } catch {
      risks.push(`JSON-LD that is not JSON: ${text.slice(0, 80)}`);
    }
  });
  $("*").each((_, el) => {
    if (el.type !== "tag") return;
    for (const [name, value] of Object.entries(el.attribs)) {
      if (/^on/i.test(name)) risks.push(`${el.name} ${name}="${value}"`);
      if (name === "style" && !(email && themeEmailStyle(value)))
        risks.push(`${el.name} style="${value}"`);
      // eslint-disable-next-line no-control-regex
      const url = value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
      if (URL_ATTRIBUTES.includes(name) && /^(javascript|vbscript|data|livescript):/.test(url)) {
        risks.push(`${el.name} ${name}="${value}"`);
      }
    }
  });
  return risks;
}

/**
 * Checks, then takes out, the theme's own search markup, the one place a page may have a form
 * or (on the search page only) scripts: the header's box, exactly as the layout writes it, and
 * Pagefind's UI script and the theme's search script, loaded by address with nothing inline.
 */
function themeOwnSearch($: cheerio.CheerioAPI): string[] {
  const risks: string[] = [];
  $("form").each((_, el) => {
    const form = $(el);
    const fields = form.find("*").toArray();
    const own =
      form.is(
        'header.site-header form.site-search[role="search"][method="get"][action="/search/"]',
      ) &&
      Object.keys(el.attribs).sort().join() === "action,class,method,role" &&
      fields.length === 3 &&
      form.find('label[for="site-search-q"]').length === 1 &&
      form.find('input#site-search-q[name="q"][type="search"]').length === 1 &&
      form.find('button[type="submit"]').length === 1;
    if (!own) risks.push(`a form that is not the theme's search box: ${$.html(el).slice(0, 120)}`);
    else form.remove();
  });
  const searchPage = $("#search.search").length === 1;
  $("script[src]").each((_, el) => {
    const src = el.attribs.src ?? "";
    const own =
      searchPage &&
      $(el).text() === "" &&
      Object.keys(el.attribs).join() === "src" &&
      (src === "/pagefind/pagefind-ui.js" || /^\/assets\/search\.js\?v=[\w-]+$/.test(src));
    if (own) $(el).remove();
  });
  return risks;
}

describe("untrusted content, with OWASP's XSS payloads everywhere", () => {
  it("built every scoop", () => {
    expect(files.filter((f) => /^topics\/xss\/payload-\d+\/index\.html$/.test(f))).toHaveLength(
      payloads.length,
    );
  });

  it("publishes no script, no event handler and no script URL on any page", async () => {
    const html = files.filter((f) => f.endsWith(".html"));
    expect(html.length).toBeGreaterThan(payloads.length);
    for (const file of html) {
      const text = await readFile(path.join(out, file), "utf8");
      // No character HTML forbids (the payloads carry NUL, C0/C1 controls, lone surrogates).
      expect(
        text.match(
          // eslint-disable-next-line no-control-regex
          /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
        ),
        file,
      ).toBeNull();
      expect(scriptRisks(cheerio.load(text), file.endsWith("/email.html")), file).toEqual([]);
    }
  });

  it("shows the payloads as text, escaped, not as markup", async () => {
    const $ = cheerio.load(
      await readFile(path.join(out, "topics/xss/payload-2/index.html"), "utf8"),
    );
    expect($("h1").text()).toBe(payloads[2]);
    expect($(".comment__author").text()).toBe(payloads[2]);
  });

  it("keeps every feed valid (well-formed XML, Atom per RFC 4287, JSON Feed), with safe HTML content", async () => {
    const feeds = files.filter((f) => f.endsWith(".xml") || f.endsWith(".opml"));
    expect(feeds.length).toBeGreaterThanOrEqual(4);
    const parser = new XMLParser({
      ignoreAttributes: false,
      processEntities: true,
      htmlEntities: false,
    });
    for (const file of feeds) {
      const xml = await readFile(path.join(out, file), "utf8");
      expect(XMLValidator.validate(xml), file).toBe(true);
      const doc = parser.parse(xml) as {
        rss?: { channel: { item?: OneOrMore<{ "content:encoded": string }> } };
        feed?: { entry?: OneOrMore<{ content: { "#text"?: string } }> };
      };
      const html = [
        ...[doc.rss?.channel.item ?? []].flat().map((i) => i["content:encoded"]),
        ...[doc.feed?.entry ?? []].flat().map((e) => e.content["#text"] ?? ""),
      ];
      // A digest's feed carries each issue as its email shows it, styles inlined.
      const email = file.includes("/digests/");
      for (const h of html) expect(scriptRisks(cheerio.load(String(h)), email), file).toEqual([]);
    }
    const atoms = files.filter((f) => f.endsWith("atom.xml"));
    expect(atoms.length).toBeGreaterThan(payloads.length / 2);
    expect(
      jing(
        ATOM_RNC,
        atoms.map((f) => path.join(out, f)),
      ),
    ).toEqual({ ok: true, report: "" });
    const validate = jsonFeedValidator();
    for (const file of files.filter((f) => f.endsWith("feed.json"))) {
      const doc = JSON.parse(await readFile(path.join(out, file), "utf8")) as {
        items: { content_html: string }[];
      };
      expect(validate(doc) ? [] : validate.errors, file).toEqual([]);
      for (const item of doc.items)
        expect(
          scriptRisks(cheerio.load(item.content_html), file.includes("/digests/")),
          file,
        ).toEqual([]);
    }
  });
});

type OneOrMore<T> = T | T[];
