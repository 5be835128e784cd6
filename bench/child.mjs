/* global URL */
// One measured build in a fresh process, so peak RSS is this build's alone. Prints JSON:
// {wallMs, cpuMs (with child processes'), maxRssMB, written, deleted, unchanged}. Usage: node bench/child.mjs <root> [--no-cache]
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const { build } = await import(new URL("../lib/api.js", import.meta.url).href);
const { curioFingerprint } = await import(new URL("../lib/version.js", import.meta.url).href);

const [root] = process.argv.slice(2);
if (!root) throw new Error("usage: node bench/child.mjs <root> [--no-cache]");
const cache = !process.argv.includes("--no-cache");
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = await build(
  { root, cache },
  { now: () => Date.UTC(2026, 0, 1), curioVersion: curioFingerprint() },
);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
// CPU time of child processes waited for (Pagefind's program, which makes the search index).
const childCpuMs = (() => {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // cutime + cstime, in ticks
  } catch {
    return 0;
  }
})();
if (!result.ok) {
  console.error(JSON.stringify(result.diagnostics.slice(0, 5), null, 2));
  process.exit(1);
}
console.log(
  JSON.stringify({
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000 + childCpuMs,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    written: result.written.length,
    deleted: result.deleted.length,
    unchanged: result.unchanged,
  }),
);
