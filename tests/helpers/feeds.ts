import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import type { ValidateFunction } from "ajv";
import ajvFormats from "ajv-formats";
import * as cheerio from "cheerio";
import { XMLParser } from "fast-xml-parser";
import { REPO_ROOT } from "./sites.js";

/** RFC 4287 Appendix B, the Atom RELAX NG compact schema. */
export const ATOM_RNC = path.join(REPO_ROOT, "tests", "feeds", "atom.rnc");
/** The JSON Feed 1.1 JSON Schema. */
export const JSON_FEED_SCHEMA = path.join(REPO_ROOT, "tests", "feeds", "jsonfeed-1.1.schema.json");
/** The W3C Nu checker's jar (npm `vnu-jar`), which bundles Jing, the RELAX NG validator. */
const VNU_JAR = path.join(REPO_ROOT, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
/** Jing's command-line driver, as the Nu checker's jar packages it. */
const JING_DRIVER = "nu.validator.vendor.thaiopensource.relaxng.util.Driver";

/**
 * Validates XML files against a RELAX NG compact schema with Jing. Returns Jing's report:
 * `ok` when it exited 0, and its messages (one per line, empty when valid). Throws, so the
 * test fails, when Java or the jar is missing: these checks are never skipped.
 */
export function jing(schema: string, files: readonly string[]): { ok: boolean; report: string } {
  if (!existsSync(VNU_JAR)) {
    throw new Error(`${VNU_JAR} is missing: run npm ci (the vnu-jar package ships Jing)`);
  }
  const run = spawnSync("java", ["-cp", VNU_JAR, JING_DRIVER, "-c", schema, ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) {
    throw new Error(
      `Java is needed to validate Atom feeds against the RFC 4287 RELAX NG schema, but \`java\` could not be run (${run.error.message}): install a Java runtime, 11 or newer (apt-get install default-jre-headless)`,
    );
  }
  return { ok: run.status === 0, report: `${run.stdout}${run.stderr}`.trim() };
}

/** A validator for JSON Feed 1.1 documents (Ajv, draft-07, with RFC 3339 and URI formats). */
export function jsonFeedValidator(): ValidateFunction {
  // Strict, except that `required` may name properties declared next to an `anyOf`.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  // ajv-formats is CommonJS: its plugin is `module.exports`, and also its `default`.
  ajvFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(JSON_FEED_SCHEMA, "utf8")) as object);
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  processEntities: true,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

/** Fields that hold a URL: XML elements and attributes (`@_…`), JSON Feed keys. */
const URL_FIELD =
  /^(link|guid|id|uri|url|@_href|@_src|@_uri|@_scheme|@_xmlUrl|@_htmlUrl|.*_url|icon|favicon|avatar|image|banner_image|logo)$/;
/** Fields that hold HTML whose links readers follow. */
const HTML_FIELD = /^(content:encoded|content|content_html)$/;

/**
 * Every URL in a feed (RSS, Atom or JSON Feed), with where it is: link, id, guid and url fields,
 * href-like attributes, and every href/src in the HTML content. Walks the whole document, so a
 * field added later is covered without changing this list.
 */
export function urlsInFeed(file: string, text: string): { where: string; url: string }[] {
  const out: { where: string; url: string }[] = [];
  const walk = (value: unknown, key: string, where: string): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, key, `${where}[${i}]`));
      return;
    }
    if (value !== null && typeof value === "object") {
      const obj = value as Record<string, unknown>;
      if (HTML_FIELD.test(key) && typeof obj["#text"] === "string") {
        out.push(...urlsInHtml(obj["#text"], where));
      }
      for (const [k, v] of Object.entries(obj)) {
        // Processing instructions (`<?xml-stylesheet href=…?>`) are for browsers, not readers:
        // the stylesheet must come from the origin the feed is served from, so its URL is
        // site-relative on purpose (feed-stylesheet.test.ts opens it).
        if (!k.startsWith("?")) walk(v, k, `${where}.${k}`);
      }
      return;
    }
    if (typeof value !== "string") return;
    if (HTML_FIELD.test(key)) out.push(...urlsInHtml(value, where));
    else if (URL_FIELD.test(key) || (key === "#text" && URL_FIELD.test(parentKey(where)))) {
      out.push({ where, url: value });
    }
  };
  walk(file.endsWith(".json") ? JSON.parse(text) : xml.parse(text), "", file);
  return out;
}

function parentKey(where: string): string {
  const parts = where.replace(/\[\d+\]/g, "").split(".");
  return parts[parts.length - 2] ?? "";
}

/** Every href and src in an HTML fragment. */
export function urlsInHtml(html: string, where: string): { where: string; url: string }[] {
  const $ = cheerio.load(html, null, false);
  const out: { where: string; url: string }[] = [];
  $("[href], [src]").each((_, el) => {
    for (const attr of ["href", "src"]) {
      const url = $(el).attr(attr);
      if (url !== undefined) out.push({ where: `${where} <${el.tagName} ${attr}>`, url });
    }
  });
  return out;
}

/** True for an absolute http(s) URL (a `mailto:` link is absolute too, and allowed in content). */
export function isAbsoluteUrl(url: string): boolean {
  if (!/^(https?:\/\/|mailto:)/i.test(url)) return false;
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

/** Parses feed XML into plain objects (attributes as `@_name`), for the tests' own checks. */
export function parseXml(text: string): Record<string, unknown> {
  return xml.parse(text) as Record<string, unknown>;
}
