import { createHash } from "node:crypto";
import { Eta } from "eta/core";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";
import type { ThemeFile } from "../load/read-sources.js";

/** Compiled templates and the theme's static assets. */
export interface Theme {
  /** Renders template `name` (without `.eta`). Throws `TemplateError` with the template's line. */
  render(name: string, data: object): string;
  has(name: string): boolean;
  /** Theme files that are not templates (`assets/style.css`), copied to the output. */
  readonly assets: readonly ThemeFile[];
  /** Short content hash per asset name, for cache-busting URLs. */
  readonly assetHashes: ReadonlyMap<string, string>;
}

/** A template failed while rendering: which template, which line, and why. */
export class TemplateError extends Error {
  constructor(
    readonly template: string,
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line === undefined ? "" : `:${line}`}: ${reason}`);
    this.name = "TemplateError";
  }
}

const ETA_OPTIONS = {
  autoEscape: true,
  autoTrim: [false, "nl"] as ["nl" | false, "nl" | false],
  useWith: false,
  varName: "it",
};

/**
 * Compiles the theme's Eta templates (autoescaping on: only `<%~ %>` prints raw HTML, and
 * Curio passes it only sanitized HTML). Templates include each other as `@name`.
 * Syntax errors become `template-error` diagnostics with the template's line and column.
 */
export function loadTheme(files: readonly ThemeFile[]): {
  theme?: Theme;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const fast = new Eta({ ...ETA_OPTIONS, debug: false });
  const sources = new Map<string, { file: string; text: string }>();
  const assets: ThemeFile[] = [];
  const assetHashes = new Map<string, string>();
  for (const f of files) {
    if (!f.name.endsWith(".eta")) {
      assets.push(f);
      assetHashes.set(f.name, createHash("sha256").update(f.bytes).digest("hex").slice(0, 10));
      continue;
    }
    const name = f.name.slice(0, -".eta".length);
    const text = new TextDecoder().decode(f.bytes);
    sources.set(name, { file: f.path, text });
    try {
      fast.loadTemplate(`@${name}`, text);
    } catch (e) {
      const message = (e as Error).message;
      const m = / at line (\d+) col (\d+)/.exec(message);
      diagnostics.push(
        error(
          "template-error",
          `template \`${name}\` cannot be compiled: ${message.split(/ at line \d+/)[0]}`,
          {
            file: f.path,
            ...(m ? { position: { line: Number(m[1]), column: Number(m[2]) } } : {}),
          },
          "check that every `<%` has a matching `%>` and the JavaScript inside is complete",
        ),
      );
    }
  }
  if (diagnostics.length > 0) return { diagnostics };

  let debug: Eta | undefined;
  const locate = (name: string, data: object, original: unknown): TemplateError => {
    // Re-render with line tracking only when something failed, to find the line.
    if (!debug) {
      debug = new Eta({ ...ETA_OPTIONS, debug: true });
      const byText = new Map([...sources].map(([n, s]) => [s.text, n]));
      debug.RuntimeErr = ((cause: unknown, str: string, line: number) => {
        if (cause instanceof TemplateError) throw cause;
        const failed = byText.get(str) ?? name;
        throw new TemplateError(
          failed,
          sources.get(failed)?.file ?? failed,
          line,
          (cause as Error)?.message ?? String(cause),
        );
      }) as Eta["RuntimeErr"];
      for (const [n, s] of sources) debug.loadTemplate(`@${n}`, s.text);
    }
    try {
      debug.render(`@${name}`, data);
    } catch (e) {
      if (e instanceof TemplateError) return e;
      return new TemplateError(
        name,
        sources.get(name)?.file ?? name,
        undefined,
        (e as Error).message,
      );
    }
    return new TemplateError(
      name,
      sources.get(name)?.file ?? name,
      undefined,
      (original as Error)?.message ?? String(original),
    );
  };

  const theme: Theme = {
    render(name, data) {
      try {
        return fast.render(`@${name}`, data);
      } catch (e) {
        throw locate(name, data, e);
      }
    },
    has: (name) => sources.has(name),
    assets,
    assetHashes,
  };
  return { theme, diagnostics };
}
