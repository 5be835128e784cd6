import { Command, CommanderError } from "commander";
import { registerBuildCommand } from "./cli/build-command.js";
import { registerCheckCommand } from "./cli/check-command.js";
import { registerDigestCommand } from "./cli/digest-command.js";
import { registerImportCommand } from "./cli/import-command.js";
import { registerInboxCommand } from "./cli/inbox-command.js";
import { registerInitCommand } from "./cli/init-command.js";
import { registerNewCommand } from "./cli/new-command.js";
import { registerSchemaCommand } from "./cli/schema-command.js";
import { registerServeCommand } from "./cli/serve-command.js";
import type { CliContext, CliIO, Verbosity } from "./cli/cli-context.js";
import { chooseStyle } from "./cli/style.js";
import { curioVersion } from "./version.js";
import { ioDiagnostic, isSystemError } from "./diagnostics/io-error.js";
import { formatDiagnostic } from "./diagnostics/format-diagnostics.js";

export type { CliIO } from "./cli/cli-context.js";

const defaultIO: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  now: Date.now,
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY && process.stderr.isTTY),
};

/**
 * Runs the `curio` command line and returns the exit code: 0 ok, 1 content errors,
 * 2 usage errors, 70 an internal error.
 */
export async function main(argv: readonly string[], io: Partial<CliIO> = {}): Promise<number> {
  const full: CliIO = { ...defaultIO, ...io };
  let exitCode = 0;
  const program = new Command("curio")
    .description("Build a static site from a digest of curated scoops.")
    .version(curioVersion(), "-V, --version", "print Curio's version")
    .option("-q, --quiet", "print errors only")
    .option("-v, --verbose", "print more detail")
    .exitOverride()
    .configureOutput({ writeOut: full.out, writeErr: full.err })
    .addHelpText(
      "after",
      "\nExamples:\n  curio build                  build ./ into ./dist\n  curio check --format json    validate, for editors and CI\n\nRun `curio <command> --help` for a command's options.",
    );
  const ctx: CliContext = {
    io: full,
    style: chooseStyle(full.isTTY, full.env),
    verbosity: (): Verbosity => {
      const o = program.opts<{ quiet?: boolean; verbose?: boolean }>();
      return o.quiet ? "quiet" : o.verbose ? "verbose" : "normal";
    },
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  registerBuildCommand(program, ctx);
  registerCheckCommand(program, ctx);
  registerDigestCommand(program, ctx);
  registerImportCommand(program, ctx);
  registerInboxCommand(program, ctx);
  registerNewCommand(program, ctx);
  registerInitCommand(program, ctx);
  registerSchemaCommand(program, ctx);
  registerServeCommand(program, ctx);

  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (isSystemError(e)) {
      // A file-system failure outside the build's own handling: say what and where, no trace.
      full.err(`curio: ${formatDiagnostic(ioDiagnostic(e, "finish", full.cwd))}\n`);
      return 1;
    }
    full.err(
      `curio: internal error: ${(e as Error).stack ?? String(e)}\nPlease report this with the command you ran.\n`,
    );
    return 70;
  }
  return exitCode;
}
