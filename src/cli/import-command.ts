import path from "node:path";
import type { Command } from "commander";
import type { CliContext } from "./cli-context.js";
import { run } from "./run-user-command.js";

interface ImportCliOptions {
  root: string;
  topic?: string;
  curator?: string;
  dryRun?: boolean;
  draft?: boolean;
}

/** `curio import <file-or-url>`: scoops from a feed or a bookmarks export. */
export function registerImportCommand(program: Command, ctx: CliContext): void {
  program
    .command("import")
    .description(
      "Import links as scoops: from an RSS, Atom or JSON feed, a browser's bookmarks export (HTML), or Pinboard's JSON export. Prints each new file's path.",
    )
    .argument("<source>", "a file, or an http(s) URL")
    .option(
      "--topic <topic>",
      "the topic to import into (default: `defaults.topic` in the config, or the only topic)",
    )
    .option(
      "--curator <id>",
      "who the scoops are by (default: `defaults.curator`, or the topic's only curator)",
    )
    .option("--dry-run", "list what would be written, and write nothing")
    .option("--draft", "mark every imported scoop `draft: true`")
    .option("--root <dir>", "the digest's folder", ".")
    .addHelpText(
      "after",
      [
        "",
        "A link the digest already has (in any topic) is skipped, so importing a feed again adds",
        "only its new items. Nothing existing is ever overwritten.",
        "",
        "Examples:",
        "  curio import https://www.scoop.it/topic/my-topic/rss.xml --topic my-topic",
        "  curio import bookmarks.html --topic reading --draft",
        "  curio import pinboard.json --dry-run",
      ].join("\n"),
    )
    .action((source: string, opts: ImportCliOptions) =>
      run(ctx, async () => {
        // Loaded for this command only: the feed and HTML parsers are a third of the CLI's start.
        const { importScoops } = await import("../import/import-scoops.js");
        const report = await importScoops(
          {
            root: path.resolve(ctx.io.cwd, opts.root),
            source,
            cwd: ctx.io.cwd,
            ...(opts.topic === undefined ? {} : { topic: opts.topic }),
            ...(opts.curator === undefined ? {} : { curator: opts.curator }),
            dryRun: opts.dryRun ?? false,
            draft: opts.draft ?? false,
          },
          { now: ctx.io.now },
        );
        for (const w of report.written) ctx.io.out(`${path.relative(ctx.io.cwd, w.path)}\n`);
        if (ctx.verbosity() === "quiet") return;
        const say = (line: string) => ctx.io.err(`${line}\n`);
        for (const d of report.duplicates)
          say(`${ctx.style.warning("already scooped")}: "${d.title}" (${d.where})`);
        for (const u of report.undated)
          say(`${ctx.style.warning("no date")}: ${u}, dated at the import`);
        for (const s of report.skipped) say(`${ctx.style.warning("skipped")}: ${s}`);
        const n = report.written.length;
        say(
          `${opts.dryRun ? "Would import" : "Imported"} ${n} scoop${n === 1 ? "" : "s"} from ${source} (${report.format}) into topic \`${report.topic}\`` +
            (report.duplicates.length ? `; ${report.duplicates.length} already scooped` : "") +
            (report.skipped.length ? `; ${report.skipped.length} skipped` : "") +
            (opts.dryRun ? "; nothing was written" : ""),
        );
      }),
    );
}
