import type { Nodes, Root } from "mdast";
import type { Processor } from "unified";

/**
 * GFM's autolink literals (`www.example.org`, `https://example.org`, `ada@example.org`) cost
 * more than the rest of GFM together on prose, because they are looked for everywhere: micromark
 * tries an email at the start of every word, and `mdast-util-gfm-autolink-literal` runs four
 * regular expressions over every text of the tree afterwards. Both can only find something where
 * the text has an `@`, `www.` or `://`. The two plugins here, used right after `remark-gfm`,
 * skip the search where those are absent; the trees are the same
 * (`tests/unit/lean-gfm.test.ts`). Measured on the bench corpus, 1,000 scoops of the example's
 * sentences: micromark 1.33 s with the email construct, 0.79 s without; mdast 2.97 s with the
 * transform, 2.14 s without.
 */

/** The name micromark gives GFM's email autolink literal, in `micromark-extension-gfm-autolink-literal`. */
const EMAIL_AUTOLINK = "emailAutolink";

/** The name of `mdast-util-gfm-autolink-literal`'s transform. */
const AUTOLINK_TRANSFORM = "transformGfmAutolinkLiterals";

/** What every autolink literal the transform finds contains (its expressions are case-blind). */
const LITERAL_MARK = /@|https?:\/\/|www\./i;

/**
 * Whether GFM's email autolink construct could match somewhere in `markdown`: only where the
 * text has an `@` (the construct reads the characters as written; an `@` that an entity spells,
 * `a&#64;b.org`, is found by the transform, which runs on decoded text).
 */
export function mayHaveEmailAutolink(markdown: string): boolean {
  return markdown.includes("@");
}

/**
 * A remark plugin: removes GFM's email autolink construct from the micromark extensions the
 * processor has so far. For texts without an `@` (`mayHaveEmailAutolink`).
 */
export function withoutEmailAutolinks(this: Processor): void {
  const data = this.data();
  const extensions = data.micromarkExtensions as SyntaxExtension[] | undefined;
  data.micromarkExtensions = (extensions ?? []).map(
    withoutEmail,
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

function withoutEmail(extension: SyntaxExtension): SyntaxExtension {
  const out: Record<string, unknown> = {};
  for (const [field, record] of Object.entries(extension)) {
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      out[field] = record;
      continue;
    }
    const kept: Record<string, unknown> = {};
    for (const [code, constructs] of Object.entries(record as Record<string, unknown>)) {
      const list = (Array.isArray(constructs) ? constructs : [constructs]).filter(
        (c: { name?: string } | null | undefined) => c?.name !== EMAIL_AUTOLINK,
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
