import type { Element, ElementContent, Root, RootContent } from "hast";

/**
 * Fix-ups of sanitized HTML, for what GitHub-flavoured markdown and plugins make, so that it is
 * valid and accessible in a page that shows many fields. One walk:
 * - a `#fn-1` link whose target the sanitizer prefixed (`c-1f0e9a2b-fn-1`) is pointed at it;
 * - a table cell's `align` (obsolete in HTML) becomes the class `align-left`, `-center` or
 *   `-right`, which the theme styles;
 * - a task list's checkbox is put in a `<label>` with the item's text, so that it has a name.
 * Runs after the sanitizer: what it adds is Curio's, not the content's.
 */
export function polishHtml(tree: Root, idPrefix: string): void {
  const ids = new Set<string>();
  const links: Element[] = [];
  const walk = (parent: Root | Element): void => {
    for (const node of parent.children) {
      if (node.type !== "element") continue;
      const props = node.properties;
      if (typeof props["id"] === "string") ids.add(props["id"]);
      if (node.tagName === "a" && typeof props["href"] === "string" && props["href"][0] === "#") {
        links.push(node);
      } else if ((node.tagName === "td" || node.tagName === "th") && props["align"]) {
        props["className"] = [`align-${String(props["align"])}`];
        delete props["align"];
      } else if (node.tagName === "li" && isTaskItem(node)) {
        labelCheckbox(node);
      }
      walk(node);
    }
  };
  walk(tree);
  for (const a of links) {
    const target = idPrefix + (a.properties["href"] as string).slice(1);
    if (ids.has(target)) a.properties["href"] = `#${target}`;
  }
}

function isTaskItem(li: Element): boolean {
  const classes = li.properties["className"];
  return Array.isArray(classes) && classes.includes("task-list-item");
}

/** Elements that end a task's label: the blocks that may follow it in its item. */
const BLOCKS = new Set(["ul", "ol", "p", "div", "blockquote", "pre", "table", "section"]);

/**
 * `<li><input> text<ul>…</ul></li>` → `<li><label><input> text</label><ul>…</ul></li>`; in a
 * loose list the checkbox and text are in the item's first paragraph, which gets the label.
 */
function labelCheckbox(li: Element): void {
  const first = li.children.find(
    (c) => c.type === "element" || (c.type === "text" && c.value.trim()),
  );
  const holder = first?.type === "element" && first.tagName === "p" ? first : li;
  const start = holder.children.findIndex((c) => c.type === "element" && c.tagName === "input");
  if (start === -1) return;
  let end = start + 1;
  while (end < holder.children.length) {
    const c = holder.children[end]!;
    if (c.type === "element" && BLOCKS.has(c.tagName)) break;
    end++;
  }
  // The line break before a sublist stays outside the label.
  while (end > start + 1) {
    const last = holder.children[end - 1]!;
    if (last.type !== "text" || last.value.trim() !== "") break;
    end--;
  }
  const label: Element = {
    type: "element",
    tagName: "label",
    properties: {},
    children: holder.children.slice(start, end) as ElementContent[],
  };
  (holder.children as (RootContent | ElementContent)[]).splice(start, end - start, label);
}
