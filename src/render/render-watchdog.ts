import vm from "node:vm";

/** A render ran longer than the watchdog allows and was stopped. */
export class RenderTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`it ran for more than ${ms / 1000} seconds`);
    this.name = "RenderTimeoutError";
  }
}

/** Runs a synchronous function, stopping it if it runs too long. */
export type Watchdog = <T>(fn: () => T) => T;

/**
 * A watchdog for synchronous code (a template render cannot be interrupted otherwise): `fn`
 * runs inside `vm`'s `runInContext` with a timeout, which stops the JavaScript running on this
 * thread when the time is up, wherever it is (Curio's functions called from the context are
 * stopped too, and the code stopped cannot catch it), and throws `RenderTimeoutError`.
 * Each call starts a timer thread (about 0.1 ms), so use it only where code may loop forever.
 */
export function createWatchdog(ms: number): Watchdog {
  let script: vm.Script | undefined;
  let context: vm.Context | undefined;
  return <T>(fn: () => T): T => {
    script ??= new vm.Script("run()", { filename: "curio-render-watchdog" });
    context ??= vm.createContext({ run: undefined as unknown });
    context.run = fn;
    try {
      return script.runInContext(context, { timeout: ms }) as T;
    } catch (e) {
      if ((e as { code?: unknown } | null)?.code === "ERR_SCRIPT_EXECUTION_TIMEOUT")
        throw new RenderTimeoutError(ms);
      throw e;
    } finally {
      context.run = undefined;
    }
  };
}
