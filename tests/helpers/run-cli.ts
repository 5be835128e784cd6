import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { main } from "../../src/cli.js";
import { TEST_NOW } from "./sites.js";

/** What a `curio` run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `curio <args>` in this process, with the test clock, from `cwd`. */
export async function runCli(args: readonly string[], cwd: string): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await main(["node", "curio", ...args], {
    out: (s) => (out += s),
    err: (s) => (err += s),
    cwd,
    now: () => TEST_NOW,
    env: { NO_COLOR: "1" },
    isTTY: false,
  });
  return { code, out, err };
}

const ENTRY = path.join(import.meta.dirname, "cli-entry.ts");
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** A `curio` child process started from the sources (through tsx: no stale `lib/`). */
export interface CurioProcess {
  readonly child: ChildProcess;
  /** Resolves when it ends: its exit code (null when a signal ended it), signal and output. */
  readonly done: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>;
}

/** Starts `curio <args>` in a child process with extra environment variables. */
export function startCurio(
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>> = {},
): CurioProcess {
  const child = spawn(process.execPath, ["--import", TSX, ENTRY, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr!.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  const done = new Promise<Awaited<CurioProcess["done"]>>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}
