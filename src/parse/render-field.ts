import type { Diagnostic, Position } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";
import type { MarkdownRenderer, MarkdownRole, RenderedMarkdown } from "./markdown.js";
import { MarkdownPluginError, MarkdownTooComplexError } from "./markdown.js";
import { hash } from "node:crypto";

/** Which markdown field of which file is being rendered, for the diagnostic if it fails. */
export interface MarkdownField {
  readonly file: string;
  readonly position: Position;
  /** "the body", "`insight`", "`comments.0.text`". */
  readonly label: string;
}

/**
 * Renders one markdown field; markdown too complex to render safely becomes a
 * `markdown-too-complex` error at the field instead of a crash or a hang, and a plugin that
 * throws a `markdown-plugin-failed` error naming the plugin. The field's ids (footnotes,
 * plugins' heading anchors) start with a prefix of its own, so that a list page showing many
 * fields has no id twice.
 */
export function renderMarkdownField(
  markdown: MarkdownRenderer,
  text: string,
  role: MarkdownRole,
  field: MarkdownField,
  diagnostics: Diagnostic[],
): RenderedMarkdown | undefined {
  try {
    return markdown(text, { ...role, idPrefix: fieldIdPrefix(field) });
  } catch (e) {
    if (e instanceof MarkdownPluginError) {
      diagnostics.push(
        error(
          "markdown-plugin-failed",
          `${e.kind} plugin \`${e.plugin}\` failed on ${field.label}: ${e.reason}`,
          { file: field.file, position: field.position },
          `fix the markdown the plugin chokes on, update \`${e.plugin}\`, or remove it from \`markdown.${e.kind}Plugins\` in curio.config.yml`,
        ),
      );
      return undefined;
    }
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

/** `c-` and 8 hex digits of the field's file and name, then `-`: `c-1f0e9a2b-fn-1`. */
export function fieldIdPrefix(field: Pick<MarkdownField, "file" | "label">): string {
  return `c-${hash("sha1", `${field.file}\0${field.label}`, "hex").slice(0, 8)}-`;
}
