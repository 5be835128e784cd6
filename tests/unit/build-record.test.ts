import { readdir, readFile, rename, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { damaged, damageOf } from "../helpers/damage.js";
import { describe, expect, it } from "vitest";
import type { BuildRecord } from "../../src/incremental/build-record.js";
import {
  loadBuildRecord,
  saveBuildRecord,
  scanInputs,
} from "../../src/incremental/build-record.js";
import { digest } from "../../src/util/digest.js";
import { makeSite, tempDir } from "../helpers/sites.js";

const OUT = "/srv/site/dist";

const record: BuildRecord = {
  format: "curio-build-record",
  curio: "v1",
  outDir: OUT,
  inputs: "abc",
  scannedAt: 1_767_225_600_000.5,
  nextChange: 1_780_000_000_000,
  stats: {
    pages: 12,
    feeds: 9,
    scoops: 30,
    topics: 2,
    curators: 2,
    tags: 6,
    issues: 4,
    scheduled: [{ file: "content/topics/a/2026-06-01-x.md", date: "2026-06-01T00:00:00Z" }],
    drafts: 1,
  },
  diagnostics: [
    {
      severity: "warning",
      code: "unused-curator",
      file: "content/curators/c.md",
      line: 1,
      column: 1,
      message: "unused",
      hint: "use it",
    },
    { severity: "error", code: "x", message: "no file" },
  ],
  basePath: "/",
};

/** The file a record is saved to, in a fresh cache folder. */
async function savedRecord(value: BuildRecord = record): Promise<{ dir: string; file: string }> {
  const dir = await tempDir("curio-record-");
  await saveBuildRecord(dir, value);
  const [name] = await readdir(dir);
  return { dir, file: path.join(dir, name!) };
}

/** A record file as saveBuildRecord writes it, around any JSON text, with a matching digest. */
const wrapped = (json: string) =>
  `{"format":"curio-build-record/2","check":"${digest(json)}","record":${json}}`;

describe("the build record", () => {
  it("loads back exactly what was saved, for its own output folder and Curio only", async () => {
    const { dir } = await savedRecord();
    expect(await loadBuildRecord(dir, OUT, "v1")).toEqual(record);
    expect(await loadBuildRecord(dir, OUT, "v2")).toBeUndefined();
    expect(await loadBuildRecord(dir, "/srv/other", "v1")).toBeUndefined();
    expect(await loadBuildRecord(path.join(dir, "nowhere"), OUT, "v1")).toBeUndefined();
  });

  it("is not trusted when edited, even into valid JSON, or in the format before digests", async () => {
    const { dir, file } = await savedRecord();
    const text = await readFile(file, "utf8");
    // A later scheduled scoop: valid JSON, a valid record, but not what was saved.
    await writeFile(file, text.replace("1780000000000", "1790000000000"));
    expect(await loadBuildRecord(dir, OUT, "v1")).toBeUndefined();
    await writeFile(file, JSON.stringify(record));
    expect(await loadBuildRecord(dir, OUT, "v1")).toBeUndefined();
  });

  it("is not trusted when any field has the wrong shape, even with a matching digest", async () => {
    const { dir, file } = await savedRecord();
    const broken: unknown[] = [
      { ...record, diagnostics: [null] },
      { ...record, diagnostics: [{ ...record.diagnostics[0], severity: "fatal" }] },
      { ...record, diagnostics: [{ ...record.diagnostics[0], line: "1" }] },
      { ...record, stats: { ...record.stats, pages: -1 } },
      { ...record, stats: { ...record.stats, scheduled: [{ file: "x" }] } },
      { ...record, stats: undefined },
      { ...record, scannedAt: "yesterday" },
      { ...record, nextChange: undefined },
      { ...record, basePath: 3 },
      { ...record, extra: true },
      { ...record, format: "curio-write-manifest" },
      [record],
      null,
    ];
    for (const value of broken) {
      await writeFile(file, wrapped(JSON.stringify(value) ?? "null"));
      expect(await loadBuildRecord(dir, OUT, "v1"), JSON.stringify(value)).toBeUndefined();
    }
    await writeFile(file, wrapped(JSON.stringify(record)));
    expect(await loadBuildRecord(dir, OUT, "v1")).toEqual(record);
  });

  it("whatever the damage, gives back the record exactly as saved or nothing", async () => {
    const { dir, file } = await savedRecord();
    const bytes = await readFile(file);
    await fc.assert(
      fc.asyncProperty(damageOf(false), async (d) => {
        await writeFile(file, damaged(bytes, d));
        const loaded = await loadBuildRecord(dir, OUT, "v1");
        if (loaded !== undefined) expect(loaded).toEqual(record);
      }),
      { numRuns: 40 },
    );
  });
});

describe("the input scan", () => {
  async function site() {
    const root = await makeSite({
      "content/curators/ann.md": "---\nname: Ann\n---\n",
      "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
      "content/topics/t/2024-01-01-a.md":
        "---\ntitle: A\ndate: 2024-01-01\n---\nSet goals first.\n",
    });
    return { root, file: path.join(root, "content/topics/t/2024-01-01-a.md") };
  }
  const scan = (root: string) => scanInputs(root, undefined, ["options"]);

  it("sees a same-size edit whose modification time was set back by hand", async () => {
    const { root, file } = await site();
    const mtime = new Date(Date.UTC(2024, 0, 1));
    await utimes(file, mtime, mtime);
    const before = await scan(root);
    expect((await scan(root)).key).toBe(before.key);
    const size = (await stat(file)).size;
    await writeFile(file, (await readFile(file, "utf8")).replace("goals", "GOALS"));
    await utimes(file, mtime, mtime);
    expect((await stat(file)).size).toBe(size);
    const after = await scan(root);
    expect(after.key).not.toBe(before.key);
    // The change time counts as new: a change within the racy window is not trusted.
    expect(after.newest).toBeGreaterThan(mtime.getTime());
  });

  it("sees a file replaced by another with the same size and modification time", async () => {
    const { root, file } = await site();
    const mtime = new Date(Date.UTC(2024, 0, 1));
    await utimes(file, mtime, mtime);
    const before = await scan(root);
    const other = path.join(path.dirname(root), `${path.basename(root)}-next.md`);
    await writeFile(other, (await readFile(file, "utf8")).replace("goals", "GOALS"));
    await utimes(other, mtime, mtime);
    await rename(other, file);
    expect((await scan(root)).key).not.toBe(before.key);
  });
});
