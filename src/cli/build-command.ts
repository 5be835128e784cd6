import path from "node:path";
import type { Command } from "commander";
import { build } from "../api.js";
import type { StageTimings } from "../build.js";
import { STAGES } from "../build.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { plural } from "../diagnostics/format-diagnostics.js";
import type { CliContext, ContentOptions } from "./cli-context.js";
import {
  contentSummary,
  printDiagnostics,
  scheduledList,
  toBuildOptions,
  withContentOptions,
} from "./cli-context.js";
import { progressReporter } from "./progress.js";
import { curioFingerprint } from "../version.js";
import { BuildInterrupted, signalExitCode, withInterrupts } from "../util/interrupt.js";

/** `curio build`: build the site into the output folder. */
export function registerBuildCommand(program: Command, ctx: CliContext): void {
  withContentOptions(
    program.command("build").description("Build the site into the output folder (default: dist/)."),
  )
    .option("--out <dir>", "output folder, relative to the root", "dist")
    .option("--jobs <n>", "worker threads for parsing markdown (default: one per core)")
    .option("--no-cache", "ignore and do not write .curio-cache/ (parse and write everything)")
    .option("--timings", "print how many milliseconds each stage of the build took", false)
    .option(
      "--clean",
      "replace everything in the output folder, also files Curio did not write (by default they are never touched)",
      false,
    )
    .addHelpText(
      "after",
      "\nExamples:\n  curio build\n  curio build --root my-digest --base-url https://me.github.io/digest/\n  curio build --drafts --out preview\n  curio build --strict",
    )
    .action(
      async (
        opts: ContentOptions & {
          out: string;
          jobs?: string;
          cache: boolean;
          clean: boolean;
          timings: boolean;
        },
      ) => {
        const { io } = ctx;
        const started = io.now();
        const progress = progressReporter(ctx);
        const options = {
          ...toBuildOptions(ctx, opts),
          outDir: opts.out,
          cache: opts.cache,
          clean: opts.clean,
          ...(opts.jobs === undefined ? {} : { jobs: Math.max(1, Number(opts.jobs) || 1) }),
        };
        let result;
        let late: BuildInterrupted | undefined;
        try {
          result = await withInterrupts(async (signal) => {
            const r = await build(options, {
              now: io.now,
              onProgress: progress.update,
              curioVersion: curioFingerprint(),
              signal,
            });
            // A signal that came while files were moving in was held until the move ended.
            if (signal.aborted) late = signal.reason as BuildInterrupted;
            return r;
          });
        } catch (e) {
          if (!(e instanceof BuildInterrupted)) throw e;
          progress.done();
          const where = path.relative(io.cwd, path.resolve(options.root, opts.out)) || ".";
          io.err(`Build interrupted (${e.signal}): ${where} was left unchanged.\n`);
          ctx.setExitCode(signalExitCode(e.signal));
          return;
        }
        progress.done();
        // --strict: warnings alone failed the build.
        const strictly = !result.ok && !hasErrors(result.diagnostics) && opts.strict;
        printDiagnostics(ctx, result.diagnostics, result.sourceText, true, !result.ok);
        if (opts.timings) io.err(stageTimings(result.timings));
        const where = path.relative(io.cwd, result.outDir) || ".";
        if (!result.ok || !result.stats) {
          const why = strictly ? " (--strict: warnings fail the build)" : "";
          io.err(`${ctx.style.error("Build failed")}${why}: ${where} was left unchanged.\n`);
          ctx.setExitCode(1);
          return;
        }
        if (late) {
          io.err(
            `Build interrupted (${late.signal}) while the new site was moving in; the move was finished: ${where} holds the complete new site.\n`,
          );
          ctx.setExitCode(signalExitCode(late.signal));
          return;
        }
        if (ctx.verbosity() === "quiet") return;
        const s = result.stats;
        const seconds = ((io.now() - started) / 1000).toFixed(2);
        const changes =
          result.ok && result.mode === "up-to-date"
            ? `nothing changed since the last build (${plural(result.unchanged, "file")} up to date)`
            : `${plural(result.written.length, "file")} written, ${result.deleted.length} deleted, ${result.unchanged} unchanged`;
        io.out(
          `${ctx.style.ok("Built")} ${plural(s.pages, "page")}, ${plural(s.feeds, "feed")}${s.issues > 0 ? `, ${plural(s.issues, "digest issue")}` : ""}: ${contentSummary(s)} into ${where} in ${seconds}s: ${changes}\n`,
        );
        io.out(scheduledList(s));
        if (ctx.verbosity() === "verbose") {
          for (const f of result.written) io.out(`  written ${f}\n`);
          for (const f of result.deleted) io.out(`  deleted ${f}\n`);
        }
      },
    );
}

/** `--timings`: one line per stage of the recipe, in order (on stderr, beside the report). */
function stageTimings(timings: StageTimings | undefined): string {
  if (!timings) return "Timings: the build was answered from its record; no stage ran.\n";
  const width = Math.max(...STAGES.map((s) => s.length));
  const total = STAGES.reduce((sum, s) => sum + timings[s], 0);
  const lines = STAGES.map((s) => `  ${s.padEnd(width)} ${timings[s].toFixed(0).padStart(7)} ms`);
  return `Timings:\n${lines.join("\n")}\n  ${"total".padEnd(width)} ${total.toFixed(0).padStart(7)} ms\n`;
}
