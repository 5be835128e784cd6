import { readFileSync } from "node:fs";
import path from "node:path";
import { Command, CommanderError } from "commander";
import { build } from "./build.js";
import { hasErrors } from "./diagnostics/diagnostic.js";
import { formatReport, plural } from "./diagnostics/format-diagnostics.js";

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

/** Runs the `curio` command line and returns the exit code (0 ok, 1 content errors, 2 usage). */
export async function main(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  let exitCode = 0;
  const program = new Command("curio")
    .description("Build a static site from a digest of curated scoops.")
    .version(version())
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command("build")
    .description("Build the site into the output folder (default: dist/).")
    .option("--root <dir>", "the digest's folder", ".")
    .option("--out <dir>", "output folder, relative to the root", "dist")
    .option("--base-url <url>", "override the config's baseUrl (e.g. https://example.org/digest/)")
    .option("--drafts", "include scoops marked draft: true", false)
    .option("--future", "include scoops dated in the future", false)
    .addHelpText(
      "after",
      "\nExamples:\n  curio build\n  curio build --root my-digest --base-url https://me.github.io/digest/\n  curio build --drafts --out preview",
    )
    .action(
      async (opts: {
        root: string;
        out: string;
        baseUrl?: string;
        drafts: boolean;
        future: boolean;
      }) => {
        const started = io.now();
        const root = path.resolve(io.cwd, opts.root);
        const result = await build(
          {
            root,
            outDir: opts.out,
            baseUrl: opts.baseUrl,
            drafts: opts.drafts,
            future: opts.future,
          },
          { now: io.now },
        );
        if (result.diagnostics.length > 0) {
          const report = formatReport(result.diagnostics, result.sourceText);
          (hasErrors(result.diagnostics) ? io.err : io.out)(`${report}\n`);
        }
        if (!result.ok || !result.stats) {
          io.err(
            `Build failed: ${path.relative(io.cwd, result.outDir) || "."} was left unchanged.\n`,
          );
          exitCode = 1;
          return;
        }
        const s = result.stats;
        const seconds = ((io.now() - started) / 1000).toFixed(2);
        const held = [
          s.scheduled ? `${s.scheduled} scheduled` : "",
          s.drafts ? `${plural(s.drafts, "draft")} left out` : "",
        ].filter(Boolean);
        io.out(
          `Built ${plural(s.pages, "page")}, ${plural(s.feeds, "feed")}: ${plural(s.scoops, "scoop")}, ${plural(s.topics, "topic")}, ${plural(s.curators, "curator")}${held.length ? ` (${held.join(", ")})` : ""} into ${path.relative(io.cwd, result.outDir) || "."} in ${seconds}s\n`,
        );
      },
    );

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
