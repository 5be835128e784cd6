import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";
import type { DigestNote } from "../model.js";
import type { FrontMatter } from "./front-matter.js";
import type { MarkdownRenderer } from "./markdown.js";
import { checkSchema } from "./check-schema.js";
import { renderMarkdownField } from "./render-field.js";
import { digestNoteSchema } from "./schemas.js";

/** The name of a digest issue: an ISO week (`2019-w16`) or a month (`2019-04`). */
export const PERIOD_NAME = /^\d{4}-(w(0[1-9]|[1-4]\d|5[0-3])|(0[1-9]|1[0-2]))$/;

/** Turns a parsed `content/topics/<topic>/digests/<period>.md` into an editor's note. */
export function validateDigestNote(
  topicId: string,
  period: string,
  file: string,
  fm: FrontMatter,
  markdown: MarkdownRenderer,
): { note?: DigestNote; diagnostics: Diagnostic[] } {
  if (!PERIOD_NAME.test(period))
    return {
      diagnostics: [
        error(
          "bad-digest-note",
          `\`${period}\` is not the name of a digest issue, so this note belongs to none`,
          { file, position: { line: 1, column: 1 } },
          "name the file after its issue: 2019-w16.md for ISO week 16 of 2019, 2019-04.md for April 2019",
        ),
      ],
    };
  const where = { file, positions: fm.positions, fallback: { line: 1, column: 1 } };
  const { value, diagnostics } = checkSchema(digestNoteSchema, fm.data, where);
  if (!value) return { diagnostics };
  const body = renderMarkdownField(
    markdown,
    fm.body,
    { kind: "content", headingBase: 2 },
    { file, position: { line: fm.bodyLine, column: 1 }, label: "the note (the file's body)" },
    diagnostics,
  );
  if (!body) return { diagnostics };
  const note: DigestNote = {
    topicId,
    period,
    file,
    ...(value.title === undefined ? {} : { title: value.title }),
    ...(value.intro === undefined ? {} : { intro: value.intro }),
    bodyHtml: body.html,
    bodyText: body.text,
  };
  return { note, diagnostics };
}
