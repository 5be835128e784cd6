import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";
import { fileTooLarge, MAX_FILE_BYTES } from "../load/file-limits.js";
import type { SourceFile } from "../load/read-sources.js";
import type { Curator, DigestNote, Scoop, SiteConfig, Topic } from "../model.js";
import { validateDigestNote } from "./digest-note-file.js";
import { decodeText } from "./decode-text.js";
import type { FieldPosition } from "./front-matter.js";
import { parseFrontMatter } from "./front-matter.js";
import type { MarkdownRenderer } from "./markdown.js";
import type { PluginRef } from "../load/markdown-plugins.js";
import type { ExcerptStore } from "../render/excerpt-store.js";
import { isSlug, toSlug } from "../util/slug.js";
import { validateCurator } from "./curator-file.js";
import { validateScoop } from "./scoop-file.js";
import { validateTopic } from "./topic-file.js";

/** What a content file turned into, with the positions of its fields for later checks. */
export type ContentEntity =
  | { readonly kind: "curator"; readonly curator: Curator }
  | { readonly kind: "topic"; readonly topic: Topic }
  | { readonly kind: "scoop"; readonly scoop: Scoop }
  | { readonly kind: "digest-note"; readonly note: DigestNote };

/** The result of reading one content file. `entity` is absent when the file has errors. */
export interface ParsedContent {
  readonly file: string;
  readonly entity?: ContentEntity;
  readonly positions: ReadonlyMap<string, FieldPosition>;
  readonly diagnostics: readonly Diagnostic[];
  /**
   * A scoop's excerpt HTML, as parsing gives it. The build moves it to its excerpt store
   * (`keepExcerpt`), so parse results kept for the whole build do not hold it.
   */
  readonly excerptHtml?: string;
}

/** What every file's parse needs: the site config and the markdown renderer. */
export interface ParseContext {
  readonly config: SiteConfig;
  readonly markdown: MarkdownRenderer;
  /** The config's markdown plugins the renderer runs, as data: a parse worker loads them too. */
  readonly plugins?: readonly PluginRef[] | undefined;
}

const CURATOR_FILE = /^content\/curators\/([^/]+)\.md$/;
const TOPIC_FILE = /^content\/topics\/([^/]+)\/_topic\.md$/;
const SCOOP_FILE = /^content\/topics\/([^/]+)\/[^/]+\.md$/;
const DIGEST_NOTE_FILE = /^content\/topics\/([^/]+)\/digests\/([^/]+)\.md$/;

/**
 * Reads one content file (pure): decode, split front matter, validate against its schema,
 * render its markdown. Which schema applies follows from where the file is.
 */
export function parseContentFile(source: SourceFile, ctx: ParseContext): ParsedContent {
  const file = source.path;
  if (source.bytes.length > MAX_FILE_BYTES) {
    return {
      file,
      positions: new Map(),
      diagnostics: [fileTooLarge(file, source.bytes.length)],
    };
  }
  const decoded = decodeText(file, source.bytes);
  if (decoded.diagnostic) return { file, positions: new Map(), diagnostics: [decoded.diagnostic] };
  const text = decoded.text;
  if (text.trim() === "") {
    return {
      file,
      positions: new Map(),
      diagnostics: [
        error(
          "empty-file",
          "the file is empty",
          { file, position: { line: 1, column: 1 } },
          "add front matter between `---` lines (at least a title), or delete the file",
        ),
      ],
    };
  }
  const fm = parseFrontMatter(file, text);
  if (!fm.hasFrontMatter) {
    return {
      file,
      positions: new Map(),
      diagnostics: [
        error(
          "no-front-matter",
          "the file has no front matter",
          { file, position: { line: 1, column: 1 } },
          "start the file with a line `---`, the fields (`title: …`), and another `---` line",
        ),
      ],
    };
  }
  const base = { file, positions: positionsForSiteRules(fm.positions) };
  if (fm.diagnostics.some((d) => d.severity === "error"))
    return { ...base, diagnostics: fm.diagnostics };
  const diagnostics: Diagnostic[] = [...fm.diagnostics];

  let match = CURATOR_FILE.exec(file);
  if (match) {
    const id = match[1]!;
    if (!checkId(id, "curator file", file, diagnostics)) return { ...base, diagnostics };
    const r = validateCurator(id, file, fm, ctx.markdown);
    diagnostics.push(...r.diagnostics);
    return r.curator
      ? { ...base, entity: { kind: "curator", curator: r.curator }, diagnostics }
      : { ...base, diagnostics };
  }
  match = TOPIC_FILE.exec(file);
  if (match) {
    const id = match[1]!;
    if (!checkId(id, "topic folder", file, diagnostics)) return { ...base, diagnostics };
    const r = validateTopic(id, file, fm, ctx.markdown);
    diagnostics.push(...r.diagnostics);
    return r.topic
      ? { ...base, entity: { kind: "topic", topic: r.topic }, diagnostics }
      : { ...base, diagnostics };
  }
  match = DIGEST_NOTE_FILE.exec(file);
  if (match) {
    if (!isSlug(match[1]!)) return { ...base, diagnostics }; // reported on the topic's own file
    const r = validateDigestNote(match[1]!, match[2]!, file, fm, ctx.markdown);
    diagnostics.push(...r.diagnostics);
    return r.note
      ? { ...base, entity: { kind: "digest-note", note: r.note }, diagnostics }
      : { ...base, diagnostics };
  }
  match = SCOOP_FILE.exec(file);
  if (match) {
    const id = match[1]!;
    if (!isSlug(id)) return { ...base, diagnostics }; // reported once, on the topic's own file
    const r = validateScoop(id, file, fm, ctx.config, ctx.markdown);
    diagnostics.push(...r.diagnostics);
    return r.scoop
      ? {
          ...base,
          entity: { kind: "scoop", scoop: r.scoop },
          excerptHtml: r.excerptHtml ?? "",
          diagnostics,
        }
      : { ...base, diagnostics };
  }
  return { ...base, diagnostics };
}

function checkId(id: string, what: string, file: string, diagnostics: Diagnostic[]): boolean {
  if (isSlug(id)) return true;
  const better = toSlug(id);
  diagnostics.push(
    error(
      "bad-id",
      `the ${what} name \`${id}\` is not usable in URLs`,
      { file, position: { line: 1, column: 1 } },
      better === ""
        ? "rename it with lowercase letters, digits and hyphens"
        : `rename it to \`${better}\``,
    ),
  );
  return false;
}

/** Fields whose place the cross-file rules report (unknown curator, pinned twice, tags, slug). */
const SITE_RULE_FIELDS = /^(curator|pinned|slug|image|avatar|curators\.\d+|tags\.\d+)$/;

/** Keeps only the positions later checks need: parse results are cached for the whole site. */
function positionsForSiteRules(
  positions: ReadonlyMap<string, FieldPosition>,
): ReadonlyMap<string, FieldPosition> {
  const kept = new Map<string, FieldPosition>();
  for (const [path, where] of positions) if (SITE_RULE_FIELDS.test(path)) kept.set(path, where);
  return kept;
}

/**
 * The parse result without its excerpt HTML, which goes to `store`: a build keeps parse
 * results (in the content cache) for its whole length, and the excerpt only where it is read.
 */
export function keepExcerpt(parsed: ParsedContent, store: ExcerptStore): ParsedContent {
  if (parsed.excerptHtml === undefined) return parsed;
  const { excerptHtml, ...rest } = parsed;
  store.put(parsed.file, excerptHtml);
  return rest;
}
