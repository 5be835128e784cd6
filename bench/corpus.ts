import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * A deterministic, seeded corpus generator for benchmarks: a digest of N scoops in 20 topics by
 * 50 curators with 200 tags, whose bodies (0.3–8 KB) are built from the example digest's own
 * sentences in the markdown constructs the seed uses (paragraphs, lists, links, headings).
 */

/** Mulberry32: a small, fast, seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CorpusOptions {
  readonly scoops: number;
  readonly topics?: number;
  readonly curators?: number;
  readonly tags?: number;
  readonly seed?: number;
}

/** The example digest's sentences: the raw material of every body. */
async function sentences(repoRoot: string): Promise<string[]> {
  const dir = path.join(repoRoot, "content/topics/social-media-and-healthcare");
  const out: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (name === "_topic.md") continue;
    const text = await readFile(path.join(dir, name), "utf8");
    const body = text.slice(text.indexOf("\n---", 3) + 4);
    for (const s of body.replace(/[#*_`[\]\\<>|-]/g, "").split(/(?<=[.!?])\s+/)) {
      const clean = s.replace(/\s+/g, " ").trim();
      if (clean.length > 30 && clean.length < 400) out.push(clean);
    }
  }
  return out;
}

/** Writes the corpus into `root` (replacing its content), and returns the scoop file paths. */
export async function writeCorpus(
  root: string,
  repoRoot: string,
  options: CorpusOptions,
): Promise<string[]> {
  const rand = prng(options.seed ?? 2019);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const nTopics = options.topics ?? 20;
  const nCurators = options.curators ?? 50;
  const nTags = options.tags ?? 200;
  const pool = await sentences(repoRoot);
  const words = [
    ...new Set(
      pool
        .join(" ")
        .split(/\W+/)
        .filter((w) => w.length > 3),
    ),
  ];

  await rm(path.join(root, "content"), { recursive: true, force: true });
  await mkdir(path.join(root, "content/curators"), { recursive: true });
  await writeFile(
    path.join(root, "curio.config.yml"),
    "title: Benchmark digest\ndescription: A generated digest for benchmarks.\nbaseUrl: https://bench.example.org/\ntimezone: Asia/Kolkata\npageSize: 20\n",
  );
  const curators = Array.from({ length: nCurators }, (_, i) => `curator-${i + 1}`);
  for (const id of curators) {
    await writeFile(
      path.join(root, "content/curators", `${id}.md`),
      `---\nname: ${titleCase(`${pick(words)} ${pick(words)}`)}\nurl: https://${id}.example.com/\n---\n${pick(pool)}\n`,
    );
  }
  const tags = Array.from({ length: nTags }, (_, i) => `${titleCase(pick(words))} ${i + 1}`);
  const topics = Array.from({ length: nTopics }, (_, i) => `topic-${i + 1}`);
  const topicCurators = new Map<string, string[]>();
  for (const [i, id] of topics.entries()) {
    const own = Array.from(
      { length: 1 + Math.floor(rand() * 4) },
      (_, k) => curators[(i * 3 + k) % nCurators]!,
    );
    topicCurators.set(id, [...new Set(own)]);
    await mkdir(path.join(root, "content/topics", id), { recursive: true });
    await writeFile(
      path.join(root, "content/topics", id, "_topic.md"),
      `---\ntitle: ${titleCase(`${pick(words)} and ${pick(words)}`)}\ndescription: ${JSON.stringify(pick(pool))}\ncurators: [${topicCurators.get(id)!.join(", ")}]\ncta:\n  text: Would you like help with this?\n  url: https://example.com/contact\n---\n${pick(pool)}\n`,
    );
  }

  const files: string[] = [];
  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2025, 0, 1) - start;
  for (let i = 0; i < options.scoops; i++) {
    const topic = pick(topics);
    const when = new Date(
      start + Math.floor((i / options.scoops) * span) + Math.floor(rand() * 3_600_000),
    );
    const day = when.toISOString().slice(0, 10);
    const time = when.toISOString().slice(11, 16);
    const title = titleCase(
      Array.from({ length: 4 + Math.floor(rand() * 8) }, () => pick(words)).join(" "),
    );
    const slug = `${title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 50)}-${i}`;
    const scoopTags = [
      ...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(tags))),
    ];
    const front = [
      `title: ${JSON.stringify(title)}`,
      `url: https://source-${i % 997}.example.com/articles/${slug}`,
      `date: ${day}T${time}`,
      `curator: ${pick(topicCurators.get(topic)!)}`,
      `tags: ${JSON.stringify(scoopTags)}`,
    ];
    if (rand() < 0.5)
      front.push(
        `image: https://img.example.com/${i}.jpg`,
        `imageAlt: ${JSON.stringify(pick(pool).slice(0, 80))}`,
      );
    if (rand() < 0.3) front.push(`insight: ${JSON.stringify(pick(pool))}`);
    if (rand() < 0.1) {
      front.push(
        "comments:",
        `  - author: ${JSON.stringify(pick(words))}`,
        `    date: ${day}T${time}`,
        `    text: ${JSON.stringify(pick(pool))}`,
      );
    }
    const file = path.join(root, "content/topics", topic, `${day}-${slug}.md`);
    await writeFile(file, `---\n${front.join("\n")}\n---\n${body(rand, pool, words)}`);
    files.push(file);
  }
  return files;
}

/** 0.3–8 KB of seed-like markdown: paragraphs, a list, a link, a heading. */
function body(rand: () => number, pool: readonly string[], words: readonly string[]): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const target = 300 + Math.floor(rand() ** 2 * 7700);
  const parts: string[] = [];
  let size = 0;
  while (size < target) {
    const r = rand();
    let block: string;
    if (r < 0.6) {
      block = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(pool)).join(" ");
      if (rand() < 0.3)
        block += ` See [${pick(words)} ${pick(words)}](https://ref.example.com/${pick(words).toLowerCase()}).`;
      if (rand() < 0.2) block = block.replace(/^(\S+ \S+)/, "**$1**");
    } else if (r < 0.8) {
      block = Array.from({ length: 2 + Math.floor(rand() * 5) }, () => `- ${pick(pool)}`).join(
        "\n",
      );
    } else if (r < 0.9) {
      block = `### ${titleCase(`${pick(words)} ${pick(words)} ${pick(words)}`)}`;
    } else {
      block = Array.from(
        { length: 2 + Math.floor(rand() * 3) },
        (_, k) => `${k + 1}. ${pick(pool)}`,
      ).join("\n");
    }
    parts.push(block);
    size += block.length + 2;
  }
  return `${parts.join("\n\n")}\n`;
}

function titleCase(s: string): string {
  return s.replace(/\b\w/g, (c) => c.toUpperCase());
}
