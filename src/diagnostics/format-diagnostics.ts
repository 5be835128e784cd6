import type { Diagnostic } from "./diagnostic.js";
import { sortDiagnostics } from "./diagnostic.js";

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

/**
 * Formats one diagnostic as
 * `file:line:col error code: message`, then a short code frame and the hint.
 */
export function formatDiagnostic(
  d: Diagnostic,
  lookup: SourceLookup = () => undefined,
  style: ReportStyle = NO_STYLE,
): string {
  const place =
    d.file === undefined
      ? ""
      : d.line === undefined
        ? `${d.file} `
        : `${d.file}:${d.line}:${d.column ?? 1} `;
  const severity = d.severity === "error" ? style.error(d.severity) : style.warning(d.severity);
  const lines = [`${style.bold(place)}${severity} ${d.code}: ${d.message}`];
  const text = d.file === undefined ? undefined : lookup(d.file);
  if (text !== undefined && d.line !== undefined)
    lines.push(...codeFrame(text, d.line, d.column ?? 1).map(style.dim));
  if (d.hint !== undefined) lines.push(`  hint: ${d.hint}`);
  return lines.join("\n");
}

/** The offending line (and the one before it) with a caret under the column. */
export function codeFrame(text: string, line: number, column: number): string[] {
  const all = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (line < 1 || line > all.length) return [];
  const first = Math.max(1, line - 1);
  const width = String(line).length;
  const out: string[] = [];
  for (let n = first; n <= line; n++) {
    out.push(`  ${String(n).padStart(width)} | ${clip(all[n - 1] ?? "")}`);
  }
  out.push(`  ${" ".repeat(width)} | ${" ".repeat(Math.min(column - 1, 120))}^`);
  return out;
}

function clip(line: string): string {
  const shown = line.replace(/\t/g, " ");
  return shown.length > 120 ? `${shown.slice(0, 119)}…` : shown;
}

/** "3 errors, 1 warning in 2 files". */
export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const files = new Set(diagnostics.map((d) => d.file ?? "")).size;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(files, "file")}`;
}

/** Formats a whole report: every diagnostic sorted by file, then the summary line. */
export function formatReport(
  diagnostics: readonly Diagnostic[],
  lookup?: SourceLookup,
  style: ReportStyle = NO_STYLE,
): string {
  const body = sortDiagnostics(diagnostics).map((d) => formatDiagnostic(d, lookup, style));
  return [...body, summarizeDiagnostics(diagnostics)].join("\n\n");
}

/** `1 error`, `2 errors`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
