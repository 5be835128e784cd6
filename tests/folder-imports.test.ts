import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The folders of src/ import each other in one direction only: no folder cycle. Each file at
 * the top of src/ (model.ts, build.ts, api.ts, …) counts as a folder of its own.
 */
const SRC = path.resolve(import.meta.dirname, "..", "src");

function nodeOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length === 1 ? rel[0]! : `${rel[0]}/`;
}

function folderGraph(): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  const files = readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.join(e.parentPath, e.name));
  for (const file of files) {
    const from = nodeOf(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)) {
      const target = path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, ".ts"));
      const to = nodeOf(target);
      if (to === from) continue;
      const out = edges.get(from) ?? new Map<string, string>();
      out.set(to, `${path.relative(SRC, file)} imports ${m[1]}`);
      edges.set(from, out);
    }
  }
  return edges;
}

describe("src/ folders", () => {
  it("import each other without a cycle", () => {
    const edges = folderGraph();
    const reaches = (from: string, to: string): boolean => {
      const seen = new Set([from]);
      const stack = [from];
      while (stack.length) {
        const at = stack.pop()!;
        if (at === to) return true;
        for (const next of edges.get(at)?.keys() ?? []) {
          if (seen.has(next)) continue;
          seen.add(next);
          stack.push(next);
        }
      }
      return false;
    };
    const cycles: string[] = [];
    for (const [from, out] of edges)
      for (const [to, why] of out) if (reaches(to, from)) cycles.push(`${from} -> ${to}: ${why}`);
    expect(cycles).toEqual([]);
    expect(edges.size).toBeGreaterThan(10);
  });
});
