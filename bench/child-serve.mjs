/* global URL */
// `curio serve`'s rebuild, measured: a warm Rebuilder (as serve keeps one), then for each run
// an edit of one scoop and the time until its rebuild has written every affected file, which
// is when serve sends the reload event (the search index follows in the background, and is
// remade before the next edit). Prints JSON {runs: [{ms, written}], maxRssMB}.
// Usage: node bench/child-serve.mjs <root> <scoop file> <runs>
import { readFile, writeFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";

const { Rebuilder } = await import(new URL("../lib/api.js", import.meta.url).href);
const { curioFingerprint } = await import(new URL("../lib/version.js", import.meta.url).href);

const [root, file, runsArg] = process.argv.slice(2);
const builder = new Rebuilder(
  { root, outDir: ".curio-cache/serve-bench" },
  { now: () => Date.UTC(2026, 0, 1), curioVersion: curioFingerprint() },
);
const first = await builder.build(undefined, false);
if (!first.ok) throw new Error(JSON.stringify(first.diagnostics.slice(0, 3)));
builder.prepareForEdits(); // as curio serve does after a full build, while waiting for edits
const original = await readFile(file, "utf8");
const runs = [];
for (let i = 0; i < Number(runsArg ?? 5); i++) {
  await writeFile(file, original.replace(/\n---\n/, `\n---\nEdited in run ${i}.\n\n`));
  const t0 = performance.now();
  const result = await builder.build([file], false);
  runs.push({ ms: performance.now() - t0, written: result.written.length, ok: result.ok });
  await builder.searchSettled(); // the search index, remade in the background, before the next edit
}
await writeFile(file, original);
console.log(JSON.stringify({ runs, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
