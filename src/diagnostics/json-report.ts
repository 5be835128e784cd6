import type { Diagnostic } from "./diagnostic.js";
import { sortDiagnostics } from "./diagnostic.js";

/** The machine-readable report of `curio check --format json`. */
export interface JsonReport {
  readonly diagnostics: readonly Omit<Diagnostic, "cause">[];
  readonly summary: { readonly errors: number; readonly warnings: number; readonly files: number };
}

/**
 * Sorted diagnostics and their counts, for editors and CI annotations. A diagnostic's `cause`
 * (a thrown error, with its stack) is never part of the report.
 */
export function diagnosticsToJson(diagnostics: readonly Diagnostic[]): JsonReport {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return {
    diagnostics: sortDiagnostics(diagnostics).map(withoutCause),
    summary: {
      errors,
      warnings: diagnostics.length - errors,
      files: new Set(diagnostics.map((d) => d.file ?? "")).size,
    },
  };
}

/** The diagnostic's fields as a report shows them, in their order, without `cause`. */
function withoutCause(d: Diagnostic): Omit<Diagnostic, "cause"> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { cause, ...fields } = d;
  return fields;
}
