/** How bad a problem is: errors fail the build, warnings are reported and the build goes on. */
export type Severity = "error" | "warning";

/**
 * A problem a curator can fix, tied to a place in a file.
 * Lines and columns are 1-based and count from the start of the file (not of the front matter).
 */
export interface Diagnostic {
  readonly severity: Severity;
  /** A stable, documented identifier such as `missing-field` or `bad-date`. */
  readonly code: string;
  /** Path of the file, relative to the digest root, with forward slashes. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** How to fix it. */
  readonly hint?: string;
}

/** A place in a file: 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Builds an error diagnostic. */
export function error(
  code: string,
  message: string,
  where: { file?: string; position?: Position | undefined } = {},
  hint?: string,
): Diagnostic {
  return make("error", code, message, where, hint);
}

/** Builds a warning diagnostic. */
export function warning(
  code: string,
  message: string,
  where: { file?: string; position?: Position | undefined } = {},
  hint?: string,
): Diagnostic {
  return make("warning", code, message, where, hint);
}

function make(
  severity: Severity,
  code: string,
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
