/* global URL, setTimeout */
// `curio serve` end to end: the real dev server with its file watcher, and a client listening
// for live-reload events in a process of its own, as a browser does. For each run, one scoop is
// saved and the time is taken from the save to the client's receipt of the `reload` event, which
// serve sends once every affected file is rewritten. (A client in this process would read the
// event only once the server's turn of work after sending it, printing the report, is over.)
// Prints JSON {runs: [{ms, written, patched}], maxRssMB}.
// Usage: node bench/child-watch.mjs <root> <scoop file> <runs>
import { spawn } from "node:child_process";
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

// Listen to the live-reload stream as an open page does, from another process: it prints the
// time (ms since the epoch, to the microsecond) at which each reload event arrives.
const client = spawn(
  process.execPath,
  [
    "--input-type=module",
    "-e",
    `import http from "node:http";
     http.get(process.argv[1], (res) => {
       res.setEncoding("utf8");
       console.log("ready");
       res.on("data", (chunk) => {
         if (chunk.includes("event: reload")) console.log(performance.timeOrigin + performance.now());
       });
     });`,
    new URL("/__curio/events", server.url).href,
  ],
  { stdio: ["ignore", "pipe", "inherit"] },
);
const reloads = [];
let waiting;
let ready;
const connected = new Promise((resolve) => (ready = resolve));
let buffered = "";
client.stdout.setEncoding("utf8");
client.stdout.on("data", (chunk) => {
  buffered += chunk;
  const lines = buffered.split("\n");
  buffered = lines.pop();
  for (const line of lines) {
    if (line === "ready") ready();
    else {
      reloads.push(Number(line));
      waiting?.();
    }
  }
});
await connected;
await new Promise((r) => setTimeout(r, 300)); // let the watcher settle

const original = await readFile(file, "utf8");
const runs = [];
for (let i = 0; i < Number(runsArg ?? 5); i++) {
  const reloaded = new Promise((resolve) => (waiting = resolve));
  const t0 = performance.timeOrigin + performance.now();
  await writeFile(file, original.replace(/\n---\n/, `\n---\nEdited in watch run ${i}.\n\n`));
  await reloaded;
  runs.push({
    ms: reloads[reloads.length - 1] - t0,
    written: lastRebuild.result.written.length,
    patched: lastRebuild.result.mode === "patched",
    buildMs: lastRebuild.ms,
  });
  // A curator's pause: the rebuild's background work (the search index, remade by Pagefind
  // after a patch) ends before the next save, so each run measures the save → reload path.
  await server.idle();
  await server.builder.searchSettled();
  await new Promise((r) => setTimeout(r, 200));
}
await writeFile(file, original);
await server.idle();
await server.close();
client.kill();
console.log(JSON.stringify({ runs, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
process.exit(0);
