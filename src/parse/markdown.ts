import type { Root as HastRoot } from "hast";
import type { Heading, Nodes, Parent, Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import type { PluggableList } from "unified";
import { toHast } from "mdast-util-to-hast";
import { toHtml } from "hast-util-to-html";
import { defaultSchema, sanitize } from "hast-util-sanitize";
import type { Schema } from "hast-util-sanitize";
import type { LoadedPlugin, PluginKind } from "../load/markdown-plugins.js";
import { pluggable, reasonOf } from "../load/markdown-plugins.js";
import { isHttpUrl, isSafeUrl } from "../util/safe-url.js";
import { markdownLimitProblem, SIMPLIFY_HINT } from "./markdown-limits.js";
import { polishHtml } from "./polish-html.js";
import { gatedAutolinkTransform, unusedGfmConstructs, withoutConstructs } from "./lean-gfm.js";

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
  /**
   * The level the outermost heading is moved to (2 under a page's h1), and the level of the
   * footnotes' hidden heading (a comment's own headings become paragraphs; its footnotes'
   * heading is Curio's).
   */
  readonly headingBase?: number;
  /**
   * What every `id` in the HTML starts with (default `user-content-`). Footnotes and plugins make
   * ids; a prefix of the field's own keeps them unique on a page that shows many fields.
   */
  readonly idPrefix?: string;
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

/** A markdown plugin of the config threw: which plugin, and its message. */
export class MarkdownPluginError extends Error {
  constructor(
    readonly kind: PluginKind,
    readonly plugin: string,
    readonly reason: string,
  ) {
    super(`${kind} plugin \`${plugin}\` failed: ${reason}`);
    this.name = "MarkdownPluginError";
  }
}

/**
 * Renders markdown to sanitized HTML. Create one per build and reuse it.
 * Throws `MarkdownTooComplexError` for markdown beyond `MARKDOWN_LIMITS`, and
 * `MarkdownPluginError` when a plugin throws.
 */
export type MarkdownRenderer = (markdown: string, role: MarkdownRole) => RenderedMarkdown;

/** How markdown is read: the flavour, and the config's plugins. */
export interface MarkdownOptions {
  /** GitHub-flavoured markdown (default true). */
  readonly gfm?: boolean | undefined;
  /** remark and rehype plugins, in the config's order. */
  readonly plugins?: readonly LoadedPlugin[] | undefined;
}

/** The class the default theme hides text with, kept on the footnotes' heading. */
const HIDDEN = "visually-hidden";

/**
 * Sanitizer schema: GitHub's (which allows what GFM makes: tables, task-list checkboxes,
 * footnotes) with narrower protocols, plus `rel` and `loading`, and the theme's hidden class on
 * the footnotes' heading at any level.
 */
const schema: Schema = {
  ...defaultSchema,
  protocols: { href: ["http", "https", "mailto"], src: ["http", "https"], cite: ["http", "https"] },
  attributes: {
    ...defaultSchema.attributes,
    a: [...(defaultSchema.attributes?.a ?? []), "rel"],
    img: [...(defaultSchema.attributes?.img ?? []), "loading", "alt", "title"],
    ...Object.fromEntries(
      ["h2", "h3", "h4", "h5", "h6"].map((tag) => [
        tag,
        [
          ...(defaultSchema.attributes?.[tag] ?? []).filter(
            (a) => !Array.isArray(a) || a[0] !== "className",
          ),
          ["className", HIDDEN],
        ],
      ]),
    ),
  },
};

/**
 * Creates the markdown renderer: remark-parse (with GFM) → remark plugins → link and heading
 * policy → mdast-util-to-hast → rehype plugins → hast-util-sanitize → hast-util-to-html. These
 * are remark-html's own steps, run one by one so that plugins come before the sanitizer and
 * footnote ids can be made unique; raw HTML in markdown is dropped.
 * Root-relative URLs (`/topics/x/`) are site-relative and get the base path (`/digest/topics/x/`).
 * @param siteOrigin the site's origin (`https://example.org`); links elsewhere are external.
 * @param basePath the path the site lives under, with slashes at both ends (`/` or `/digest/`).
 * @throws MarkdownPluginError when a plugin rejects its options.
 */
export function createMarkdownRenderer(
  siteOrigin: string,
  basePath = "/",
  options: MarkdownOptions = {},
): MarkdownRenderer {
  const plugins = options.plugins ?? [];
  // Which plugin is at work, so that an error can name it: a marker before each plugin sets it.
  let running: LoadedPlugin | undefined;
  const pluggables = (kind: PluginKind): PluggableList =>
    plugins
      .filter((p) => p.kind === kind)
      .flatMap((p): PluggableList => [
        function marker() {
          running = p;
          return () => void (running = p);
        },
        pluggable(p),
      ]);
  const remarkPlugins = pluggables("remark");
  const rehypePlugins = pluggables("rehype");
  const gfm = options.gfm !== false;
  // GFM's autolink literals are looked for only where a text can have one, and a text that
  // cannot hold an email or a table is parsed without those constructs, to the same tree (see
  // `lean-gfm.ts`). With remark plugins, every text takes the one parser they were attached to.
  const parser = unified()
    .use(remarkParse)
    .use(gfm ? [remarkGfm, gatedAutolinkTransform] : [])
    .use(remarkPlugins);
  const leaner = new Map<string, typeof parser>();
  const parserFor = (markdown: string): typeof parser => {
    if (!gfm || remarkPlugins.length > 0) return parser;
    const unused = unusedGfmConstructs(markdown);
    if (unused.length === 0) return parser;
    const key = unused.join();
    let lean = leaner.get(key);
    if (lean === undefined) {
      lean = unified()
        .use(remarkParse)
        .use([remarkGfm, gatedAutolinkTransform, [withoutConstructs, unused]])
        .freeze();
      leaner.set(key, lean);
    }
    return lean;
  };
  const rehype = unified().use(rehypePlugins);
  try {
    parser.freeze();
    rehype.freeze();
  } catch (e) {
    throw pluginError(running, e);
  } finally {
    running = undefined;
  }
  const remarkRuns = remarkPlugins.length > 0;
  const rehypeRuns = rehypePlugins.length > 0;

  return (markdown, role) => {
    const problem = markdownLimitProblem(markdown);
    if (problem !== undefined) throw new MarkdownTooComplexError(problem.reason, problem.hint);
    try {
      const tree = parserFor(markdown).parse(markdown);
      if (remarkRuns) parser.runSync(tree);
      running = undefined;
      const gfmHtml = applyPolicy(tree, role, siteOrigin, basePath);
      const hast = toHast(tree, {
        clobberPrefix: "",
        footnoteLabelTagName: `h${role.headingBase ?? 2}`,
        footnoteLabelProperties: { className: [HIDDEN] },
      }) as HastRoot;
      if (rehypeRuns) rehype.runSync(hast);
      running = undefined;
      const prefix = role.idPrefix ?? "user-content-";
      const clean = sanitize(hast, { ...schema, clobberPrefix: prefix }) as HastRoot;
      if (gfmHtml || rehypeRuns) polishHtml(clean, prefix);
      return { html: toHtml(clean).trim(), text: plainText(tree) };
    } catch (e) {
      if (running) throw pluginError(running, e);
      if (e instanceof RangeError)
        throw new MarkdownTooComplexError("it is nested too deeply to render");
      throw e;
    } finally {
      running = undefined;
    }
  };
}

function pluginError(plugin: LoadedPlugin | undefined, e: unknown): unknown {
  if (!plugin) return e;
  return new MarkdownPluginError(plugin.kind, plugin.name, reasonOf(e));
}

/**
 * Applies the link and heading policy; says whether the tree has footnotes, tables or task
 * lists, whose HTML `polishHtml` finishes.
 */
function applyPolicy(
  tree: Root,
  role: MarkdownRole,
  siteOrigin: string,
  basePath: string,
): boolean {
  let gfmHtml = false;
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
      } else if (
        node.type === "footnoteDefinition" ||
        node.type === "table" ||
        (node.type === "listItem" && typeof node.checked === "boolean")
      ) {
        gfmHtml = true;
      }
      if ("children" in node) walk(node);
    }
  };
  walk(tree);
  if (headings.length === 0) return gfmHtml;
  if (role.kind === "comment") {
    for (const h of headings) (h as unknown as { type: string }).type = "paragraph";
    return gfmHtml;
  }
  // Map the distinct heading levels used, in order, onto base, base+1, …: no skipped levels.
  const base = role.headingBase ?? 2;
  const levels = [...new Set(headings.map((h) => h.depth))].sort((a, b) => a - b);
  for (const h of headings) {
    h.depth = Math.min(6, base + levels.indexOf(h.depth)) as Heading["depth"];
  }
  return gfmHtml;
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
  "tableRow",
  "thematicBreak",
  "break",
]);

/**
 * Plain text of a markdown tree: the words of each block on one line, blocks one per line
 * (`oneLine` joins them for a meta description); a table row's cells are joined by ` · `.
 */
export function plainText(tree: Nodes): string {
  const parts: string[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === "text" || node.type === "inlineCode" || node.type === "code") {
      parts.push(node.value.replace(/\s+/g, " "));
    } else if (node.type === "tableRow") {
      node.children.forEach((cell, i) => {
        if (i > 0) parts.push(" · ");
        walk(cell);
      });
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
