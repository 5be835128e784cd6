import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";

/** The largest content or config file Curio reads: far above any real scoop, low enough to bound memory. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** The error for a content or config file over `MAX_FILE_BYTES` (checked before reading). */
export function fileTooLarge(file: string, bytes: number): Diagnostic {
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return error(
    "file-too-large",
    `the file is ${mb} MB; a content file may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`,
    { file, position: { line: 1, column: 1 } },
    "an excerpt is a quote: keep the passage that matters and link to the source with `url:`",
  );
}
