import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { isAlive } from "../util/is-alive.js";

/**
 * Removes the temporary files that atomic writes (`<name>.<pid>.tmp`) of processes that are
 * gone left in a folder: a build killed while saving its cache leaves one, and the next build
 * clears it. Files of running processes (a `curio serve` beside this build) are left alone.
 */
export function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /\.(\d+)\.tmp$/.exec(name);
    if (m && !isAlive(Number(m[1]))) rmSync(path.join(dir, name), { force: true });
  }
}
