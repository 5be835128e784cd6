import type { Element, ElementContent, RootContent } from "hast";
import { htmlToMarkdown, parseHtmlFragment } from "./html-to-markdown.js";

/** An imported item's body: the excerpt, and the insight when the source had one. */
export interface ScoopParts {
  readonly excerpt: string;
  readonly insight?: string;
}

/**
 * An item's HTML content as a scoop's body, in markdown. Content shaped like a curated scoop
 * (Curio's own feeds, and any that quote the article): an optional picture, an optional label
 * paragraph that ends in "insight" followed by the curator's words, one blockquote, and an
 * optional "Read at …" link; the quote becomes the excerpt and the words after the label the
 * insight. Any other content is the excerpt as it is.
 */
export function scoopParts(html: string): ScoopParts {
  const tree = parseHtmlFragment(html);
  const blocks = tree.children.filter(
    (c): c is Element => c.type === "element" || (c.type === "text" && c.value.trim() !== ""),
  ) as RootContent[];
  if (blocks.some((b) => b.type !== "element")) return { excerpt: htmlToMarkdown(tree) };
  const els = blocks as Element[];
  let i = 0;
  if (isPictureParagraph(els[i])) i++;
  let insight: Element[] | undefined;
  if (isInsightLabel(els[i])) {
    const quote = els.findIndex((e, k) => k > i && e.tagName === "blockquote");
    if (quote < 0) return { excerpt: htmlToMarkdown(tree) };
    insight = els.slice(i + 1, quote);
    i = quote;
  }
  const quote = els[i];
  const rest = els.slice(i + 1);
  const tail = rest.length === 0 || (rest.length === 1 && isSourceLink(rest[0]!));
  if (quote?.tagName !== "blockquote" || !tail) return { excerpt: htmlToMarkdown(tree) };
  const excerpt = htmlToMarkdown(quote.children as ElementContent[] as RootContent[]);
  const words = insight === undefined ? "" : htmlToMarkdown(insight);
  return words === "" ? { excerpt } : { excerpt, insight: words };
}

function textOf(node: ElementContent | RootContent): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

/** `<p><img …></p>`: the picture a feed entry leads with. */
function isPictureParagraph(el: Element | undefined): boolean {
  if (el?.tagName !== "p") return false;
  const kids = el.children.filter((c) => !(c.type === "text" && c.value.trim() === ""));
  return kids.length === 1 && kids[0]!.type === "element" && kids[0]!.tagName === "img";
}

/** `<p><strong>Ann’s insight</strong></p>`: the label before a curator's words. */
function isInsightLabel(el: Element | undefined): boolean {
  if (el?.tagName !== "p") return false;
  const kids = el.children.filter((c) => !(c.type === "text" && c.value.trim() === ""));
  return (
    kids.length === 1 &&
    kids[0]!.type === "element" &&
    (kids[0]!.tagName === "strong" || kids[0]!.tagName === "b") &&
    /\binsight$/i.test(textOf(kids[0]!).trim())
  );
}

/** `<p><a href="…">Read at example.com</a></p>`: where the whole article is. */
function isSourceLink(el: Element): boolean {
  if (el.tagName !== "p") return false;
  const kids = el.children.filter((c) => !(c.type === "text" && c.value.trim() === ""));
  return (
    kids.length === 1 &&
    kids[0]!.type === "element" &&
    kids[0]!.tagName === "a" &&
    /^read (at |the source)/i.test(textOf(kids[0]!).trim())
  );
}
