import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error, warning } from "../diagnostics/diagnostic.js";
import type { Scoop, ScoopComment, SiteConfig, Via } from "../model.js";
import type { FrontMatter } from "./front-matter.js";
import type { MarkdownRenderer } from "./markdown.js";
import { displayDomain } from "../util/safe-url.js";
import { toSlug } from "../util/slug.js";
import { checkSchema, locate } from "./check-schema.js";
import { checkDate, checkUrl, countWords, firstTextLine, tagList } from "./field-checks.js";
import { INSIGHT_MARKER, splitInsight } from "./insight-section.js";
import { renderMarkdownField } from "./render-field.js";
import { scoopSchema } from "./schemas.js";
import { SUMMARY_LENGTH } from "../render/feed-entry.js";

/**
 * How much of an excerpt's plain text a scoop keeps: enough for every summary Curio shows and
 * no more. The longest is a feed item's summary, 500 characters; `shorten` needs one more to
 * know that the text goes on. Every scoop of a digest holds it in memory for the whole build:
 * keeping 1,000 characters took 13 MiB more at 10,000 scoops, mostly two-byte strings
 * (typographic quotes), and 13 % more peak memory when every page is rendered again.
 */
export const EXCERPT_TEXT_LENGTH = SUMMARY_LENGTH + 1;

/** More tags than this on one scoop is a mistake, and would make every list page huge. */
export const MAX_TAGS = 100;

const DATED_NAME = /^\d{4}-\d{2}-\d{2}-(.+)$/;

/** The slug a scoop file name gives: `2019-04-19-apple-marketing.md` → `apple-marketing`. */
export function slugFromFileName(baseName: string): string {
  const stem = baseName.replace(/\.md$/i, "");
  const m = DATED_NAME.exec(stem);
  return toSlug(m ? m[1]! : stem);
}

/**
 * Turns a parsed scoop file into a Scoop and its excerpt's HTML: schema, dates in the site's zone, URL safety,
 * the slug, and markdown for the excerpt (the body), the insight and the comments.
 */
export function validateScoop(
  topicId: string,
  file: string,
  fm: FrontMatter,
  config: SiteConfig,
  markdown: MarkdownRenderer,
): { scoop?: Scoop; excerptHtml?: string; diagnostics: Diagnostic[] } {
  const where = { file, positions: fm.positions, fallback: { line: 1, column: 1 } };
  const { value, diagnostics } = checkSchema(scoopSchema, fm.data, where);
  if (!value) return { diagnostics };
  const zone = config.timezone;

  const date = checkDate(value.date, "date", zone, where, diagnostics);
  const published =
    value.published === undefined
      ? undefined
      : checkDate(value.published, "published", zone, where, diagnostics);
  const url =
    value.url === undefined ? undefined : checkUrl(value.url, "url", true, where, diagnostics);
  const image =
    value.image === undefined
      ? undefined
      : checkUrl(value.image, "image", false, where, diagnostics);
  let via: Via | undefined;
  if (value.via) {
    const viaUrl =
      value.via.url === undefined
        ? undefined
        : checkUrl(value.via.url, "via.url", true, where, diagnostics);
    via = { name: value.via.name, ...(viaUrl === undefined ? {} : { url: viaUrl }) };
  }
  const comments: ScoopComment[] = [];
  value.comments?.forEach((c, i) => {
    const when = checkDate(c.date, `comments.${i}.date`, zone, where, diagnostics);
    const field = {
      file,
      position: locate(where, `comments.${i}.text`, "value"),
      label: `\`comments.${i}.text\``,
    };
    if (c.text.trim() === "") {
      diagnostics.push(
        warning(
          "empty-comment",
          `the comment \`comments.${i}\` by ${JSON.stringify(c.author)} has no text`,
          {
            file,
            position: where.positions.has(`comments.${i}.text`)
              ? field.position
              : locate(where, `comments.${i}`),
          },
          "write the comment's `text:`, or remove the comment",
        ),
      );
    }
    const text = renderMarkdownField(
      markdown,
      c.text,
      { kind: "comment", headingBase: 3 },
      field,
      diagnostics,
    );
    if (when && text) comments.push({ author: c.author, date: when, html: text.html });
  });
  const oneTag = fm.data.tags;
  if (typeof oneTag === "string" && oneTag.includes(",")) {
    diagnostics.push(
      warning(
        "comma-in-tags",
        `\`tags\` is one text, so ${JSON.stringify(oneTag)} is a single tag: a comma does not separate tags`,
        { file, position: locate(where, "tags", "value") },
        `write a list: tags: ${tagList(oneTag)}`,
      ),
    );
  }
  if (value.tags !== undefined && value.tags.length > MAX_TAGS) {
    diagnostics.push(
      error(
        "too-many-tags",
        `the scoop has ${value.tags.length} tags; at most ${MAX_TAGS} are allowed`,
        { file, position: locate(where, "tags") },
        "keep the few tags a reader would browse by",
      ),
    );
  }

  const baseName = file.slice(file.lastIndexOf("/") + 1);
  const slug = value.slug === undefined ? slugFromFileName(baseName) : toSlug(value.slug);
  if (slug === "") {
    diagnostics.push(
      error(
        "bad-slug",
        value.slug === undefined
          ? `the file name \`${baseName}\` gives no usable slug`
          : `\`slug\` ${JSON.stringify(value.slug)} has no letters or digits to make a URL from`,
        {
          file,
          position:
            value.slug === undefined ? { line: 1, column: 1 } : locate(where, "slug", "value"),
        },
        "name the file YYYY-MM-DD-some-words.md, or set `slug: some-words`",
      ),
    );
  }
  // The body: the excerpt, then (after a `## Insight` line) the insight, if written there.
  const sections = splitInsight(fm.body, fm.bodyLine);
  const sectionInsight =
    sections.insight !== undefined && sections.insight.trim() !== "" ? sections.insight : undefined;
  if (sectionInsight !== undefined && value.insight !== undefined) {
    diagnostics.push(
      error(
        "insight-twice",
        `the insight is written twice: in \`insight:\` and under \`${INSIGHT_MARKER}\` in the body`,
        { file, position: { line: sections.markerLine!, column: 1 } },
        `keep one: move the \`insight:\` text under \`${INSIGHT_MARKER}\`, or remove the section`,
      ),
    );
  }
  const excerpt = renderMarkdownField(
    markdown,
    sections.excerpt,
    { kind: "content", headingBase: 2 },
    { file, position: { line: fm.bodyLine, column: 1 }, label: "the excerpt (the file's body)" },
    diagnostics,
  );
  if (excerpt) {
    const words = countWords(excerpt.text);
    if (words > config.excerptWords) {
      diagnostics.push(
        warning(
          "long-excerpt",
          `the excerpt is ${words} words long, over the ${config.excerptWords} of \`excerptWords\`: quoting a whole article is not curation`,
          { file, position: { line: firstTextLine(sections.excerpt, fm.bodyLine), column: 1 } },
          "quote the passage that matters and link to the rest, or raise `excerptWords` in curio.config.yml",
        ),
      );
    }
  }
  const insight =
    sectionInsight !== undefined
      ? renderMarkdownField(
          markdown,
          sectionInsight,
          { kind: "content", headingBase: 3 },
          {
            file,
            position: { line: sections.insightLine!, column: 1 },
            label: `the insight (under \`${INSIGHT_MARKER}\`)`,
          },
          diagnostics,
        )
      : value.insight === undefined
        ? undefined
        : renderMarkdownField(
            markdown,
            value.insight,
            { kind: "content", headingBase: 3 },
            { file, position: locate(where, "insight", "value"), label: "`insight`" },
            diagnostics,
          );
  if (!date || slug === "" || !excerpt || diagnostics.some((d) => d.severity === "error")) {
    return { diagnostics };
  }
  const sourceDomain = url === undefined ? undefined : displayDomain(url);
  const scoop: Scoop = {
    id: `${topicId}/${slug}`,
    topicId,
    slug,
    file,
    title: value.title,
    ...(url === undefined ? {} : { url }),
    ...(sourceDomain === undefined ? {} : { sourceDomain }),
    date,
    ...(value.curator === undefined ? {} : { curatorId: value.curator }),
    tags: (value.tags ?? []).map((t) => t.trim()).filter((t) => t !== ""),
    ...(image === undefined ? {} : { image }),
    ...(value.imageAlt === undefined ? {} : { imageAlt: value.imageAlt }),
    ...(value.imageWidth === undefined ? {} : { imageWidth: value.imageWidth }),
    ...(value.imageHeight === undefined ? {} : { imageHeight: value.imageHeight }),
    excerptText: cutText(excerpt.text),
    ...(insight === undefined
      ? {}
      : { insightHtml: insight.html, insightText: cutText(insight.text) }),
    ...(published === undefined ? {} : { published }),
    ...(value.sourceName === undefined ? {} : { sourceName: value.sourceName }),
    ...(value.sourceAuthor === undefined ? {} : { sourceAuthor: value.sourceAuthor }),
    ...(via === undefined ? {} : { via }),
    pinned: value.pinned ?? false,
    draft: value.draft ?? false,
    comments,
  };
  return { scoop, excerptHtml: excerpt.html, diagnostics };
}

/** The start of a text that every summary Curio shows fits in (`EXCERPT_TEXT_LENGTH`). */
function cutText(text: string): string {
  return text.length > EXCERPT_TEXT_LENGTH ? text.slice(0, EXCERPT_TEXT_LENGTH) : text;
}
