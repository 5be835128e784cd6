/* global URL, setTimeout */
// `curio serve` end to end: the real dev server with its file watcher, and a client listening
// for live-reload events. For each run, one scoop is saved and the time is taken from the save
// to the `reload` event, which serve sends once every affected file is rewritten.
// Prints JSON {runs: [{ms, written, patched}], maxRssMB}.
// Usage: node bench/child-watch.mjs <root> <scoop file> <runs>
import http from "node:http";
import { readFile, writeFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";

const { startDevServer } = await import(
  new URL("../lib/serve/dev-server.js", import.meta.url).href
);
const { curioFingerprint } = await import(new URL("../lib/version.js", import.meta.url).href);

const [root, file, runsArg] = process.argv.slice(2);
let lastRebuild;
const server = await startDevServer(
  {
    root,
    port: 0,
    outDir: ".curio-cache/serve-bench",
    now: () => Date.UTC(2026, 0, 1),
    curioVersion: curioFingerprint(),
  },
  (event) => (lastRebuild = event),
);
if (!server.initial.result.ok) throw new Error("the first build failed");

// Listen to the live-reload stream as an open page does.
const reloads = [];
let waiting;
await new Promise((resolve, reject) => {
  http
    .get(new URL("/__curio/events", server.url), (res) => {
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        if (!chunk.includes("event: reload")) return;
        reloads.push(performance.now());
        waiting?.();
      });
      resolve();
    })
    .on("error", reject);
});
await new Promise((r) => setTimeout(r, 300)); // let the watcher settle

const original = await readFile(file, "utf8");
const runs = [];
for (let i = 0; i < Number(runsArg ?? 5); i++) {
  const reloaded = new Promise((resolve) => (waiting = resolve));
  const t0 = performance.now();
  await writeFile(file, original.replace(/\n---\n/, `\n---\nEdited in watch run ${i}.\n\n`));
  await reloaded;
  runs.push({
    ms: reloads[reloads.length - 1] - t0,
    written: lastRebuild.result.written.length,
    patched: lastRebuild.result.mode === "patched",
    buildMs: lastRebuild.ms,
  });
  await new Promise((r) => setTimeout(r, 200));
}
await writeFile(file, original);
await server.idle();
await server.close();
console.log(JSON.stringify({ runs, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
process.exit(0);
