import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every `curio` run imports the CLI, and every build imports the recipe: the packages only some
 * commands need are imported when those commands run (`await import(…)`), never on the way in.
 * Starting the CLI loaded 919 modules in about 1.0 s with them, 542 in 0.7 s without (see
 * docs/architecture.md, "What makes it fast"). This follows the static imports (not `import
 * type`, not `import()`) from the entry points and lists the packages they reach.
 */
const SRC = path.resolve(import.meta.dirname, "..", "src");

/** Packages a build never needs: feeds and HTML of `import`/`inbox`, mail, the watcher, plugins. */
const COMMAND_ONLY = [
  "feedsmith",
  "nodemailer",
  "chokidar",
  "htmlparser2",
  "rehype-parse",
  "rehype-remark",
  "remark-stringify",
  "import-meta-resolve",
  "sharp",
  "juice",
];

const STATIC_IMPORT = /^(?:import|export)\s+(?!type\b)(?:[^;]*?\sfrom\s+)?"([^"]+)"/gms;

/** The packages reached from `entry` through static imports, each with the chain that reaches it. */
function staticPackages(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string, chain: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(STATIC_IMPORT)) {
      const spec = m[1]!;
      if (spec.startsWith(".")) {
        const next = path.resolve(path.dirname(file), spec.replace(/\.js$/, ".ts"));
        visit(next, `${chain} → ${path.relative(SRC, next)}`);
      } else if (!spec.startsWith("node:")) {
        const name = spec.startsWith("@")
          ? spec.split("/").slice(0, 2).join("/")
          : spec.split("/")[0]!;
        if (!packages.has(name)) packages.set(name, `${chain} → ${name}`);
      }
    }
  };
  visit(path.join(SRC, entry), entry);
  return packages;
}

describe("what starting Curio imports", () => {
  it.each(["cli.ts", "api.ts", "build.ts"])(
    "%s reaches no package that only some commands need",
    (entry) => {
      const reached = staticPackages(entry);
      expect(COMMAND_ONLY.filter((p) => reached.has(p)).map((p) => reached.get(p))).toEqual([]);
      // The follower works: the recipe's own packages are found.
      expect([...reached.keys()]).toEqual(
        expect.arrayContaining(["unified", "remark-parse", "eta"]),
      );
    },
  );
});
