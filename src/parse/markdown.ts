import type { Heading, Nodes, Parent, Root } from "mdast";
import remarkHtml from "remark-html";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { defaultSchema } from "hast-util-sanitize";
import type { Schema } from "hast-util-sanitize";
import { isHttpUrl, isSafeUrl } from "../util/safe-url.js";
import { markdownLimitProblem, SIMPLIFY_HINT } from "./markdown-limits.js";

/** Markdown rendered to sanitized HTML, with its plain text for summaries and feeds. */
export interface RenderedMarkdown {
  readonly html: string;
  readonly text: string;
}

/**
 * What a piece of markdown is, which decides its link policy and heading levels.
 * - `content`: excerpts, insights, topic and curator bodies; external links get `rel="noopener"`.
 * - `comment`: text from strangers; external links also get `nofollow ugc`, headings become paragraphs.
 */
export interface MarkdownRole {
  readonly kind: "content" | "comment";
  /** The level the outermost heading is moved to (2 under a page's h1). */
  readonly headingBase?: number;
}

/**
 * Markdown too complex to render safely: too deep, too many markers or elements, or it
 * overflowed the stack. `hint` says how to fix it.
 */
export class MarkdownTooComplexError extends Error {
  constructor(
    readonly reason: string,
    readonly hint = SIMPLIFY_HINT,
  ) {
    super(reason);
    this.name = "MarkdownTooComplexError";
  }
}

/**
 * Renders markdown to sanitized HTML. Create one per build and reuse it.
 * Throws `MarkdownTooComplexError` for markdown beyond `MARKDOWN_LIMITS`.
 */
export type MarkdownRenderer = (markdown: string, role: MarkdownRole) => RenderedMarkdown;

/** Sanitizer schema: remark-html's default (GitHub's) but narrower protocols, plus `rel` and `loading`. */
const schema: Schema = {
  ...defaultSchema,
  protocols: { href: ["http", "https", "mailto"], src: ["http", "https"], cite: ["http", "https"] },
  attributes: {
    ...defaultSchema.attributes,
    a: [...(defaultSchema.attributes?.a ?? []), "rel"],
    img: [...(defaultSchema.attributes?.img ?? []), "loading", "alt", "title"],
  },
};

/**
 * Creates the markdown renderer: remark-parse → link and heading policy → remark-html
 * (sanitized; raw HTML in markdown is dropped).
 * Root-relative URLs (`/topics/x/`) are site-relative and get the base path (`/digest/topics/x/`).
 * @param siteOrigin the site's origin (`https://example.org`); links elsewhere are external.
 * @param basePath the path the site lives under, with slashes at both ends (`/` or `/digest/`).
 */
export function createMarkdownRenderer(siteOrigin: string, basePath = "/"): MarkdownRenderer {
  const parser = unified().use(remarkParse);
  const compiler = unified().use(remarkHtml, { sanitize: schema });
  return (markdown, role) => {
    const problem = markdownLimitProblem(markdown);
    if (problem !== undefined) throw new MarkdownTooComplexError(problem.reason, problem.hint);
    try {
      const tree = parser.parse(markdown);
      applyPolicy(tree, role, siteOrigin, basePath);
      const html = compiler.stringify(tree).trim();
      return { html, text: plainText(tree) };
    } catch (e) {
      if (e instanceof RangeError)
        throw new MarkdownTooComplexError("it is nested too deeply to render");
      throw e;
    }
  };
}

function applyPolicy(tree: Root, role: MarkdownRole, siteOrigin: string, basePath: string): void {
  const rel = role.kind === "comment" ? ["nofollow", "ugc", "noopener"] : ["noopener"];
  const headings: Heading[] = [];
  // One walk, in document order (a generic visitor cost about 4% of parsing a scoop).
  // Unsafe links keep their text; unsafe images and definitions are dropped.
  const walk = (parent: Parent): void => {
    const children = parent.children as Nodes[];
    for (let i = 0; i < children.length; i++) {
      const node = children[i]!;
      if (node.type === "link" || node.type === "definition" || node.type === "image") {
        if (!isSafeUrl(node.url)) {
          const replacement = node.type === "link" ? node.children : [];
          children.splice(i, 1, ...replacement);
          i--; // the link's children, now in its place, are walked next
          continue;
        }
        if (basePath !== "/" && node.url.startsWith("/") && !node.url.startsWith("//")) {
          node.url = basePath + node.url.slice(1);
        }
        if (node.type === "link" && isExternal(node.url, siteOrigin)) {
          node.data = { ...node.data, hProperties: { rel } };
        }
        if (node.type === "image") {
          node.data = { ...node.data, hProperties: { loading: "lazy" } };
        }
      } else if (node.type === "heading") {
        headings.push(node);
      }
      if ("children" in node) walk(node);
    }
  };
  walk(tree);
  if (headings.length === 0) return;
  if (role.kind === "comment") {
    for (const h of headings) (h as unknown as { type: string }).type = "paragraph";
    return;
  }
  // Map the distinct heading levels used, in order, onto base, base+1, …: no skipped levels.
  const base = role.headingBase ?? 2;
  const levels = [...new Set(headings.map((h) => h.depth))].sort((a, b) => a - b);
  for (const h of headings) {
    h.depth = Math.min(6, base + levels.indexOf(h.depth)) as Heading["depth"];
  }
}

function isExternal(url: string, siteOrigin: string): boolean {
  if (!isHttpUrl(url)) return false;
  try {
    return new URL(url).origin !== siteOrigin;
  } catch {
    return true;
  }
}

const BLOCKS = new Set([
  "paragraph",
  "heading",
  "blockquote",
  "listItem",
  "code",
  "tableCell",
  "thematicBreak",
  "break",
]);

/**
 * Plain text of a markdown tree: the words of each block on one line, blocks one per line
 * (`oneLine` joins them for a meta description).
 */
export function plainText(tree: Nodes): string {
  const parts: string[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === "text" || node.type === "inlineCode" || node.type === "code") {
      parts.push(node.value.replace(/\s+/g, " "));
    } else if ("children" in node) {
      for (const child of node.children) walk(child as Nodes);
    }
    if (BLOCKS.has(node.type)) parts.push(node.type === "break" ? " " : "\n");
  };
  walk(tree);
  return parts
    .join("")
    .replace(/ *\n\s*/g, "\n")
    .replace(/ {2,}/g, " ")
    .trim();
}
