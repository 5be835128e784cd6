import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { warning } from "../diagnostics/diagnostic.js";
import type { CallToAction, Topic } from "../model.js";
import type { FrontMatter } from "./front-matter.js";
import type { MarkdownRenderer } from "./markdown.js";
import { checkSchema, locate } from "./check-schema.js";
import { checkUrl, responseLinks } from "./field-checks.js";
import { renderMarkdownField } from "./render-field.js";
import { topicSchema } from "./schemas.js";

/** Turns a parsed `content/topics/<id>/_topic.md` into a Topic. */
export function validateTopic(
  id: string,
  file: string,
  fm: FrontMatter,
  markdown: MarkdownRenderer,
): { topic?: Topic; diagnostics: Diagnostic[] } {
  const where = { file, positions: fm.positions, fallback: { line: 1, column: 1 } };
  const { value, diagnostics } = checkSchema(topicSchema, fm.data, where);
  if (!value) return { diagnostics };
  let cta: CallToAction | undefined;
  if (value.cta) {
    const url =
      value.cta.url === undefined
        ? undefined
        : checkUrl(value.cta.url, "cta.url", false, where, diagnostics);
    if (value.cta.url === undefined || value.cta.url.trim() === "") {
      diagnostics.push(
        warning(
          "cta-without-url",
          "`cta` has no `url`, so the topic's pages ask a question with no form or link to answer it",
          { file, position: locate(where, value.cta.url === undefined ? "cta" : "cta.url") },
          "add `url:` under `cta:` (a form, a page or a mailto: address), or remove the `cta`",
        ),
      );
    }
    cta = {
      text: value.cta.text,
      ...(url === undefined ? {} : { url }),
      ...(value.cta.label === undefined ? {} : { label: value.cta.label }),
    };
  }
  const responses = responseLinks(value, where, diagnostics);
  const body = renderMarkdownField(
    markdown,
    fm.body,
    { kind: "content", headingBase: 2 },
    {
      file,
      position: { line: fm.bodyLine, column: 1 },
      label: "the description (the file's body)",
    },
    diagnostics,
  );
  if (!body) return { diagnostics };
  const topic: Topic = {
    id,
    file,
    title: value.title,
    ...(value.description === undefined ? {} : { description: value.description }),
    ...(value.audience === undefined ? {} : { audience: value.audience }),
    curatorIds: value.curators ?? [],
    ...(cta === undefined ? {} : { cta }),
    ...responses,
    ...(value.digest === undefined
      ? {}
      : { digest: value.digest === false ? "off" : value.digest }),
    bodyHtml: body.html,
  };
  return { topic, diagnostics };
}
