import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Curator } from "../model.js";
import type { FrontMatter } from "./front-matter.js";
import type { MarkdownRenderer } from "./markdown.js";
import { checkSchema } from "./check-schema.js";
import { checkUrl } from "./field-checks.js";
import { renderMarkdownField } from "./render-field.js";
import { curatorSchema } from "./schemas.js";

/** Turns a parsed `content/curators/<id>.md` into a Curator. */
export function validateCurator(
  id: string,
  file: string,
  fm: FrontMatter,
  markdown: MarkdownRenderer,
): { curator?: Curator; diagnostics: Diagnostic[] } {
  const where = { file, positions: fm.positions, fallback: { line: 1, column: 1 } };
  const { value, diagnostics } = checkSchema(curatorSchema, fm.data, where);
  if (!value) return { diagnostics };
  const url =
    value.url === undefined ? undefined : checkUrl(value.url, "url", true, where, diagnostics);
  const avatar =
    value.avatar === undefined
      ? undefined
      : checkUrl(value.avatar, "avatar", false, where, diagnostics);
  const bio = renderMarkdownField(
    markdown,
    fm.body,
    { kind: "content", headingBase: 2 },
    { file, position: { line: fm.bodyLine, column: 1 }, label: "the bio (the file's body)" },
    diagnostics,
  );
  if (!bio) return { diagnostics };
  const curator: Curator = {
    id,
    file,
    name: value.name,
    ...(url === undefined ? {} : { url }),
    ...(avatar === undefined ? {} : { avatar }),
    bioHtml: bio.html,
  };
  return { curator, diagnostics };
}
