import type { Command } from "commander";
import { InvalidArgumentError, Option } from "commander";
import { check } from "../api.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { summarizeDiagnostics } from "../diagnostics/format-diagnostics.js";
import { diagnosticsToJson } from "../diagnostics/json-report.js";
import type { CliContext, ContentOptions } from "./cli-context.js";
import {
  contentSummary,
  printDiagnostics,
  scheduledList,
  toBuildOptions,
  withContentOptions,
} from "./cli-context.js";

/** `curio check`: validate everything, write nothing. */
export function registerCheckCommand(program: Command, ctx: CliContext): void {
  withContentOptions(
    program.command("check").description("Check the content, config and templates; write nothing."),
  )
    .addOption(
      new Option("--format <format>", "how to print problems")
        .choices(["text", "json"])
        .default("text"),
    )
    .option(
      "--links",
      "also check every scoop's source link (HEAD, then GET; answers kept a day in .curio-cache/)",
    )
    .option(
      "--link-timeout <seconds>",
      "give up on a source link after this many seconds",
      (v: string) => {
        const n = Number(v);
        if (!Number.isFinite(n) || n <= 0)
          throw new InvalidArgumentError("a number of seconds above 0");
        return n;
      },
      10,
    )
    .addHelpText(
      "after",
      "\nExamples:\n  curio check\n  curio check --strict\n  curio check --links\n  curio check --format json > problems.json",
    )
    .action(
      async (
        opts: ContentOptions & { format: "text" | "json"; links?: boolean; linkTimeout: number },
      ) => {
        const { io } = ctx;
        const result = await check(
          {
            ...toBuildOptions(ctx, opts),
            ...(opts.links ? { links: { timeoutMs: Math.round(opts.linkTimeout * 1000) } } : {}),
          },
          { now: io.now },
        );
        ctx.setExitCode(result.ok ? 0 : 1);
        if (opts.format === "json") {
          io.out(`${JSON.stringify(diagnosticsToJson(result.diagnostics), null, 2)}\n`);
          return;
        }
        printDiagnostics(ctx, result.diagnostics, result.sourceText, false, !result.ok);
        if (!result.ok && !hasErrors(result.diagnostics))
          io.err(`${ctx.style.error("Check failed")} (--strict: warnings fail the check).\n`);
        if (result.ok && result.stats && ctx.verbosity() !== "quiet") {
          io.out(
            `No errors: ${contentSummary(result.stats)}${result.diagnostics.length ? `; ${summarizeDiagnostics(result.diagnostics)}` : ""}\n`,
          );
          io.out(scheduledList(result.stats));
        }
      },
    );
}
