import path from "node:path";
import type { Command } from "commander";
import { plural } from "../diagnostics/format-diagnostics.js";
import type { DevServer, RebuildEvent } from "../serve/dev-server.js";
import { curioFingerprint } from "../version.js";
import type { CliContext } from "./cli-context.js";

interface ServeOptions {
  root: string;
  port?: string;
  host: string;
  drafts: boolean;
  future: boolean;
}

/** `curio serve`: build, serve with live reload, rebuild on every change until stopped. */
export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command("serve")
    .description("Preview the site with live reload; rebuilds on every change (Ctrl+C to stop).")
    .option("--root <dir>", "the digest's folder", ".")
    .option("--port <port>", "port to listen on (default 4173, or the next free one)")
    .option(
      "--host <host>",
      "interface to listen on (0.0.0.0 to let other devices in)",
      "127.0.0.1",
    )
    .option("--drafts", "include scoops marked draft: true", false)
    .option("--future", "include scoops dated in the future", false)
    .addHelpText(
      "after",
      "\nExamples:\n  curio serve\n  curio serve --drafts --port 8080\n  curio serve --host 0.0.0.0   # preview from a phone on the same network",
    )
    .action(async (opts: ServeOptions) => {
      const { io, style } = ctx;
      const root = path.resolve(io.cwd, opts.root);
      const explicitPort = opts.port !== undefined;
      const port = explicitPort ? Number(opts.port) : 4173;
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        io.err(
          `curio serve: --port must be a number from 0 to 65535, not ${JSON.stringify(opts.port)}\n`,
        );
        ctx.setExitCode(2);
        return;
      }
      const print = (e: RebuildEvent) => {
        if (e.report) (e.result.ok ? io.out : io.err)(`${e.report}\n`);
        if (!e.result.ok) {
          io.err(
            `${style.error("Build failed")}: the preview shows the errors; fix them and save.\n`,
          );
          return;
        }
        if (ctx.verbosity() === "quiet") return;
        const what = e.changed.length ? `${plural(e.changed.length, "change")}: ` : "";
        io.out(
          `${style.ok("Built")} in ${Math.round(e.ms)} ms (${what}${plural(e.result.written.length, "file")} written, ${e.result.deleted.length} deleted)\n`,
        );
      };
      let dev: DevServer | undefined;
      for (let attempt = 0; !dev; attempt++) {
        try {
          const { startDevServer } = await import("../serve/dev-server.js");
          dev = await startDevServer(
            {
              root,
              host: opts.host,
              port: port + attempt,
              drafts: opts.drafts,
              future: opts.future,
              curioVersion: curioFingerprint(),
            },
            print,
          );
        } catch (e) {
          const inUse = (e as NodeJS.ErrnoException).code === "EADDRINUSE";
          if (!inUse || explicitPort || attempt >= 10) {
            io.err(
              `curio serve: cannot listen on ${opts.host}:${port + attempt}: ${(e as Error).message}${inUse ? " (choose another with --port)" : ""}\n`,
            );
            ctx.setExitCode(1);
            return;
          }
        }
      }
      io.out(`Serving ${style.bold(dev.url)} (live reload on; Ctrl+C to stop)\n`);
      io.out(
        `Scoop from any page: drag the bookmarklet from ${new URL((await import("../serve/scoop-desk.js")).BOOKMARKLET_PATH, dev.url).href}\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await dev.close();
      io.out("Stopped.\n");
    });
}
