/**
 * `npm run bench:compare -- --old <checkout>`: this checkout's `curio build` against another's
 * (a `git worktree` of an older commit, compiled), on the same generated corpus, pairs run in
 * turn so both see the same machine. For each size: cold (no cache, no output), warm (nothing
 * changed) and a one-scoop edit, as medians of `--runs` pairs and the new/old ratio; then whether
 * the two outputs are byte-identical (the ownership list `.curio-manifest.json` aside).
 *
 *   git worktree add /tmp/curio-old <commit> && (cd /tmp/curio-old && npm ci)
 *   npm run bench:compare -- --old /tmp/curio-old --sizes 1000,10000 --runs 3
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeCorpus } from "./corpus.js";

const REPO = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const oldCheckout = option("--old", "");
if (!oldCheckout) {
  console.error("usage: npm run bench:compare -- --old <checkout> [--sizes 1000] [--runs 3]");
  process.exit(2);
}
const sizes = option("--sizes", "1000").split(",").map(Number);
const runs = Number(option("--runs", "3"));
const workDir = option("--dir", path.join(os.tmpdir(), "curio-compare"));
const bins = {
  old: path.join(path.resolve(oldCheckout), "bin", "curio.js"),
  new: path.join(REPO, "bin", "curio.js"),
} as const;
type Side = keyof typeof bins;

/** Wall time of one `curio build` in a fresh process (ms). */
function timeBuild(side: Side, root: string): number {
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, [bins[side], "build", "--root", root, "--quiet"], {
    stdio: "ignore",
  });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function firstScoop(root: string): string {
  const topics = path.join(root, "content", "topics");
  const topic = readdirSync(topics).sort()[0]!;
  const file = readdirSync(path.join(topics, topic))
    .filter((n) => n !== "_topic.md")
    .sort()[0]!;
  return path.join(topics, topic, file);
}

for (const size of sizes) {
  const corpus = path.join(workDir, `corpus-${size}`);
  if (!existsSync(corpus)) {
    cpSync(path.join(REPO, "curio.config.yml"), path.join(corpus, "curio.config.yml"));
    await writeCorpus(corpus, REPO, { scoops: size });
  }
  const roots = {} as Record<Side, string>;
  for (const side of Object.keys(bins) as Side[]) {
    roots[side] = path.join(workDir, `${side}-${size}`);
    rmSync(roots[side], { recursive: true, force: true });
    cpSync(corpus, roots[side], { recursive: true });
  }
  const times: Record<Side, Record<string, number[]>> = { old: {}, new: {} };
  const add = (side: Side, scenario: string, ms: number) => (times[side][scenario] ??= []).push(ms);
  for (let i = 0; i < runs; i++) {
    for (const side of (i % 2 ? ["new", "old"] : ["old", "new"]) as Side[]) {
      const root = roots[side];
      rmSync(path.join(root, "dist"), { recursive: true, force: true });
      rmSync(path.join(root, ".curio-cache"), { recursive: true, force: true });
      add(side, "cold", timeBuild(side, root));
      // Past the up-to-date check's racy window (inputs changed within 2 s are not trusted).
      await new Promise((resolve) => setTimeout(resolve, 2200));
      add(side, "warm", timeBuild(side, root));
      const file = firstScoop(root);
      writeFileSync(file, readFileSync(file, "utf8").replace(/\n---\n/, `\n---\nEdit ${i}.\n\n`));
      add(side, "edit", timeBuild(side, root));
    }
  }
  for (const scenario of ["cold", "warm", "edit"]) {
    const o = median(times.old[scenario]!);
    const n = median(times.new[scenario]!);
    const all = (side: Side) => times[side][scenario]!.map((ms) => ms.toFixed(0)).join(", ");
    console.log(
      `${size} ${scenario}: old ${o.toFixed(0)} ms, new ${n.toFixed(0)} ms, new/old ${(n / o).toFixed(2)} (old: ${all("old")}; new: ${all("new")})`,
    );
  }
  let same = true;
  try {
    execFileSync(
      "diff",
      ["-rq", "-x", ".curio-manifest.json", `${roots.old}/dist`, `${roots.new}/dist`],
      {
        stdio: "ignore",
      },
    );
  } catch {
    same = false;
  }
  console.log(
    `${size} outputs: ${same ? "byte-identical" : "different (diff -rq the two dist/ folders)"}`,
  );
}
