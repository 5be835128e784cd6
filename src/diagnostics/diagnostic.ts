import type { DiagnosticCode, ErrorCode, WarningCode } from "./catalog.js";

/** How bad a problem is: errors fail the build, warnings are reported and the build goes on. */
export type Severity = "error" | "warning";

/**
 * A problem a curator can fix, tied to a place in a file.
 * Lines and columns are 1-based and count from the start of the file (not of the front matter).
 */
export interface Diagnostic {
  readonly severity: Severity;
  /**
   * A stable, documented identifier such as `missing-field` or `bad-date`: a code of
   * `catalog.ts` (`error()` and `warning()` take no other). Typed as text so that diagnostics
   * read back from a build record need no cast.
   */
  readonly code: string;
  /** Path of the file, relative to the digest root, with forward slashes. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** How to fix it. */
  readonly hint?: string;
  /**
   * What caused it, when it was made from a thrown error (a system error's `code`, `path` and
   * stack). Never enumerable: reports, the build record and comparisons leave it out.
   */
  readonly cause?: unknown;
}

/** A place in a file: 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Builds an error diagnostic; `code` must be an error of the catalog. */
export function error(
  code: ErrorCode,
  message: string,
  where: { file?: string; position?: Position | undefined } = {},
  hint?: string,
): Diagnostic {
  return make("error", code, message, where, hint);
}

/** Builds a warning diagnostic; `code` must be a warning of the catalog. */
export function warning(
  code: WarningCode,
  message: string,
  where: { file?: string; position?: Position | undefined } = {},
  hint?: string,
): Diagnostic {
  return make("warning", code, message, where, hint);
}

function make(
  severity: Severity,
  code: DiagnosticCode,
  message: string,
  where: { file?: string; position?: Position | undefined },
  hint: string | undefined,
): Diagnostic {
  return {
    severity,
    code,
    message,
    ...(where.file === undefined ? {} : { file: where.file }),
    ...(where.position === undefined
      ? {}
      : { line: where.position.line, column: where.position.column }),
    ...(hint === undefined ? {} : { hint }),
  };
}

/**
 * The diagnostic with `cause` attached, as a property that is not enumerable: JSON, spreads
 * and `JSON.stringify` comparisons see the diagnostic as it was, a debugger sees the cause.
 */
export function withCause(diagnostic: Diagnostic, cause: unknown): Diagnostic {
  const copy = { ...diagnostic };
  Object.defineProperty(copy, "cause", { value: cause, enumerable: false });
  return copy;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Sorts diagnostics by file, line, column, then code, so reports are stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compare(a.file ?? "", b.file ?? "") ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compare(a.code, b.code) ||
      compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
