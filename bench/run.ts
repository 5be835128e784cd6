import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, cp, mkdir, readFile, readdir, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { writeCorpus } from "./corpus.js";

/**
 * `npm run bench`: builds generated digests of 1,000 and 10,000 scoops (100,000 with --huge)
 * and reports, per scenario, the median wall time, CPU time and peak RSS of several runs, each
 * build in a fresh process. Reports figures; asserts nothing. Results: bench/results/latest.json.
 *
 *   npm run bench                       # 1k and 10k, 3 runs each
 *   npm run bench -- --sizes 1000 --runs 5
 *   npm run bench -- --huge             # adds 100k (slow: tens of minutes)
 *   npm run bench -- --sizes 100000 --runs 1 --cold-only --save huge-cold   # 100k, 5 minutes
 *   npm run bench -- --sizes 1000 --no-images   # without the local-image scenarios
 *   npm run bench -- --images-only --runs 5     # only them
 */

const REPO = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : (args[i + 1] ?? fallback);
};
const sizes = option("--sizes", flag("--huge") ? "1000,10000,100000" : "1000,10000")
  .split(",")
  .map(Number);
const runs = Number(option("--runs", "3"));
/** Only cold builds (and Hugo's): `--sizes 100000 --runs 1 --cold-only` in about five minutes. */
const coldOnly = flag("--cold-only");
/** Results go to bench/results/<name>.json (default `latest`). */
const saveAs = option("--save", "latest");
const workDir = option("--dir", path.join(os.tmpdir(), "curio-bench"));

interface Measure {
  wallMs: number;
  cpuMs: number;
  maxRssMB: number;
  written?: number;
  deleted?: number;
  unchanged?: number;
}

interface Row {
  scoops: number;
  scenario: string;
  runs: Measure[];
  median: Measure;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function medianOf(list: Measure[]): Measure {
  const pick = (k: keyof Measure) => median(list.map((m) => m[k] ?? 0));
  return {
    wallMs: pick("wallMs"),
    cpuMs: pick("cpuMs"),
    maxRssMB: pick("maxRssMB"),
    written: pick("written"),
    deleted: pick("deleted"),
    unchanged: pick("unchanged"),
  };
}

/**
 * Runs node with a script in a fresh process and parses the JSON line it prints. No V8 flags:
 * builds run as `curio build` does (a `--max-old-space-size` would also lift the parse
 * workers' heap caps, since V8 flags apply to every thread).
 */
function child<T>(script: string, scriptArgs: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(REPO, "bench", script), ...scriptArgs], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.on("close", (code) => {
      if (code !== 0) reject(new Error(`${script} exited with ${code}`));
      else resolve(JSON.parse(out.trim().split("\n").pop()!) as T);
    });
  });
}

const build = (root: string, ...extra: string[]) => child<Measure>("child.mjs", [root, ...extra]);

async function corpus(n: number): Promise<{ root: string; files: string[] }> {
  const root = path.join(workDir, `scoops-${n}`);
  const marker = path.join(root, ".corpus-done");
  if (!existsSync(marker)) {
    process.stderr.write(`generating ${n} scoops in ${root}…\n`);
    await rm(root, { recursive: true, force: true });
    await mkdir(root, { recursive: true });
    await writeCorpus(root, REPO, { scoops: n });
    await writeFile(marker, "");
  }
  const files: string[] = [];
  for (const topic of await readdir(path.join(root, "content/topics"))) {
    for (const f of await readdir(path.join(root, "content/topics", topic)))
      if (f !== "_topic.md") files.push(path.join(root, "content/topics", topic, f));
  }
  return { root, files: files.sort() };
}

/** Hugo's version when it is installed and usable (the comparison is optional). */
const hugoModule = await import("./hugo.js").catch(() => undefined);
const hugoVersionLine = (() => {
  try {
    return hugoModule?.hugoVersion();
  } catch {
    return undefined;
  }
})();

/**
 * The config Hugo's twin site matches (bench/hugo.ts): the same pages and the same 792–813
 * feeds, no digest issues and no search index, which Hugo does not make.
 */
const LIKE_FOR_LIKE = "digest: false\nsearch: false\n";

/**
 * Cold builds with a feature turned off, each paired with the cold build of the same run: what
 * the feature costs. The corpus is the example's prose, without tables or footnotes: GFM off
 * measures what its parser extensions cost on ordinary text.
 */
const VARIANTS = [
  { scenario: "cold build, GFM off", feature: "GFM", config: "markdown:\n  gfm: false\n" },
] as const;

/** Sets every content file's modification time to now, as a fresh `git clone` does. */
async function freshCheckout(files: readonly string[]): Promise<void> {
  const now = new Date();
  await Promise.all(files.map((f) => utimes(f, now, now)));
}

async function scenarios(n: number): Promise<Row[]> {
  const { root, files } = await corpus(n);
  // Hugo builds the same corpus right after each cold Curio build (up to 10,000 scoops), so each
  // pair shares the machine's state and their ratio is measured in one go.
  let hugoRoot: string | undefined;
  if (hugoModule && hugoVersionLine && n <= 10_000) {
    hugoRoot = path.join(workDir, `hugo-${n}`);
    await rm(hugoRoot, { recursive: true, force: true });
    await hugoModule.writeHugoSite(root, hugoRoot);
  }
  const hugoRuns: Measure[] = [];
  const rows: Row[] = [];
  const record = (scenario: string, list: Measure[]) => {
    const row = { scoops: n, scenario, runs: list, median: medianOf(list) };
    rows.push(row);
    printRow(row);
  };
  const reset = () =>
    Promise.all([
      rm(path.join(root, "dist"), { recursive: true, force: true }),
      rm(path.join(root, ".curio-cache"), { recursive: true, force: true }),
    ]);
  const edited = files[Math.floor(files.length / 2)]!;
  const original = await readFile(edited, "utf8");
  const templates = path.join(root, "templates");

  const cold: Measure[] = [];
  const like: Measure[] = [];
  const ci: Measure[] = [];
  const config = path.join(root, "curio.config.yml");
  const configText = await readFile(config, "utf8");
  const off = new Map(VARIANTS.map((v) => [v.scenario, [] as Measure[]]));
  const warm: Measure[] = [];
  const edit: Measure[] = [];
  const add: Measure[] = [];
  const template: Measure[] = [];
  const contentFiles = [
    ...files,
    ...(await readdir(path.join(root, "content"), { recursive: true }))
      .filter((f) => f.endsWith("_topic.md") || f.startsWith("curators/"))
      .map((f) => path.join(root, "content", f)),
  ];
  for (let i = 0; i < runs; i++) {
    await reset();
    await rm(templates, { recursive: true, force: true });
    cold.push(await build(root));
    // Like for like with Hugo's twin (the same pages and feeds), then Hugo right after.
    await reset();
    await writeFile(config, `${configText.trimEnd()}\n${LIKE_FOR_LIKE}`);
    like.push(await build(root));
    if (hugoRoot) {
      const h = await hugoModule!.measureHugo(hugoRoot, {
        destination: path.join(hugoRoot, "public"),
      });
      hugoRuns.push({ wallMs: h.wallMs, cpuMs: h.cpuMs, maxRssMB: h.maxRssMB, written: h.files });
    }
    // The CI build the generated workflow runs: a fresh checkout (every content file newer than
    // the cache's record), the content cache restored, an empty output folder.
    await rm(path.join(root, "dist"), { recursive: true, force: true });
    await freshCheckout(contentFiles);
    ci.push(await build(root));
    await writeFile(config, configText);
    // The same cold build with a feature off, in turn: what each costs.
    for (const variant of VARIANTS) {
      await reset();
      await writeFile(config, `${configText.trimEnd()}\n${variant.config}`);
      off.get(variant.scenario)!.push(await build(root));
      await writeFile(config, configText);
    }
    await reset();
    await build(root); // back to the corpus's output, unmeasured
    if (coldOnly) continue;
    warm.push(await build(root));
    await writeFile(
      edited,
      original.replace(/\n---\n/, `\n---\nA sentence added in run ${i}.\n\n`),
    );
    edit.push(await build(root));
    await writeFile(edited, original);
    const added = path.join(path.dirname(edited), `2026-01-01-benchmark-addition-${i}.md`);
    await writeFile(
      added,
      `---\ntitle: "Added in run ${i}"\ndate: 2024-12-31T10:00\ntags: ["Benchmark"]\ncurator: ${/curator: (\S+)/.exec(original)![1]}\n---\nA new scoop.\n`,
    );
    add.push(await build(root));
    await rm(added);
    await build(root); // back to the corpus, unmeasured
    await cp(path.join(REPO, "templates"), templates, { recursive: true });
    await appendFile(path.join(templates, "scoop-card.eta"), `\n<!-- run ${i} -->\n`);
    template.push(await build(root));
  }
  record("cold build (no cache, empty output)", cold);
  record("cold build, digests and search off (like for like)", like);
  record("CI build: fresh checkout, cache restored, empty output (like for like)", ci);
  const ratio = (label: string, list: readonly Measure[], base: readonly Measure[]) => {
    const each = list.map((m, i) => m.wallMs / base[i]!.wallMs);
    process.stdout.write(
      `${" ".repeat(9)}${label}, wall time, per pair: ${each.map((r) => r.toFixed(2)).join(", ")}; median ${median(each).toFixed(2)}\n`,
    );
    return each;
  };
  ratio("with / without digests and search", cold, like);
  for (const variant of VARIANTS) {
    const list = off.get(variant.scenario)!;
    record(variant.scenario, list);
    ratio(`with / without ${variant.feature}`, cold, list);
  }
  if (hugoRuns.length > 0) {
    record(
      `hugo ${hugoVersionLine!.split(" ")[1] ?? ""} cold build (same pages and feeds)`,
      hugoRuns,
    );
    const ratios = ratio("Curio (like for like) / Hugo", like, hugoRuns);
    ratio("Curio CI build / Hugo cold", ci, hugoRuns);
    const cpu = like.map((m, i) => m.cpuMs / hugoRuns[i]!.cpuMs);
    process.stdout.write(
      `${" ".repeat(9)}Curio (like for like) / Hugo, CPU time: median ${median(cpu).toFixed(2)}; Curio CPU per scoop ${(medianOf(like).cpuMs / n).toFixed(2)} ms, Hugo ${(medianOf(hugoRuns).cpuMs / n).toFixed(2)} ms\n`,
    );
    pairs.push({ scoops: n, ratios, median: median(ratios) });
  }
  if (coldOnly) return rows;
  record("warm build (nothing changed)", warm);
  record("one edited scoop", edit);
  record("one added scoop", add);
  record("one template changed", template);
  await rm(templates, { recursive: true, force: true });

  // curio serve: the rebuild alone, then from the save to the reload event (real watcher).
  for (const [script, scenario, count] of [
    ["child-serve.mjs", "serve: one edited scoop, rebuild (files written)", 5],
    ["child-watch.mjs", "serve: one edited scoop, save to reload event", 7],
  ] as const) {
    const serve = await child<{ runs: { ms: number; written: number }[]; maxRssMB: number }>(
      script,
      [root, edited, String(Math.max(count, runs))],
    );
    const list = serve.runs.map((r) => ({
      wallMs: r.ms,
      cpuMs: 0,
      maxRssMB: serve.maxRssMB,
      written: r.written,
    }));
    record(scenario, list);
  }
  return rows;
}

/** Scoops, each with a local photo of its own, in the local-image scenarios. */
const IMAGE_SCOOPS = 40;

/**
 * Local images: a digest of `n` scoops, each showing a 1600 × 1067 JPEG of its own under
 * `static/` (four smaller copies each). Both scenarios start from an empty output folder and
 * write the same files: one makes every copy (no cache at all), the other finds them in
 * `.curio-cache/images/` (the content cache and write records removed, as a CI build with only
 * the image cache restored).
 */
async function imageScenarios(n: number): Promise<Row[]> {
  const root = path.join(workDir, `images-${n}`);
  const marker = path.join(root, ".corpus-done");
  if (!existsSync(marker)) {
    process.stderr.write(`generating ${n} scoops with local images in ${root}…\n`);
    await rm(root, { recursive: true, force: true });
    const { default: sharp } = await import("sharp");
    await mkdir(path.join(root, "content/topics/t"), { recursive: true });
    await mkdir(path.join(root, "content/curators"), { recursive: true });
    await mkdir(path.join(root, "static/images"), { recursive: true });
    await writeFile(
      path.join(root, "curio.config.yml"),
      "title: Images\nbaseUrl: https://bench.test/\n",
    );
    await writeFile(path.join(root, "content/curators/ann.md"), "---\nname: Ann\n---\n");
    await writeFile(
      path.join(root, "content/topics/t/_topic.md"),
      "---\ntitle: T\ncurators: [ann]\n---\n",
    );
    for (let i = 0; i < n; i++) {
      const hue = (i * 37) % 360;
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1067"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,55%)"/><stop offset="1" stop-color="hsl(${(hue + 120) % 360},50%,35%)"/></linearGradient></defs><rect width="1600" height="1067" fill="url(#g)"/><circle cx="${400 + i * 20}" cy="500" r="260" fill="hsl(${(hue + 200) % 360},70%,70%)"/></svg>`;
      const grain = await sharp({
        create: {
          width: 1600,
          height: 1067,
          channels: 3,
          background: "#808080",
          noise: { type: "gaussian", mean: 128, sigma: 12 },
        },
      })
        .png()
        .toBuffer();
      await sharp(Buffer.from(svg))
        .composite([{ input: grain, blend: "overlay" }])
        .jpeg({ quality: 85 })
        .toFile(path.join(root, `static/images/photo-${i}.jpg`));
      await writeFile(
        path.join(
          root,
          `content/topics/t/2024-01-${String((i % 28) + 1).padStart(2, "0")}-photo-${i}.md`,
        ),
        `---\ntitle: Photo ${i}\ndate: 2024-01-${String((i % 28) + 1).padStart(2, "0")}\nimage: /images/photo-${i}.jpg\nimageAlt: A photo\n---\nA scoop with a picture.\n`,
      );
    }
    await writeFile(marker, "");
  }
  const rows: Row[] = [];
  const made: Measure[] = [];
  const cached: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    await rm(path.join(root, "dist"), { recursive: true, force: true });
    await rm(path.join(root, ".curio-cache"), { recursive: true, force: true });
    made.push(await build(root));
    await rm(path.join(root, "dist"), { recursive: true, force: true });
    for (const f of await readdir(path.join(root, ".curio-cache")))
      if (f !== "images") await rm(path.join(root, ".curio-cache", f), { recursive: true });
    cached.push(await build(root));
  }
  for (const [scenario, list] of [
    [`local images: ${n * 4} copies made`, made],
    [`local images: ${n * 4} copies from the cache`, cached],
  ] as const) {
    const row = { scoops: n, scenario, runs: list, median: medianOf(list) };
    rows.push(row);
    printRow(row);
  }
  const ratios = cached.map((c, i) => c.wallMs / made[i]!.wallMs);
  process.stdout.write(
    `${" ".repeat(9)}copies from the cache / made, wall time per pair: ${ratios.map((r) => r.toFixed(2)).join(", ")}; median ${median(ratios).toFixed(2)}\n`,
  );
  return rows;
}

function printRow(r: Row): void {
  const m = r.median;
  const perScoop = ((m.wallMs / r.scoops) * 1000).toFixed(0);
  process.stdout.write(
    `${String(r.scoops).padStart(7)}  ${r.scenario.padEnd(48)} ${(m.wallMs / 1000).toFixed(2).padStart(8)} s ${(m.cpuMs / 1000).toFixed(2).padStart(8)} s ${m.maxRssMB.toFixed(0).padStart(6)} MB ${String(Math.round(m.written ?? 0)).padStart(7)} ${perScoop.padStart(6)} µs/scoop\n`,
  );
}

const machine = {
  cpus: os.cpus().length,
  model: os.cpus()[0]?.model ?? "unknown",
  memoryGB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
};
const commit = (() => {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO }).toString().trim();
  } catch {
    return "unknown";
  }
})();
process.stdout.write(
  `Curio benchmark, ${runs} run(s) per scenario, medians; ${machine.cpus} × ${machine.model}, ${machine.node}, commit ${commit}\n`,
);
process.stdout.write(
  `${"scoops".padStart(7)}  ${"scenario".padEnd(48)} ${"wall".padStart(10)} ${"cpu".padStart(10)} ${"peak RSS".padStart(9)} ${"written".padStart(7)} ${"per scoop".padStart(14)}\n`,
);
const rows: Row[] = [];
const pairs: { scoops: number; ratios: number[]; median: number }[] = [];
if (!flag("--images-only")) for (const n of sizes) rows.push(...(await scenarios(n)));
if (!coldOnly && !flag("--no-images")) rows.push(...(await imageScenarios(IMAGE_SCOOPS)));

if (!hugoVersionLine)
  process.stdout.write("(Hugo is not installed: apt-get install hugo to compare)\n");
const hugo = hugoVersionLine ? { version: hugoVersionLine, pairs } : undefined;

await mkdir(path.join(REPO, "bench", "results"), { recursive: true });
const report = { date: new Date().toISOString(), commit, machine, runs, hugo, rows };
await writeFile(
  path.join(REPO, "bench", "results", `${saveAs}.json`),
  `${JSON.stringify(report, null, 2)}\n`,
);
process.stdout.write(`saved bench/results/${saveAs}.json\n`);
