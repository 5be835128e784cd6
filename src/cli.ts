import { readFileSync } from "node:fs";
import path from "node:path";
import { Command, CommanderError, Option } from "commander";
import type { BuildOptions } from "./build.js";
import { build, check } from "./build.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { hasErrors } from "./diagnostics/diagnostic.js";
import { formatReport, plural, summarizeDiagnostics } from "./diagnostics/format-diagnostics.js";
import { diagnosticsToJson } from "./diagnostics/json-report.js";
import type { SiteStats } from "./generate-site.js";

/** Where the CLI writes: the terminal in real use, buffers in tests. */
export interface CliIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
  readonly now: () => number;
}

const defaultIO: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  now: Date.now,
};

/** The installed package's version, for `--version`. */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

interface ContentOptions {
  root: string;
  baseUrl?: string;
  drafts: boolean;
  future: boolean;
}

/** The options every content command shares. */
function withContentOptions(cmd: Command): Command {
  return cmd
    .option("--root <dir>", "the digest's folder", ".")
    .option("--base-url <url>", "override the config's baseUrl (e.g. https://example.org/digest/)")
    .option("--drafts", "include scoops marked draft: true", false)
    .option("--future", "include scoops dated in the future", false);
}

/** Runs the `curio` command line and returns the exit code (0 ok, 1 content errors, 2 usage). */
export async function main(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  let exitCode = 0;
  const program = new Command("curio")
    .description("Build a static site from a digest of curated scoops.")
    .version(version())
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  const contentOptions = (opts: ContentOptions): Omit<BuildOptions, "outDir"> => ({
    root: path.resolve(io.cwd, opts.root),
    baseUrl: opts.baseUrl,
    drafts: opts.drafts,
    future: opts.future,
  });

  withContentOptions(
    program.command("build").description("Build the site into the output folder (default: dist/)."),
  )
    .option("--out <dir>", "output folder, relative to the root", "dist")
    .addHelpText(
      "after",
      "\nExamples:\n  curio build\n  curio build --root my-digest --base-url https://me.github.io/digest/\n  curio build --drafts --out preview",
    )
    .action(async (opts: ContentOptions & { out: string }) => {
      const started = io.now();
      const result = await build({ ...contentOptions(opts), outDir: opts.out }, { now: io.now });
      report(result.diagnostics, result.sourceText);
      if (!result.ok || !result.stats) {
        io.err(
          `Build failed: ${path.relative(io.cwd, result.outDir) || "."} was left unchanged.\n`,
        );
        exitCode = 1;
        return;
      }
      const s = result.stats;
      const seconds = ((io.now() - started) / 1000).toFixed(2);
      const where = path.relative(io.cwd, result.outDir) || ".";
      io.out(
        `Built ${plural(s.pages, "page")}, ${plural(s.feeds, "feed")}: ${contentSummary(s)} into ${where} in ${seconds}s\n`,
      );
      io.out(scheduledList(s));
    });

  withContentOptions(
    program.command("check").description("Check the content, config and templates; write nothing."),
  )
    .addOption(
      new Option("--format <format>", "how to print problems")
        .choices(["text", "json"])
        .default("text"),
    )
    .addHelpText("after", "\nExamples:\n  curio check\n  curio check --format json > problems.json")
    .action(async (opts: ContentOptions & { format: "text" | "json" }) => {
      const result = await check(contentOptions(opts), { now: io.now });
      exitCode = result.ok ? 0 : 1;
      if (opts.format === "json") {
        io.out(`${JSON.stringify(diagnosticsToJson(result.diagnostics), null, 2)}\n`);
        return;
      }
      report(result.diagnostics, result.sourceText, false);
      if (result.ok && result.stats) {
        io.out(
          `No errors: ${contentSummary(result.stats)}${result.diagnostics.length ? `; ${summarizeDiagnostics(result.diagnostics)}` : ""}\n`,
        );
        io.out(scheduledList(result.stats));
      }
    });

  function report(
    diagnostics: readonly Diagnostic[],
    sourceText: (f: string) => string | undefined,
    withSummary = true,
  ): void {
    if (diagnostics.length === 0) return;
    const text = formatReport(diagnostics, sourceText);
    const shown =
      withSummary || hasErrors(diagnostics) ? text : text.slice(0, text.lastIndexOf("\n\n"));
    (hasErrors(diagnostics) ? io.err : io.out)(`${shown}\n`);
  }

  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    io.err(
      `curio: internal error: ${(e as Error).stack ?? String(e)}\nPlease report this with the command you ran.\n`,
    );
    return 70;
  }
  return exitCode;
}

function contentSummary(s: SiteStats): string {
  const held = [
    s.scheduled.length ? `${s.scheduled.length} scheduled` : "",
    s.drafts ? `${plural(s.drafts, "draft")} left out` : "",
  ].filter(Boolean);
  return `${plural(s.scoops, "scoop")}, ${plural(s.topics, "topic")}, ${plural(s.curators, "curator")}${held.length ? ` (${held.join(", ")})` : ""}`;
}

function scheduledList(s: SiteStats): string {
  return s.scheduled
    .map(
      (x) => `  scheduled: ${x.file} goes live ${x.date} (build with --future to include it now)\n`,
    )
    .join("");
}
