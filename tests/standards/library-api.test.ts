import { execFile } from "node:child_process";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { listFiles, makeSite, REPO_ROOT } from "../helpers/sites.js";

/**
 * Curio as a library: a script in a temporary digest imports the package by name ("curio",
 * resolved through node_modules and package.json's `exports`) and builds and checks the digest;
 * TypeScript resolves its type declarations. Needs `lib/` compiled: `npm install` does it, and
 * so does this test's first step.
 */
const run = promisify(execFile);

beforeAll(async () => {
  await run(
    process.execPath,
    [path.join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: REPO_ROOT,
    },
  );
}, 180_000);

async function digestWithCurio(): Promise<string> {
  const root = await makeSite({
    "content/curators/ann.md": "---\nname: Ann\n---\n",
    "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
    "content/topics/t/2024-01-01-a.md": "---\ntitle: A scoop\ndate: 2024-01-01\n---\nA quote.\n",
    "package.json": JSON.stringify({ name: "d", private: true, type: "module" }),
  });
  await mkdir(path.join(root, "node_modules"), { recursive: true });
  await symlink(REPO_ROOT, path.join(root, "node_modules", "curio"), "dir");
  return root;
}

describe('import … from "curio"', () => {
  it("builds and checks a digest from a script", async () => {
    const root = await digestWithCurio();
    await writeFile(
      path.join(root, "build.mjs"),
      `import { build, check, formatReport, hasErrors, CATALOG } from "curio";
const built = await build({ root: process.cwd(), cache: false }, { now: () => Date.UTC(2026, 0, 1) });
const checked = await check({ root: process.cwd() }, { now: () => Date.UTC(2026, 0, 1) });
console.log(JSON.stringify({
  ok: built.ok, scoops: built.stats?.scoops, errors: hasErrors(built.diagnostics),
  checked: checked.ok, report: formatReport(built.diagnostics), codes: Object.keys(CATALOG).length,
}));
`,
    );
    const { stdout } = await run(process.execPath, ["build.mjs"], { cwd: root });
    const result = JSON.parse(stdout.trim()) as Record<string, unknown>;
    expect(result).toMatchObject({ ok: true, scoops: 1, errors: false, checked: true });
    expect(result.codes).toBeGreaterThan(50);
    expect(await listFiles(path.join(root, "dist"))).toContain("topics/t/a/index.html");
  });

  it("has type declarations TypeScript finds through the package's exports", async () => {
    const root = await digestWithCurio();
    await writeFile(
      path.join(root, "typed.ts"),
      `import { build, type BuildResult, type Diagnostic, type Scoop, type SiteConfig } from "curio";
const result: BuildResult = await build({ root: "." });
const first: Diagnostic | undefined = result.diagnostics[0];
const title = (s: Scoop): string => s.title;
const zone = (c: SiteConfig): string => c.timezone;
// @ts-expect-error: build needs a root
await build({});
export { first, title, zone };
`,
    );
    await writeFile(
      path.join(root, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ["typed.ts"],
      }),
    );
    await run(
      process.execPath,
      [path.join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", "."],
      {
        cwd: root,
      },
    );
  });
});
