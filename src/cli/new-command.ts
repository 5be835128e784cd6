import path from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from "../new/fetch-page.js";
import type { CliContext } from "./cli-context.js";
import { run } from "./run-user-command.js";

interface ScoopOptions {
  root: string;
  topic?: string;
  curator?: string;
  offline?: boolean;
  saveImage?: boolean;
  insight?: string;
  tags?: string[];
  draft?: boolean;
  timeout: number;
  maxSize: number;
}

/** `--tags a,b`: the tags, trimmed, without empty ones. */
function tagList(value: string): string[] {
  return value
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
}

/** `curio new scoop|topic|curator`: start a content file. */
export function registerNewCommand(program: Command, ctx: CliContext): void {
  const cmd = program
    .command("new")
    .description("Start a new scoop, topic or curator file.")
    .addHelpText(
      "after",
      '\nExamples:\n  curio new scoop https://example.org/article\n  curio new topic remote-work --title "Remote Work" --curator ann\n  curio new curator ann --name "Ann Lee"',
    );

  cmd
    .command("scoop")
    .description(
      "Scoop an article: read its title, description, image, site and author, and write a scoop file for your insight. Prints the file's path.",
    )
    .argument("<url>", "the article's address (http or https)")
    .option(
      "--topic <topic>",
      "the topic to scoop into (default: `defaults.topic` in the config, or the only topic)",
    )
    .option(
      "--curator <id>",
      "who scoops it (default: `defaults.curator` in the config, or the topic's only curator)",
    )
    .option("--insight <text>", "your insight (markdown), written under `## Insight`")
    .option("--tags <a,b>", "tags, separated by commas", tagList)
    .option("--draft", "mark it `draft: true`: not published until you remove that line")
    .option("--offline", "do not fetch the page: write a skeleton with the URL")
    .option(
      "--save-image",
      "save the page's image under static/images/ so the digest keeps it (PNG, JPEG, GIF, WebP, AVIF; up to 10 MB)",
    )
    .option(
      "--timeout <seconds>",
      "give up on the page after this many seconds",
      positive("seconds"),
      DEFAULT_TIMEOUT_MS / 1000,
    )
    .option(
      "--max-size <KB>",
      "give up on pages larger than this many kilobytes",
      positive("kilobytes"),
      DEFAULT_MAX_BYTES / 1024,
    )
    .option("--root <dir>", "the digest's folder", ".")
    .addHelpText(
      "after",
      [
        "",
        "It never overwrites a file, and refuses a URL the topic already has (it says where).",
        "When the page cannot be read it writes a skeleton as a draft, says why, and exits with",
        "status 1; with --offline it writes a skeleton on purpose.",
        "",
        "Examples:",
        "  curio new scoop https://example.org/article",
        "  curio new scoop https://example.org/article --topic remote-work --curator ann",
        '  curio new scoop https://example.org/article --tags "AI, Health" --insight "Why it matters…"',
        '  code "$(curio new scoop https://example.org/article)"    open the new file',
        "  curio new scoop https://example.org/article --offline",
      ].join("\n"),
    )
    .action((url: string, opts: ScoopOptions) =>
      run(ctx, async () => {
        const { newScoop } = await import("../new/new-scoop.js");
        const result = await newScoop(
          {
            root: path.resolve(ctx.io.cwd, opts.root),
            url,
            topic: opts.topic,
            curator: opts.curator,
            offline: opts.offline ?? false,
            saveImage: opts.saveImage ?? false,
            ...(opts.insight === undefined ? {} : { insight: opts.insight }),
            ...(opts.tags === undefined ? {} : { tags: opts.tags }),
            draft: opts.draft ?? false,
          },
          {
            now: ctx.io.now,
            fetch: {
              timeoutMs: Math.round(opts.timeout * 1000),
              maxBytes: Math.round(opts.maxSize * 1024),
            },
          },
        );
        const shown = relative(ctx, result.path);
        if (result.status === "duplicate") {
          ctx.io.err(`${ctx.style.error("already scooped")} in ${shown}\n`);
          ctx.setExitCode(1);
          return;
        }
        ctx.io.out(`${shown}\n`);
        if (result.failed) {
          // Said even with --quiet: the command failed, and the file is a draft.
          ctx.io.err(`${ctx.style.error(result.reason ?? "the page could not be read")}\n`);
          ctx.setExitCode(1);
        } else if (result.reason !== undefined && ctx.verbosity() !== "quiet") {
          ctx.io.err(`${ctx.style.warning(result.reason)}\n`);
        }
        if (result.imageReason !== undefined && ctx.verbosity() !== "quiet") {
          ctx.io.err(`${ctx.style.warning(result.imageReason)}\n`);
        }
        if (result.savedImage !== undefined && ctx.verbosity() === "verbose") {
          ctx.io.err(`saved the image as ${relative(ctx, result.savedImage)}\n`);
        }
      }),
    );

  cmd
    .command("topic")
    .description("Start a topic: write content/topics/<slug>/_topic.md. Prints the file's path.")
    .argument("<slug>", "the topic's id, its folder and URL: lowercase letters, digits, hyphens")
    .option("--title <title>", "the topic's title (default: the slug in Title Case)")
    .option("--curator <id>", "a curator of the topic (repeat for several)", collect, [])
    .option("--root <dir>", "the digest's folder", ".")
    .addHelpText(
      "after",
      '\nExamples:\n  curio new topic remote-work\n  curio new topic remote-work --title "Remote Work" --curator ann --curator bo',
    )
    .action((slug: string, opts: { title?: string; curator: string[]; root: string }) =>
      run(ctx, async () => {
        const { newTopic } = await import("../new/new-topic.js");
        const file = await newTopic({
          root: path.resolve(ctx.io.cwd, opts.root),
          slug,
          title: opts.title,
          curators: opts.curator,
        });
        ctx.io.out(`${relative(ctx, file)}\n`);
      }),
    );

  cmd
    .command("curator")
    .description("Add a curator: write content/curators/<id>.md. Prints the file's path.")
    .argument(
      "<id>",
      "the curator's id, their file name and URL: lowercase letters, digits, hyphens",
    )
    .option(
      "--name <name>",
      "the curator's name, as readers see it (default: the id in Title Case)",
    )
    .option("--root <dir>", "the digest's folder", ".")
    .addHelpText(
      "after",
      '\nExamples:\n  curio new curator ann\n  curio new curator ann --name "Ann Lee"',
    )
    .action((id: string, opts: { name?: string; root: string }) =>
      run(ctx, async () => {
        const { newCurator } = await import("../new/new-curator.js");
        const file = await newCurator({
          root: path.resolve(ctx.io.cwd, opts.root),
          id,
          name: opts.name,
        });
        ctx.io.out(`${relative(ctx, file)}\n`);
      }),
    );
}

function relative(ctx: CliContext, file: string): string {
  return path.relative(ctx.io.cwd, file) || ".";
}

function positive(unit: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`give a number of ${unit}.`);
    return n;
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
