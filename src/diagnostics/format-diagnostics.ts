import type { Diagnostic } from "./diagnostic.js";
import { sortDiagnostics } from "./diagnostic.js";
import { escapeChar, isControlChar, showControlChars } from "./visible-text.js";

/** Looks up the text of a file by its root-relative path, for code frames. */
export type SourceLookup = (file: string) => string | undefined;

/** How to colour parts of a report (a terminal's ANSI styles, or none). */
export interface ReportStyle {
  readonly error: (s: string) => string;
  readonly warning: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

const identity = (s: string) => s;
const NO_STYLE: ReportStyle = { error: identity, warning: identity, dim: identity, bold: identity };

/** Code frames show at most this many characters of a line. */
const FRAME_WIDTH = 120;

/**
 * A file's text split into lines once, so the code frames of many diagnostics in one file cost
 * a line each, not a pass over the whole file each (10,000 warnings in a 2 MB file).
 */
export class SourceLines {
  private readonly text: string;
  /** Offset of the first character of each line. */
  private readonly starts: number[] = [0];

  constructor(text: string) {
    this.text = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    for (let i = this.text.indexOf("\n"); i !== -1; i = this.text.indexOf("\n", i + 1))
      this.starts.push(i + 1);
  }

  /** How many lines the text has (a final line ending starts an empty last line). */
  get count(): number {
    return this.starts.length;
  }

  /** Line `n` (1-based) without its line ending, or undefined past the end. */
  line(n: number): string | undefined {
    if (n < 1 || n > this.starts.length) return undefined;
    const start = this.starts[n - 1]!;
    const next = this.starts[n];
    if (next === undefined) return this.text.slice(start);
    const end = next - 1;
    return this.text.slice(start, this.text.charCodeAt(end - 1) === 13 ? end - 1 : end);
  }
}

/** Looks up a file's lines; a report asks for one file many times in a row. */
type LinesLookup = (file: string) => SourceLines | undefined;

/**
 * Wraps a text lookup so that each file is read and split once while its diagnostics are
 * formatted. Only the last file is kept: reports are sorted by file.
 */
function linesLookup(lookup: SourceLookup): LinesLookup {
  let lastFile: string | undefined;
  let lastLines: SourceLines | undefined;
  return (file) => {
    if (file !== lastFile) {
      lastFile = file;
      const text = lookup(file);
      lastLines = text === undefined ? undefined : new SourceLines(text);
    }
    return lastLines;
  };
}

/**
 * Formats one diagnostic as
 * `file:line:col error code: message`, then a short code frame and the hint.
 * Control characters from the file (in its name, the message, the hint or the frame) are shown
 * escaped (`\x1b`), never sent to the terminal.
 */
export function formatDiagnostic(
  d: Diagnostic,
  lookup: SourceLookup = () => undefined,
  style: ReportStyle = NO_STYLE,
): string {
  return formatOne(d, linesLookup(lookup), style);
}

function formatOne(d: Diagnostic, lines: LinesLookup, style: ReportStyle): string {
  const file = d.file === undefined ? undefined : showControlChars(d.file);
  const place =
    file === undefined
      ? ""
      : d.line === undefined
        ? `${file} `
        : `${file}:${d.line}:${d.column ?? 1} `;
  const severity = d.severity === "error" ? style.error(d.severity) : style.warning(d.severity);
  const out = [`${style.bold(place)}${severity} ${d.code}: ${showControlChars(d.message)}`];
  const source = d.file === undefined || d.line === undefined ? undefined : lines(d.file);
  if (source !== undefined && d.line !== undefined)
    out.push(...codeFrame(source, d.line, d.column ?? 1).map(style.dim));
  if (d.hint !== undefined) out.push(`  hint: ${showControlChars(d.hint)}`);
  return out.join("\n");
}

/**
 * The offending line (and the one before it) with a caret under the column. Lines are cut at
 * 120 characters; tabs show as spaces and control characters escaped (`\x1b`).
 */
export function codeFrame(source: string | SourceLines, line: number, column: number): string[] {
  const lines = typeof source === "string" ? new SourceLines(source) : source;
  if (line < 1 || line > lines.count) return [];
  const first = Math.max(1, line - 1);
  const width = String(line).length;
  const out: string[] = [];
  let caret = 0;
  for (let n = first; n <= line; n++) {
    const shown = showLine(lines.line(n) ?? "", n === line ? column : 1);
    out.push(`  ${String(n).padStart(width)} | ${shown.text}`);
    caret = shown.caret;
  }
  out.push(`  ${" ".repeat(width)} | ${" ".repeat(caret)}^`);
  return out;
}

/**
 * A line as a code frame shows it (at most 120 characters, cut with "…"; tabs as spaces,
 * control characters escaped), and where the caret for `column` goes. Reads at most about 120
 * characters of the line, however long it is.
 */
function showLine(line: string, column: number): { text: string; caret: number } {
  let text = "";
  let fits = 0; // length of `text` up to the last character that leaves room for "…"
  let caret: number | undefined;
  let i = 0;
  for (; i < line.length; i++) {
    if (i === column - 1) caret = text.length;
    const ch = line[i]!;
    const piece = ch === "\t" ? " " : isControlChar(ch) ? escapeChar(ch) : ch;
    if (text.length + piece.length > FRAME_WIDTH) break;
    text += piece;
    if (text.length < FRAME_WIDTH) fits = text.length;
  }
  if (i < line.length) text = `${text.slice(0, fits)}…`;
  caret ??= text.length + Math.max(0, column - 1 - i);
  return { text, caret: Math.min(caret, FRAME_WIDTH) };
}

/** "3 errors, 1 warning in 2 files". */
export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const files = new Set(diagnostics.map((d) => d.file ?? "")).size;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(files, "file")}`;
}

/**
 * Formats a whole report: every diagnostic sorted by file, then the summary line. Each file
 * is looked up and split into lines once, however many diagnostics it has.
 */
export function formatReport(
  diagnostics: readonly Diagnostic[],
  lookup: SourceLookup = () => undefined,
  style: ReportStyle = NO_STYLE,
): string {
  const lines = linesLookup(lookup);
  const body = sortDiagnostics(diagnostics).map((d) => formatOne(d, lines, style));
  return [...body, summarizeDiagnostics(diagnostics)].join("\n\n");
}

/** `1 error`, `2 errors`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
