import type { Nodes, Root } from "mdast";
import type { Processor } from "unified";

/**
 * Parts of GFM that cost time on every text, skipped where a text cannot use them; the trees are
 * the same (`tests/unit/lean-gfm.test.ts`):
 * - autolink literals (`www.example.org`, `https://example.org`, `ada@example.org`): micromark
 *   tries an email at the start of every word, and `mdast-util-gfm-autolink-literal` runs four
 *   regular expressions over every text of the tree afterwards. Both find something only where a
 *   text has an `@`, `www.` or `://`.
 * - tables: micromark tries a table at the start of every paragraph line. A table's delimiter
 *   row has a `|`, or a `:` beside a `-`.
 *
 * Measured on the bench corpus, 1,000 scoops of the example's sentences: micromark 1.33 s with
 * the email construct, 0.79 s without; mdast 2.97 s with the autolink transform, 2.14 s without.
 */

/** The names micromark gives GFM's email autolink literal and its table. */
const EMAIL_AUTOLINK = "emailAutolink";
const TABLE = "table";

/** The name of `mdast-util-gfm-autolink-literal`'s transform. */
const AUTOLINK_TRANSFORM = "transformGfmAutolinkLiterals";

/** What every autolink literal the transform finds contains (its expressions are case-blind). */
const LITERAL_MARK = /@|https?:\/\/|www\./i;

/**
 * The GFM constructs that cannot match anywhere in `markdown`, by name: the email autolink
 * without an `@` (the construct reads characters as written; an `@` that an entity spells,
 * `a&#64;b.org`, is found by the transform, which runs on decoded text), and the table without a
 * `|`, `:-` or `-:`.
 */
export function unusedGfmConstructs(markdown: string): string[] {
  const unused: string[] = [];
  if (!markdown.includes("@")) unused.push(EMAIL_AUTOLINK);
  if (!markdown.includes("|") && !/:-|-:/.test(markdown)) unused.push(TABLE);
  return unused;
}

/**
 * A remark plugin, used right after `remark-gfm`: removes the named constructs from the
 * micromark extensions the processor has so far (`unusedGfmConstructs` of a text).
 */
export function withoutConstructs(this: Processor, names: readonly string[]): void {
  const data = this.data();
  const extensions = data.micromarkExtensions as SyntaxExtension[] | undefined;
  data.micromarkExtensions = (extensions ?? []).map((e) =>
    without(e, names),
  ) as typeof data.micromarkExtensions;
}

/**
 * A remark plugin: runs `mdast-util-gfm-autolink-literal`'s transform only on a tree that has a
 * text with an `@`, `www.` or `http(s)://` in it; elsewhere its expressions cannot match.
 */
export function gatedAutolinkTransform(this: Processor): void {
  const data = this.data();
  const extensions = data.fromMarkdownExtensions as MdastExtension[] | undefined;
  data.fromMarkdownExtensions = (extensions ?? []).map(
    gateTransforms,
  ) as typeof data.fromMarkdownExtensions;
}

/** Whether the autolink transform finds anything to do: a text with an autolink's mark. */
export function hasLiteralMark(tree: Nodes): boolean {
  if (tree.type === "text") return LITERAL_MARK.test(tree.value);
  if (!("children" in tree)) return false;
  for (const child of tree.children) if (hasLiteralMark(child)) return true;
  return false;
}

/** A micromark syntax extension: construct records by field (`text`, `flow`, …) and character code. */
type SyntaxExtension = Readonly<Record<string, unknown>>;

function without(extension: SyntaxExtension, names: readonly string[]): SyntaxExtension {
  const out: Record<string, unknown> = {};
  for (const [field, record] of Object.entries(extension)) {
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      out[field] = record;
      continue;
    }
    const kept: Record<string, unknown> = {};
    for (const [code, constructs] of Object.entries(record as Record<string, unknown>)) {
      const list = (Array.isArray(constructs) ? constructs : [constructs]).filter(
        (c: { name?: string } | null | undefined) =>
          c?.name === undefined || !names.includes(c.name),
      );
      if (list.length > 0) kept[code] = list;
    }
    out[field] = kept;
  }
  return out;
}

/** An mdast extension (or a list of them, as `gfmFromMarkdown()` gives), in from-markdown's terms. */
type MdastExtension =
  { readonly transforms?: readonly Transform[] | null | undefined } | readonly MdastExtension[];
type Transform = (tree: Root) => Root | undefined | void;

function gateTransforms(extension: MdastExtension): MdastExtension {
  if (Array.isArray(extension)) return (extension as readonly MdastExtension[]).map(gateTransforms);
  const { transforms } = extension as { readonly transforms?: readonly Transform[] | null };
  if (!transforms?.some((t) => t.name === AUTOLINK_TRANSFORM)) return extension;
  return {
    ...extension,
    transforms: transforms.map((t) =>
      t.name === AUTOLINK_TRANSFORM
        ? (tree: Root) => (hasLiteralMark(tree) ? t(tree) : undefined)
        : t,
    ),
  };
}
