import path from "node:path";
import type { Command } from "commander";
import type { BuildOptions } from "../api.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { formatReport, plural } from "../diagnostics/format-diagnostics.js";
import type { SiteStats } from "../build.js";
import type { Style } from "./style.js";

/** Where the CLI reads and writes: the terminal in real use, buffers in tests. */
export interface CliIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
  readonly now: () => number;
  /** Environment variables (NO_COLOR, …). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether standard output / error are terminals (colours and progress only then). */
  readonly isTTY: boolean;
}

/** How much to print: `--quiet` keeps errors only, `--verbose` adds detail. */
export type Verbosity = "quiet" | "normal" | "verbose";

/** What every command gets: IO, styling, verbosity, and a way to set the exit code. */
export interface CliContext {
  readonly io: CliIO;
  readonly style: Style;
  verbosity: () => Verbosity;
  setExitCode(code: number): void;
}

/** Options every content command shares. */
export interface ContentOptions {
  root: string;
  baseUrl?: string;
  drafts: boolean;
  future: boolean;
  includeCurrent: boolean;
  strict: boolean;
}

/** Adds --root, --base-url, --drafts and --future to a command. */
export function withContentOptions(cmd: Command): Command {
  return cmd
    .option("--root <dir>", "the digest's folder", ".")
    .option("--base-url <url>", "override the config's baseUrl (e.g. https://example.org/digest/)")
    .option("--drafts", "include scoops marked draft: true", false)
    .option("--future", "include scoops dated in the future", false)
    .option(
      "--include-current",
      "also publish the digest issue of the week or month under way",
      false,
    )
    .option("--strict", "fail on warnings too (exit 1; a build then writes nothing)", false);
}

/** Turns parsed content options into build options, with the root resolved against the cwd. */
export function toBuildOptions(
  ctx: CliContext,
  opts: ContentOptions,
): Omit<BuildOptions, "outDir"> {
  return {
    root: path.resolve(ctx.io.cwd, opts.root),
    baseUrl: opts.baseUrl,
    drafts: opts.drafts,
    future: opts.future,
    ...(opts.includeCurrent ? { includeCurrent: true } : {}),
    ...(opts.strict ? { strict: true } : {}),
  };
}

/**
 * Prints diagnostics: errors to stderr, warnings to stdout (not with --quiet), with the summary
 * line unless `withSummary` is false and there are only warnings. With `--strict` warnings fail
 * the run, and are printed as errors are (`failing`).
 */
export function printDiagnostics(
  ctx: CliContext,
  diagnostics: readonly Diagnostic[],
  sourceText: (f: string) => string | undefined,
  withSummary = true,
  failing = hasErrors(diagnostics),
): void {
  if (diagnostics.length === 0) return;
  if (!failing && ctx.verbosity() === "quiet") return;
  const text = formatReport(diagnostics, sourceText, ctx.style);
  const shown = withSummary || failing ? text : text.slice(0, text.lastIndexOf("\n\n"));
  (failing ? ctx.io.err : ctx.io.out)(`${shown}\n`);
}

/** "27 scoops, 1 topic, 2 curators (1 scheduled, 1 draft left out)". */
export function contentSummary(s: SiteStats): string {
  const held = [
    s.scheduled.length ? `${s.scheduled.length} scheduled` : "",
    s.drafts ? `${plural(s.drafts, "draft")} left out` : "",
  ].filter(Boolean);
  return `${plural(s.scoops, "scoop")}, ${plural(s.topics, "topic")}, ${plural(s.curators, "curator")}${held.length ? ` (${held.join(", ")})` : ""}`;
}

/** One line per scheduled scoop. */
export function scheduledList(s: SiteStats): string {
  return s.scheduled
    .map(
      (x) => `  scheduled: ${x.file} goes live ${x.date} (build with --future to include it now)\n`,
    )
    .join("");
}
