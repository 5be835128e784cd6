import type { Element, Nodes, Root, RootContent } from "hast";
import rehypeParse from "rehype-parse";
import rehypeRemark from "rehype-remark";
import remarkStringify from "remark-stringify";
import { unified } from "unified";

/** Elements whose content is never an excerpt's: code that runs, embeds, forms, styles. */
const DROPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "form",
  "input",
  "button",
  "select",
  "textarea",
  "svg",
  "math",
  "link",
  "meta",
  "base",
]);

const toMarkdown = unified()
  .use(rehypeRemark)
  .use(remarkStringify, { bullet: "-", emphasis: "_", strong: "*", fences: true, rule: "-" })
  .freeze();

/** HTML (a fragment, as feeds carry it) as a hast tree. */
export function parseHtmlFragment(html: string): Root {
  return unified().use(rehypeParse, { fragment: true }).parse(html);
}

/**
 * HTML from a feed or a page as clean markdown, through the unified ecosystem (rehype-parse →
 * rehype-remark → remark-stringify): links, lists, emphasis, quotes, headings and pictures
 * kept; scripts, styles, embeds, iframes, forms and tracking pixels (images of 1 × 1 or 0
 * pixels) dropped. Curio sanitizes what it renders anyway; this keeps the file clean to read.
 */
export function htmlToMarkdown(html: string | Root | readonly RootContent[]): string {
  const tree: Root =
    typeof html === "string"
      ? parseHtmlFragment(html)
      : "type" in html && html.type === "root"
        ? html
        : { type: "root", children: [...(html as readonly RootContent[])] };
  const cleaned = clean(structuredClone(tree));
  const mdast = toMarkdown.runSync(cleaned as Root);
  return toMarkdown.stringify(mdast).trim();
}

function clean<T extends Nodes>(node: T): T {
  if ("children" in node) {
    node.children = node.children.filter((c) => !dropped(c)) as typeof node.children;
    for (const c of node.children) clean(c);
  }
  return node;
}

function dropped(node: RootContent): boolean {
  if (node.type === "comment") return true;
  if (node.type !== "element") return false;
  if (DROPPED.has(node.tagName)) return true;
  return node.tagName === "img" && isPixel(node);
}

/** A tracking pixel: an image declared 1 × 1 (or 0) pixels, or hidden. */
function isPixel(img: Element): boolean {
  const size = (v: unknown) => (v === undefined ? undefined : Number(String(v)));
  const w = size(img.properties.width);
  const h = size(img.properties.height);
  if ((w !== undefined && w <= 1) || (h !== undefined && h <= 1)) return true;
  return /display\s*:\s*none/i.test(String(img.properties.style ?? ""));
}
