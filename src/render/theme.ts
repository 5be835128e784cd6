import { createHash } from "node:crypto";
import type { TemplateFunction } from "eta/core";
import { Eta } from "eta/core";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";
import type { ThemeFile } from "../load/read-sources.js";
import type { Watchdog } from "./render-watchdog.js";
import { createWatchdog, RenderTimeoutError } from "./render-watchdog.js";
import { templateSyntaxProblem } from "./template-syntax.js";
import { EMAIL_TEMPLATE } from "../plan/page-templates.js";
import { inlineEmailStyles } from "./email-styles.js";

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
    /** The diagnostic code: `template-error`, or `template-timeout` for a render stopped. */
    readonly code: "template-error" | "template-timeout" = "template-error",
    /** How to fix it, when the usual hint (fix the expression on that line) does not fit. */
    readonly hint?: string,
  ) {
    super(`${file}${line === undefined ? "" : `:${line}`}: ${reason}`);
    this.name = "TemplateError";
  }
}

/** How themes are loaded. */
export interface ThemeOptions {
  /**
   * A page whose render takes longer than this (ms) is stopped, and the build fails with a
   * `template-timeout` error (default `RENDER_TIMEOUT_MS`).
   */
  readonly renderTimeoutMs?: number;
  /**
   * Whether renders run under the watchdog that enforces the timeout. Default: when the
   * digest's own `templates/` provides a template; Curio's default theme does not loop, and
   * the watchdog costs about 0.1 ms per page.
   */
  readonly watchdog?: boolean;
  /**
   * Templates whose text is turned into what is compiled on their first render, by name
   * (default: the email template, whose `<style>` is inlined once, `inlineEmailStyles`).
   */
  readonly prepare?: Readonly<Record<string, (text: string) => string>>;
}

/** How long one page may take to render: far beyond any real page, which takes milliseconds. */
export const RENDER_TIMEOUT_MS = 10_000;

/** How `readSources` names the files of the default theme (the one that ships with Curio). */
const DEFAULT_THEME_PREFIX = "(default theme)/";

const ETA_OPTIONS = {
  autoEscape: true,
  autoTrim: [false, "nl"] as ["nl" | false, "nl" | false],
  useWith: false,
  varName: "it",
};

/**
 * Compiles the theme's Eta templates (autoescaping on: only `<%~ %>` prints raw HTML, and
 * Curio passes it only sanitized HTML). Templates include each other as `@name`.
 * Syntax errors become `template-error` diagnostics with the template's line and column and
 * the parser's message. A render that runs too long (a template that loops forever) is
 * stopped: it and every later render throw a `template-timeout` `TemplateError`.
 */
export function loadTheme(
  files: readonly ThemeFile[],
  options: ThemeOptions = {},
): {
  theme?: Theme;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const fast = new Eta({ ...ETA_OPTIONS, debug: false });
  const sources = new Map<string, { file: string; text: string }>();
  const assets: ThemeFile[] = [];
  const assetHashes = new Map<string, string>();
  /** The templates being rendered, outermost first (a stopped render leaves them here). */
  const running: string[] = [];
  const load = (eta: Eta, name: string, text: string): void => {
    const compiled = eta.compile(text);
    eta.loadTemplate(`@${name}`, function (this: Eta, data, opts) {
      running.push(name);
      try {
        return compiled.call(this, data, opts);
      } finally {
        running.pop();
      }
    } as TemplateFunction);
  };
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
      load(fast, name, text);
    } catch (e) {
      diagnostics.push(compileError(fast, name, f.path, text, e));
    }
  }
  if (diagnostics.length > 0) return { diagnostics };

  const prepare = options.prepare ?? { [EMAIL_TEMPLATE]: inlineEmailStyles };
  const prepared = new Set<string>();
  const timeoutMs = options.renderTimeoutMs ?? RENDER_TIMEOUT_MS;
  const guarded =
    options.watchdog ??
    files.some((f) => f.name.endsWith(".eta") && !f.path.startsWith(DEFAULT_THEME_PREFIX));
  const watchdog: Watchdog = guarded ? createWatchdog(timeoutMs) : (fn) => fn();
  const fileOf = (name: string) => sources.get(name)?.file ?? name;
  /** Set once a render was stopped: the theme renders nothing more. */
  let stopped: TemplateError | undefined;
  const stop = (name: string): TemplateError => {
    const chain = running.length > 0 ? [...running] : [name];
    const inner = chain[chain.length - 1]!;
    const outer = chain.slice(0, -1).reverse();
    stopped = new TemplateError(
      inner,
      fileOf(inner),
      undefined,
      `it ran for more than ${timeoutMs / 1000} seconds and was stopped${
        outer.length ? ` (included from ${outer.map((n) => `\`${n}\``).join(", from ")})` : ""
      }`,
      "template-timeout",
      `look in \`${inner}\` for a loop that never ends; a theme is code, run with the build's rights`,
    );
    return stopped;
  };
  const guard = <T>(name: string, fn: () => T): T => {
    running.length = 0;
    try {
      return watchdog(fn);
    } catch (e) {
      if (e instanceof RenderTimeoutError) throw stop(name);
      throw e;
    }
  };

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
          fileOf(failed),
          line,
          (cause as Error)?.message ?? String(cause),
        );
      }) as Eta["RuntimeErr"];
      for (const [n, s] of sources) load(debug, n, s.text);
    }
    const again = debug;
    try {
      guard(name, () => again.render(`@${name}`, data));
    } catch (e) {
      if (e instanceof TemplateError) return e;
      return new TemplateError(name, fileOf(name), undefined, (e as Error).message);
    }
    return new TemplateError(
      name,
      fileOf(name),
      undefined,
      (original as Error)?.message ?? String(original),
    );
  };

  const theme: Theme = {
    render(name, data) {
      if (stopped) throw stopped;
      const turn = prepare[name];
      const source = sources.get(name);
      if (turn && source && !prepared.has(name)) {
        prepared.add(name);
        load(fast, name, turn(source.text));
      }
      try {
        return guard(name, () => fast.render(`@${name}`, data));
      } catch (e) {
        if (e instanceof TemplateError && e.code === "template-timeout") throw e;
        throw locate(name, data, e);
      }
    },
    has: (name) => sources.has(name),
    assets,
    assetHashes,
  };
  return { theme, diagnostics };
}

/**
 * The `template-error` diagnostic for a template that does not compile: where (line and
 * column in the template) and the parser's message, never the code Eta generated from it.
 */
function compileError(eta: Eta, name: string, file: string, text: string, e: unknown): Diagnostic {
  const message = (e as Error)?.message ?? String(e);
  const firstLine = message.split("\n")[0]!;
  const etaPlace = / at line (\d+) col (\d+)/.exec(firstLine);
  let reason = firstLine.replace(/ at line \d+ col \d+:?$/, "");
  let position = etaPlace ? { line: Number(etaPlace[1]), column: Number(etaPlace[2]) } : undefined;
  if (!etaPlace) {
    // Eta's tags are fine but the JavaScript in them is not: ask V8's parser where.
    const problem = safely(() => templateSyntaxProblem(eta, text));
    if (problem) {
      reason = problem.message;
      position = problem.position;
    }
  }
  return error(
    "template-error",
    `template \`${name}\` cannot be compiled: ${reason}`,
    { file, ...(position ? { position } : {}) },
    "check that every `<%` has a matching `%>` and the JavaScript inside is complete",
  );
}

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
