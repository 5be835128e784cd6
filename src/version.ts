import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { digest } from "./util/digest.js";

let version: string | undefined;
let fingerprint: string | undefined;

/** Curio's version, from its package.json. */
export function curioVersion(): string {
  version ??= (
    JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    }
  ).version;
  return version;
}

/**
 * Curio's version plus a digest of its own code: what caches are keyed by, so that any change
 * to Curio (a new release, or a local edit) invalidates parse results and write manifests.
 */
export function curioFingerprint(): string {
  if (fingerprint === undefined) {
    const dir = path.dirname(fileURLToPath(import.meta.url));
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith(".d.ts"))
      .sort();
    const parts = files.map((f) => `${f}\u0000${digest(readFileSync(path.join(dir, f)))}`);
    fingerprint = `${curioVersion()}+${digest(parts.join("\n")).slice(0, 12)}`;
  }
  return fingerprint;
}
