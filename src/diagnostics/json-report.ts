import type { Diagnostic } from "./diagnostic.js";
import { sortDiagnostics } from "./diagnostic.js";

/** The machine-readable report of `curio check --format json`. */
export interface JsonReport {
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: { readonly errors: number; readonly warnings: number; readonly files: number };
}

/** Sorted diagnostics and their counts, for editors and CI annotations. */
export function diagnosticsToJson(diagnostics: readonly Diagnostic[]): JsonReport {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return {
    diagnostics: sortDiagnostics(diagnostics),
    summary: {
      errors,
      warnings: diagnostics.length - errors,
      files: new Set(diagnostics.map((d) => d.file ?? "")).size,
    },
  };
}
