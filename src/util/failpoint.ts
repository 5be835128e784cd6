/**
 * Fault injection for the crash tests: when `CURIO_FAILPOINT` names this point (`commit`,
 * `write`, `parse`, `cache-save`), optionally with a signal (`commit:SIGTERM`; default SIGKILL),
 * the process sends itself that signal there. Unset, as in every real run, it does nothing.
 * Like FoundationDB's and TiKV's fail points, it lets a test kill a build at an exact step
 * instead of guessing with timers. Returns true when it fired (and the process lives on, as
 * it does after a signal it handles).
 */
export function failpoint(name: string): boolean {
  const spec = process.env.CURIO_FAILPOINT;
  if (spec === undefined || spec === "") return false;
  const [point, signal = "SIGKILL"] = spec.split(":");
  if (point !== name) return false;
  process.kill(process.pid, signal as NodeJS.Signals);
  return true;
}

/**
 * An asynchronous fail point: after the signal is sent, waits a moment so that a handled signal
 * (SIGINT, SIGTERM) reaches its handler here, as one arriving at this step would.
 */
export async function failpointAsync(name: string): Promise<void> {
  if (failpoint(name)) await new Promise((resolve) => setTimeout(resolve, 50));
}
