import path from "node:path";
import type { Command } from "commander";
import { sendDigest, SMTP_ENV, smtpFromEnv } from "../digest/send-digest.js";
import { SENT_RECORD } from "../digest/sent-record.js";
import type { CliContext } from "./cli-context.js";
import { run } from "./run-user-command.js";

interface SendOptions {
  root: string;
  topic: string;
  period?: string;
  to: string;
  dryRun: boolean;
  includeCurrent: boolean;
}

/** `curio digest send`: send an issue of a topic's digest over SMTP, once per recipient. */
export function registerDigestCommand(program: Command, ctx: CliContext): void {
  const digest = program.command("digest").description("Work with topics' digest issues.");
  digest
    .command("send")
    .description(
      `Send an issue of a topic's digest by email (SMTP settings from ${SMTP_ENV.host}, ${SMTP_ENV.from}, …), to each address once: ${SENT_RECORD} records who has it.`,
    )
    .requiredOption("--topic <topic>", "the topic whose digest to send")
    .option("--period <period>", "the issue (2019-w16 or 2019-04); default the newest")
    .requiredOption("--to <file>", "the recipient list: one address per line, # for comments")
    .option("--dry-run", "print what would be sent to whom; send and record nothing", false)
    .option("--include-current", "also count the week or month under way as an issue", false)
    .option("--root <dir>", "the digest's folder", ".")
    .addHelpText(
      "after",
      [
        "",
        "Environment (never in the repository; a CI secret):",
        `  ${SMTP_ENV.host}, ${SMTP_ENV.port} (default 587, or 465 with ${SMTP_ENV.secure}=true),`,
        `  ${SMTP_ENV.user}, ${SMTP_ENV.pass}, ${SMTP_ENV.from} (the sender),`,
        `  ${SMTP_ENV.unsubscribe} (List-Unsubscribe; default mailto:<sender>?subject=unsubscribe)`,
        "",
        "Examples:",
        "  curio digest send --topic ai --to subscribers.txt --dry-run",
        "  curio digest send --topic ai --to subscribers.txt",
      ].join("\n"),
    )
    .action((opts: SendOptions) =>
      run(ctx, async () => {
        const { io } = ctx;
        const report = await sendDigest(
          {
            root: path.resolve(io.cwd, opts.root),
            topic: opts.topic,
            period: opts.period,
            to: opts.to,
            cwd: io.cwd,
            dryRun: opts.dryRun,
            includeCurrent: opts.includeCurrent,
            now: io.now(),
          },
          opts.dryRun ? undefined : smtpFromEnv(io.env),
          (line) => {
            if (ctx.verbosity() !== "quiet") io.out(`${line}\n`);
          },
        );
        if (opts.dryRun) return;
        io.out(
          report.sent.length > 0
            ? `Sent “${report.subject}” to ${report.sent.length} ${report.sent.length === 1 ? "address" : "addresses"}${report.already ? ` (${report.already} already had it)` : ""}; recorded in ${SENT_RECORD}.\n`
            : `Nothing to send: every address on the list already has “${report.subject}” (${SENT_RECORD}).\n`,
        );
      }),
    );
}
