import type { Diagnostic, Position } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";
import type { MarkdownRenderer, MarkdownRole, RenderedMarkdown } from "./markdown.js";
import { MarkdownTooComplexError } from "./markdown.js";

/** Which markdown field of which file is being rendered, for the diagnostic if it fails. */
export interface MarkdownField {
  readonly file: string;
  readonly position: Position;
  /** "the body", "`insight`", "`comments.0.text`". */
  readonly label: string;
}

/**
 * Renders one markdown field; markdown too complex to render safely becomes a
 * `markdown-too-complex` error at the field instead of a crash or a hang.
 */
export function renderMarkdownField(
  markdown: MarkdownRenderer,
  text: string,
  role: MarkdownRole,
  field: MarkdownField,
  diagnostics: Diagnostic[],
): RenderedMarkdown | undefined {
  try {
    return markdown(text, role);
  } catch (e) {
    if (!(e instanceof MarkdownTooComplexError)) throw e;
    diagnostics.push(
      error(
        "markdown-too-complex",
        `${field.label} cannot be rendered: ${e.reason}`,
        { file: field.file, position: field.position },
        e.hint,
      ),
    );
    return undefined;
  }
}
