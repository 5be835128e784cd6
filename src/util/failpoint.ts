/**
 * Fault injection for the crash tests: when `CURIO_FAILPOINT` names this point (`commit`,
 * `write`, `parse`, `cache-save`), optionally with a signal (`commit:SIGTERM`; default SIGKILL),
 * the process sends itself that signal there. Unset, as in every real run, it does nothing.
 * Like FoundationDB's and TiKV's fail points, it lets a test kill a build at an exact step
 * instead of guessing with timers.
 */
export function failpoint(name: string): void {
  const spec = process.env.CURIO_FAILPOINT;
  if (spec === undefined || spec === "") return;
  const [point, signal = "SIGKILL"] = spec.split(":");
  if (point !== name) return;
  process.kill(process.pid, signal as NodeJS.Signals);
}
