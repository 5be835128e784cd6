import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, startCurio } from "./helpers/run-cli.js";
import { listFiles, makeSite, readTree, tempDir } from "./helpers/sites.js";

/**
 * Fault injection: a digest of some scoops is built, changed, and its next build is killed at
 * a fail point (CURIO_FAILPOINT: the parse, the writing of new files, the switch into the
 * output folder, the cache save). Afterwards the output folder must hold the old site or the
 * new one, and the build after that must equal a cold build, with no leftovers.
 *
 * The fail points fire at an exact step, not after a time, so the digest's size does not
 * matter: 60 scoops on list pages of 5 are enough for the change to add, edit, retag and
 * delete scoops and to add, change and delete list pages.
 */

const SCOOPS = 60;
const TOPICS = ["ehealth", "pharma", "policy"];

function scoopFile(i: number, version: 1 | 2): [string, string] | undefined {
  // Version 2 deletes every 40th scoop, adds 6, edits every 15th and retags every 20th.
  if (version === 2 && i % 40 === 7) return undefined;
  if (version === 1 && i >= SCOOPS) return undefined;
  const topic = TOPICS[i % TOPICS.length]!;
  const day = String((i % 28) + 1).padStart(2, "0");
  const month = String((i % 12) + 1).padStart(2, "0");
  const tags = version === 2 && i % 20 === 3 ? ["Retagged"] : [`Tag ${i % 9}`, `Theme ${i % 5}`];
  const text =
    version === 2 && i % 15 === 1
      ? `An edited excerpt for scoop ${i}.`
      : `The excerpt of scoop ${i}, quoted from the source.`;
  return [
    `content/topics/${topic}/2020-${month}-${day}-scoop-${i}.md`,
    `---\ntitle: Scoop number ${i}\ndate: 2020-${month}-${day}\ncurator: ann\nurl: https://example.org/articles/${i}\ntags: [${tags.join(", ")}]\ninsight: Why scoop ${i} matters.\n---\n${text}\n`,
  ];
}

function digestFiles(version: 1 | 2): Record<string, string> {
  const files: Record<string, string> = {
    "curio.config.yml":
      "title: Crash digest\nbaseUrl: https://example.org/\ntimezone: UTC\npageSize: 5\n",
    "content/curators/ann.md": "---\nname: Ann\n---\n",
  };
  for (const t of TOPICS) {
    files[`content/topics/${t}/_topic.md`] = `---\ntitle: Topic ${t}\ncurators: [ann]\n---\n`;
  }
  for (let i = 0; i < SCOOPS + 6; i++) {
    const f = scoopFile(i, version);
    if (f) files[f[0]] = f[1];
  }
  return files;
}

/** Puts the digest's content at `version`: writes what differs, deletes what is gone. */
function setVersion(root: string, version: 1 | 2): void {
  const want = digestFiles(version);
  const other = digestFiles(version === 1 ? 2 : 1);
  for (const rel of Object.keys(other)) {
    if (!(rel in want)) rmSync(path.join(root, rel), { force: true });
  }
  for (const [rel, text] of Object.entries(want)) {
    const abs = path.join(root, rel);
    if (!existsSync(abs) || readFileSync(abs, "utf8") !== text) writeFileSync(abs, text);
  }
}

/** A cold build of a version: a new digest, no cache, into an empty folder. */
async function coldTree(version: 1 | 2): Promise<Map<string, Buffer>> {
  const root = await makeSite(digestFiles(version));
  const r = await runCli(["build", "--root", root, "--no-cache"], root);
  if (r.code !== 0) throw new Error(r.err);
  return readTree(path.join(root, "dist"));
}

/** What builds leave behind that is not the site: staging folders, temporary files. */
function leftovers(root: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(path.join(root, "dist"))) {
    if (name.startsWith(".curio-staging-") || name.endsWith(".tmp")) found.push(`dist/${name}`);
  }
  for (const name of readdirSync(root)) if (name.startsWith(".dist")) found.push(name);
  const cache = path.join(root, ".curio-cache");
  if (existsSync(cache))
    for (const name of readdirSync(cache)) if (name.endsWith(".tmp")) found.push(name);
  return found;
}

function same(a: Map<string, Buffer>, b: Map<string, Buffer>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (!b.get(k)?.equals(v)) return false;
  return true;
}

let old: Map<string, Buffer>;
let fresh: Map<string, Buffer>;
let root: string;

beforeAll(async () => {
  [old, fresh] = [await coldTree(1), await coldTree(2)];
  root = path.join(await tempDir(), "digest");
  await mkdir(root);
  for (const [rel, text] of Object.entries(digestFiles(1))) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
}, 120_000);

describe("a build killed at any point leaves the old site or the new one", () => {
  it("the two versions differ in pages written, changed and deleted", () => {
    expect(same(old, fresh)).toBe(false);
    expect([...old.keys()].some((k) => !fresh.has(k))).toBe(true);
    expect([...fresh.keys()].some((k) => !old.has(k))).toBe(true);
    // List pages too: a tag that loses scoops loses its last page.
    expect([...old.keys()].some((k) => k.includes("/page/") && !fresh.has(k))).toBe(true);
    expect([...fresh.keys()].some((k) => k.includes("/page/") && !old.has(k))).toBe(true);
  });

  it.each([
    ["parse", "SIGKILL", "old"],
    ["write", "SIGKILL", "old"],
    ["write", "SIGINT", "old"],
    ["write", "SIGTERM", "old"],
    ["commit", "SIGTERM", "new"],
    ["commit", "SIGINT", "new"],
    ["cache-save", "SIGKILL", "new"],
  ] as const)(
    "killed at %s by %s: the %s site, then the next build equals a cold build",
    async (point, signal, expected) => {
      setVersion(root, 1);
      const first = await runCli(["build", "--root", root], root);
      expect(first.code, first.err).toBe(0);
      expect(same(await readTree(path.join(root, "dist")), old)).toBe(true);

      setVersion(root, 2);
      const run = await startCurio(["build", "--root", root], root, {
        CURIO_FAILPOINT: `${point}:${signal}`,
      }).done;
      if (signal === "SIGKILL") expect(run.signal).toBe("SIGKILL");
      else expect(run.code, run.stderr).toBe(signal === "SIGINT" ? 130 : 143);
      const after = await readTree(path.join(root, "dist"));
      expect(same(after, expected === "old" ? old : fresh)).toBe(true);

      const next = await runCli(["build", "--root", root], root);
      expect(next.code, next.err).toBe(0);
      expect(same(await readTree(path.join(root, "dist")), fresh)).toBe(true);
      expect(leftovers(root)).toEqual([]);
      const owned = JSON.parse(
        readFileSync(path.join(root, "dist", ".curio-manifest.json"), "utf8"),
      );
      expect(owned.files).toEqual(await listFiles(path.join(root, "dist")));
    },
    60_000,
  );

  it("a SIGKILL in the middle of the switch (nothing can catch it) is repaired by the next build", async () => {
    setVersion(root, 1);
    expect((await runCli(["build", "--root", root], root)).code).toBe(0);
    setVersion(root, 2);
    const run = await startCurio(["build", "--root", root], root, {
      CURIO_FAILPOINT: "commit:SIGKILL",
    }).done;
    expect(run.signal).toBe("SIGKILL");
    // Half the new files are in: the one state the switch cannot rule out (see the README).
    const next = await runCli(["build", "--root", root], root);
    expect(next.code, next.err).toBe(0);
    expect(same(await readTree(path.join(root, "dist")), fresh)).toBe(true);
    expect(leftovers(root)).toEqual([]);
  }, 60_000);
});
