import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** The `curio` command's entry point in the sources: what `bin/curio.js` runs once compiled. */
const ENTRY = path.join(import.meta.dirname, "curio-entry.ts");
/** tsx's loader, by absolute URL: the child's working folder is the digest, not this repository. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** How a `curio` child process ended. */
export interface ChildRun {
  /** The exit code; null when a signal ended it (a native abort is SIGABRT). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `curio <args>` from the sources in a child process (through tsx, so no compile step
 * and no stale `lib/`): a native abort ends the child, not the test worker.
 */
export function runCurioChild(args: readonly string[], cwd: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, ENTRY, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
