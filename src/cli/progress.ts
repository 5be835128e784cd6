import type { BuildProgress } from "../build.js";
import type { CliContext } from "./cli-context.js";

/** Don't show progress for builds that finish before this. */
const DELAY_MS = 1000;

/**
 * A one-line progress display on stderr for builds longer than a second, on a terminal only
 * (never in CI logs, pipes or with --quiet). `done()` clears it.
 */
export function progressReporter(ctx: CliContext): {
  update: (p: BuildProgress) => void;
  done: () => void;
} {
  const enabled = ctx.io.isTTY && ctx.verbosity() !== "quiet";
  const started = ctx.io.now();
  let shown = false;
  let lastDraw = 0;
  return {
    update(p) {
      if (!enabled) return;
      const now = ctx.io.now();
      if (now - started < DELAY_MS || now - lastDraw < 100) return;
      lastDraw = now;
      shown = true;
      const count = p.total ? ` ${p.done ?? 0}/${p.total}` : "";
      ctx.io.err(`\r\u001b[2K${ctx.style.dim(`curio: ${p.stage}${count}`)}`);
    },
    done() {
      if (shown) ctx.io.err("\r\u001b[2K");
    },
  };
}
