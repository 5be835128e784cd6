import path from "node:path";
import type { Command } from "commander";
import type * as Inbox from "../inbox/inbox.js";
import type { CliContext } from "./cli-context.js";
import { run } from "./run-user-command.js";

/** `curio inbox [pull|take|drop]`: candidates from watched feeds, taken or dropped one by one. */
export function registerInboxCommand(program: Command, ctx: CliContext): void {
  const root = (opts: { root: string }) => path.resolve(ctx.io.cwd, opts.root);
  const inbox = program
    .command("inbox")
    .description(
      "List the candidates waiting in inbox/: links the feeds of `sources:` brought, to take as scoops or drop.",
    )
    .option("--root <dir>", "the digest's folder", ".")
    .addHelpText(
      "after",
      [
        "",
        "In curio.config.yml:",
        "  sources:",
        "    - { feed: https://example.org/feed.xml, topic: my-topic }",
        "",
        "Examples:",
        "  curio inbox pull",
        "  curio inbox",
        '  curio inbox take 3f2a9c01bd --insight "Why it matters" --tags "AI, Health"',
        "  curio inbox drop 3f2a9c01bd",
      ].join("\n"),
    )
    .action((opts: { root: string }) =>
      run(ctx, async () => {
        const all = await (await inboxCode()).listInbox(root(opts));
        if (all.length === 0) {
          if (ctx.verbosity() !== "quiet")
            ctx.io.err("The inbox is empty: `curio inbox pull` fetches the feeds of `sources:`.\n");
          return;
        }
        for (const c of all)
          ctx.io.out(
            `${c.id}  ${(c.date ?? "").slice(0, 10).padEnd(10)}  ${c.topic}  ${c.title}\n  ${c.url}\n`,
          );
      }),
    );

  inbox
    .command("pull")
    .description("Fetch the feeds of `sources:` and keep their new items as candidates.")
    .option("--root <dir>", "the digest's folder", ".")
    .action((opts: { root: string }) =>
      run(ctx, async () => {
        const report = await (await inboxCode()).pullInbox(root(opts), {});
        for (const c of report.added) ctx.io.out(`${c.id}  ${c.topic}  ${c.title}\n`);
        for (const f of report.failures)
          ctx.io.err(`${ctx.style.error("feed skipped")}: ${f.reason}\n`);
        if (ctx.verbosity() !== "quiet")
          ctx.io.err(
            `${report.added.length} new candidate${report.added.length === 1 ? "" : "s"}; ${report.known} already scooped, waiting or dropped\n`,
          );
        if (report.failures.length > 0) ctx.setExitCode(1);
      }),
    );

  inbox
    .command("take")
    .description("Turn a candidate into a scoop of its topic; prints the new file's path.")
    .argument("<id>", "the candidate's id (or the start of it), as `curio inbox` lists it")
    .option("--insight <text>", "your insight (markdown), written under `## Insight`")
    .option("--tags <a,b>", "tags, separated by commas (default: the feed's)")
    .option(
      "--curator <id>",
      "who scoops it (default: `defaults.curator`, or the topic's only curator)",
    )
    .option("--draft", "mark it `draft: true`")
    .option("--root <dir>", "the digest's folder", ".")
    .action(
      (
        id: string,
        opts: { root: string; insight?: string; tags?: string; curator?: string; draft?: boolean },
      ) =>
        run(ctx, async () => {
          const file = await (
            await inboxCode()
          ).takeCandidate(
            root(opts),
            id,
            {
              ...(opts.insight === undefined ? {} : { insight: opts.insight }),
              ...(opts.tags === undefined
                ? {}
                : {
                    tags: opts.tags
                      .split(",")
                      .map((t) => t.trim())
                      .filter(Boolean),
                  }),
              ...(opts.curator === undefined ? {} : { curator: opts.curator }),
              draft: opts.draft ?? false,
            },
            { now: ctx.io.now },
          );
          ctx.io.out(`${path.relative(ctx.io.cwd, file)}\n`);
        }),
    );

  inbox
    .command("drop")
    .description("Forget a candidate: it is deleted, and its link never comes back.")
    .argument("<id>", "the candidate's id (or the start of it)")
    .option("--root <dir>", "the digest's folder", ".")
    .action((id: string, opts: { root: string }) =>
      run(ctx, async () => {
        const c = await (await inboxCode()).dropCandidate(root(opts), id);
        if (ctx.verbosity() !== "quiet") ctx.io.err(`dropped ${c.id}: ${c.title}\n`);
      }),
    );
}

/** The inbox's code, loaded for these commands only (it brings the feed parser). */
function inboxCode(): Promise<typeof Inbox> {
  return import("../inbox/inbox.js");
}
