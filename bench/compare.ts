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
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
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

/** Peak RSS (MiB) of each build, by side and scenario, from GNU time (when installed). */
const peaks: Record<Side, Record<string, number[]>> = { old: {}, new: {} };
const gnuTime = existsSync("/usr/bin/time");

/** Wall time of one `curio build` in a fresh process (ms); its peak RSS goes to `peaks`. */
function timeBuild(side: Side, root: string, scenario: string): number {
  const started = process.hrtime.bigint();
  const node = [process.execPath, bins[side], "build", "--root", root, "--quiet"];
  const [cmd, ...rest] = gnuTime ? ["/usr/bin/time", "-f", "%M", ...node] : node;
  const out = spawnSync(cmd!, rest, { encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (out.status !== 0) throw new Error(`${side} build failed in ${root}:\n${out.stderr}`);
  const kb = Number(out.stderr.trim().split("\n").pop());
  if (gnuTime && Number.isFinite(kb)) (peaks[side][scenario] ??= []).push(kb / 1024);
  return ms;
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
  peaks.old = {};
  peaks.new = {};
  const add = (side: Side, scenario: string, ms: number) => (times[side][scenario] ??= []).push(ms);
  for (let i = 0; i < runs; i++) {
    for (const side of (i % 2 ? ["new", "old"] : ["old", "new"]) as Side[]) {
      const root = roots[side];
      rmSync(path.join(root, "dist"), { recursive: true, force: true });
      rmSync(path.join(root, ".curio-cache"), { recursive: true, force: true });
      add(side, "cold", timeBuild(side, root, "cold"));
      // Past the up-to-date check's racy window (inputs changed within 2 s are not trusted).
      await new Promise((resolve) => setTimeout(resolve, 2200));
      add(side, "warm", timeBuild(side, root, "warm"));
      const file = firstScoop(root);
      writeFileSync(file, readFileSync(file, "utf8").replace(/\n---\n/, `\n---\nEdit ${i}.\n\n`));
      add(side, "edit", timeBuild(side, root, "edit"));
      // A new scoop: every list it joins changes.
      const added = path.join(path.dirname(file), `2026-01-01-added-${i}.md`);
      writeFileSync(added, readFileSync(file, "utf8").replace(/^title: .*$/m, `title: Added ${i}`));
      add(side, "add", timeBuild(side, root, "add"));
      // A template override: every page's signature changes; only the 404 page's bytes do.
      const template = path.join(root, "templates", "404.eta");
      mkdirSync(path.dirname(template), { recursive: true });
      writeFileSync(
        template,
        `${readFileSync(path.join(REPO, "templates", "404.eta"), "utf8")}<!-- ${i} -->\n`,
      );
      add(side, "template", timeBuild(side, root, "template"));
      rmSync(path.join(root, "templates"), { recursive: true, force: true });
      rmSync(added);
    }
  }
  for (const scenario of ["cold", "warm", "edit", "add", "template"]) {
    const o = median(times.old[scenario]!);
    const n = median(times.new[scenario]!);
    const all = (side: Side) => times[side][scenario]!.map((ms) => ms.toFixed(0)).join(", ");
    console.log(
      `${size} ${scenario}: old ${o.toFixed(0)} ms, new ${n.toFixed(0)} ms, new/old ${(n / o).toFixed(2)} (old: ${all("old")}; new: ${all("new")})`,
    );
    const rss = (side: Side) => peaks[side][scenario] ?? [];
    if (rss("old").length && rss("new").length) {
      const ro = median(rss("old"));
      const rn = median(rss("new"));
      console.log(
        `${size} ${scenario} peak RSS: old ${ro.toFixed(0)} MiB, new ${rn.toFixed(0)} MiB, new/old ${(rn / ro).toFixed(2)} (old: ${rss(
          "old",
        )
          .map((m) => m.toFixed(0))
          .join(", ")}; new: ${rss("new")
          .map((m) => m.toFixed(0))
          .join(", ")})`,
      );
    }
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
