/** Thrown when a build stops because it was asked to (Ctrl+C, SIGTERM) before it switched. */
export class BuildInterrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.name = "BuildInterrupted";
  }
}

/** The exit code a shell gives a process ended by this signal (128 + its number). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return signal === "SIGINT" ? 130 : signal === "SIGTERM" ? 143 : signal === "SIGHUP" ? 129 : 1;
}

/**
 * While `run` runs, SIGINT, SIGTERM and SIGHUP abort the returned signal instead of ending the
 * process at once: the build stops at its next safe point (never in the middle of moving files
 * into the output folder), cleans up, and reports `BuildInterrupted`. A second signal ends the
 * process at once, after `onForce` (synchronous cleanup).
 */
export async function withInterrupts<T>(
  run: (signal: AbortSignal) => Promise<T>,
  onForce: () => void = () => undefined,
): Promise<T> {
  const controller = new AbortController();
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  const handler = (sig: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      onForce();
      process.exit(signalExitCode(sig));
    }
    controller.abort(new BuildInterrupted(sig));
  };
  for (const s of signals) process.on(s, handler);
  try {
    return await run(controller.signal);
  } finally {
    for (const s of signals) process.off(s, handler);
  }
}

/** Throws the signal's reason (a `BuildInterrupted`) when it was aborted. */
export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason as Error;
}
