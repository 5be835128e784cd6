import path from "node:path";
import type { Command } from "commander";
import { existsSync } from "node:fs";
import { DEFAULT_CURATOR, DEFAULT_TOPIC } from "../init/scaffold.js";
import type { CliContext } from "./cli-context.js";
import { run } from "./run-user-command.js";

interface InitCliOptions {
  title?: string;
  topic?: string;
  curator?: string;
  curioSpec?: string;
  force?: boolean;
}

/** `curio init [dir]`: scaffold a new digest. */
export function registerInitCommand(program: Command, ctx: CliContext): void {
  program
    .command("init")
    .description(
      "Start a new digest: config, a topic, a curator, an example scoop, package.json and a GitHub Pages workflow.",
    )
    .argument("[dir]", "the new digest's folder (created when missing)", ".")
    .option("--title <title>", "the site's title (default: from the folder's name)")
    .option("--topic <slug>", `the first topic's id (default: ${DEFAULT_TOPIC})`)
    .option(
      "--curator <id>",
      `your curator id (default: from your git user.name, else ${DEFAULT_CURATOR})`,
    )
    .option(
      "--curio-spec <spec>",
      "how package.json asks for Curio, e.g. github:you/curio or file:../curio (default: file: this copy, when it is a clone; else ^<this version>)",
    )
    .option("--force", "write into a folder that is not empty (never overwriting a file)")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  curio init my-digest",
        '  curio init my-digest --title "Remote Work Weekly" --topic remote-work --curator ann',
        "  curio init my-digest --curio-spec github:you/curio",
        "  curio init . --force    add what is missing to the current folder",
      ].join("\n"),
    )
    .action((dir: string, opts: InitCliOptions) =>
      run(ctx, async () => {
        const { io } = ctx;
        const abs = path.resolve(io.cwd, dir);
        const { gitUserName, initDigest } = await import("../init/init-digest.js");
        const result = await initDigest({
          dir: abs,
          title: opts.title,
          topic: opts.topic,
          curator: opts.curator,
          curioSpec: opts.curioSpec,
          curatorName: gitUserName(io.env, existingParent(abs)),
          force: opts.force ?? false,
          now: io.now(),
        });
        const where = path.relative(io.cwd, abs) || ".";
        const lines = [
          `${ctx.style.ok("Created")} a digest in ${where}:`,
          ...result.written.map((f) => `  ${f}`),
          ...result.kept.map((f) => `  ${f} ${ctx.style.dim("(already there, kept)")}`),
          "",
          "Next:",
          ...(where === "." ? [] : [`  cd ${where.includes(" ") ? JSON.stringify(where) : where}`]),
          "  npm install        # then commit package-lock.json too: the workflow needs it",
          "  npx curio serve    # preview the site as you write",
        ];
        if (opts.curioSpec === undefined && result.curioSpec.startsWith("^")) {
          lines.push(
            "",
            "Curio is not on the npm registry yet: if npm install cannot find it, point",
            'package.json\'s devDependencies "curio" at your copy (github:you/curio or',
            "file:../curio), or run curio init again with --curio-spec.",
          );
        }
        io.out(`${lines.join("\n")}\n`);
      }),
    );
}

/** The nearest folder of `dir` that exists (itself, or a parent): where git is asked. */
function existingParent(dir: string): string {
  let d = dir;
  while (!existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
}
