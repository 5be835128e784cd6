import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import type { BuildOptions, BuildResult } from "../../src/api.js";
import { build } from "../../src/api.js";
import type { Wings } from "../../src/build.js";
import { buildSite as buildRecipe } from "../../src/build.js";
import type { Sources } from "../../src/load/read-sources.js";
import { memoryWriter } from "../../src/write/writer.js";

/** The repository root: the example digest lives here. */
export const REPO_ROOT = path.resolve(import.meta.dirname, "..", "..");

/** A fixed "now" for builds in tests (2026-01-01): nothing in fixtures is dated after it. */
export const TEST_NOW = Date.UTC(2026, 0, 1);

const made: string[] = [];

/**
 * Removes the temporary folders made so far. `setup.ts` calls it after each test file: a hook
 * registered here would run for the first file only, as test files share this module when
 * they are not isolated (vitest.config.ts).
 */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** A fresh temporary folder, removed after the test file. */
export async function tempDir(prefix = "curio-test-"): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * Writes an inline mini-site (path → text, or bytes) into a temporary folder and returns it.
 * A `curio.config.yml` is added unless the files have one.
 */
export async function makeSite(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await tempDir("curio-site-");
  const all: Record<string, string | Uint8Array> = {
    "curio.config.yml": "title: Test digest\nbaseUrl: https://digest.test/\ntimezone: UTC\n",
    ...files,
  };
  for (const [rel, content] of Object.entries(all)) {
    const abs = path.join(root, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
  return root;
}

/** Builds a site with the test clock; the output goes to `<root>/dist` unless told otherwise. */
export function buildSite(root: string, options: Partial<BuildOptions> = {}): Promise<BuildResult> {
  return build({ root, ...options }, { now: () => TEST_NOW });
}

/**
 * Every file below a folder (sorted, forward slashes), without the output folder's ownership
 * list (`.curio-manifest.json`, Curio's bookkeeping, tested on its own).
 */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !(e.name === ".curio-manifest.json" && e.parentPath === dir))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** The whole tree under a folder: path → bytes. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const f of await listFiles(dir)) out.set(f, await readFile(path.join(dir, f)));
  return out;
}

/** Reads a built file as text. */
export function readOut(outDir: string, rel: string): Promise<string> {
  return readFile(path.join(outDir, rel), "utf8");
}

/**
 * Builds sources already read with the plain recipe into memory (the memory writer: no temp
 * folder), with the test clock unless told otherwise; `files` is empty when the build failed.
 */
export async function buildInMemory(
  sources: Sources,
  now = TEST_NOW,
  wings: Wings = {},
): Promise<{ result: BuildResult; files: ReadonlyMap<string, Uint8Array> }> {
  const writer = memoryWriter();
  const result = await buildRecipe(
    { root: sources.root, now },
    { ...wings, load: () => Promise.resolve(sources), writer },
  );
  return { result, files: result.ok ? writer.files : new Map() };
}

/** A file's content as bytes, sharing its memory. */
function bytesOf(content: string | Uint8Array): Buffer {
  return typeof content === "string"
    ? Buffer.from(content)
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}

/**
 * Expects two sets of files (path → text or bytes) to hold the same paths and, for each, the
 * same content of the same kind: what `toEqual` checks, without comparing byte arrays one
 * element at a time as it does (3 MB of pages took it 27 s). A difference still shows as a
 * text diff.
 */
export function expectSameFiles(
  actual: ReadonlyMap<string, string | Uint8Array>,
  expected: ReadonlyMap<string, string | Uint8Array>,
): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  const kind = (c: string | Uint8Array) =>
    typeof c === "string" ? "string" : (Object.getPrototypeOf(c) as object).constructor.name;
  for (const [file, want] of expected) {
    const got = actual.get(file)!;
    expect(kind(got), file).toBe(kind(want));
    if (bytesOf(got).equals(bytesOf(want))) continue;
    expect(bytesOf(got).toString("utf8"), file).toBe(bytesOf(want).toString("utf8"));
    expect.fail(`${file}: the bytes differ (the same text once decoded)`);
  }
}
