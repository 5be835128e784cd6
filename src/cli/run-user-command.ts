import { UserError } from "../util/user-error.js";
import type { CliContext } from "./cli-context.js";

/**
 * Runs a command's work, turning a `UserError` into `error: <message>` on stderr and its exit
 * code (1, or 2 for a wrong command line). Other errors propagate: they are Curio's bugs.
 */
export async function run(ctx: CliContext, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    ctx.io.err(`${ctx.style.error("error")}: ${e.message}\n`);
    ctx.setExitCode(e.exitCode);
  }
}
