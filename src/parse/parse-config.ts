import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../load/read-sources.js";
import type { SiteConfig } from "../model.js";
import { CONFIG_FILE, validateConfig } from "./config-file.js";
import { decodeText } from "./decode-text.js";
import { parseYamlFields } from "./front-matter.js";

/** Overrides of the config from the command line. */
export interface ConfigOverrides {
  /** `--base-url`. */
  readonly baseUrl?: string | undefined;
  /** Serve the base URL's path from this origin (`curio serve`). */
  readonly previewOrigin?: string | undefined;
}

/**
 * Reads `curio.config.yml` (pure): decode, parse the YAML, validate, apply defaults and
 * overrides. A digest without a config gets the defaults.
 */
export function parseConfig(
  file: SourceFile | undefined,
  overrides: ConfigOverrides,
): { config?: SiteConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let fields;
  if (file) {
    const decoded = decodeText(CONFIG_FILE, file.bytes);
    if (decoded.diagnostic) diagnostics.push(decoded.diagnostic);
    else {
      fields = parseYamlFields(CONFIG_FILE, decoded.text);
      diagnostics.push(...fields.diagnostics);
    }
  }
  const validated = validateConfig(fields && !hasErrors(fields.diagnostics) ? fields : undefined, {
    baseUrl: overrides.baseUrl,
    previewOrigin: overrides.previewOrigin,
  });
  diagnostics.push(...validated.diagnostics);
  return validated.config ? { config: validated.config, diagnostics } : { diagnostics };
}
