import { readFileSync } from "node:fs";

let cached: string | undefined;

/** Curio's version, from its package.json. */
export function curioVersion(): string {
  cached ??= (
    JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    }
  ).version;
  return cached;
}
