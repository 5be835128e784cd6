import { error, withCause } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../load/read-sources.js";
import type { ParseContext, ParsedContent } from "./content-file.js";
import { parseContentFile } from "./content-file.js";

/**
 * Parses one content file; a crash inside Curio becomes an `internal-error` diagnostic for
 * that file (the other files are still checked) instead of stopping the build.
 */
export function parseFileSafely(source: SourceFile, ctx: ParseContext): ParsedContent {
  try {
    return parseContentFile(source, ctx);
  } catch (e) {
    const d = withCause(
      error(
        "internal-error",
        `Curio failed while reading this file: ${(e as Error).message}`,
        { file: source.path },
        "this is a bug in Curio; please report it with this file",
      ),
      e,
    );
    return { file: source.path, positions: new Map(), diagnostics: [d] };
  }
}
