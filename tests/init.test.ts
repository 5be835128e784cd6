import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "./helpers/run-cli.js";
import { scaffold } from "../src/init/scaffold.js";
import { main } from "../src/cli.js";
import { listFiles, REPO_ROOT, tempDir, TEST_NOW } from "./helpers/sites.js";

const run = (cwd: string, ...args: string[]) => runCli(args, cwd);

const FILES = [
  ".github/workflows/publish.yml",
  ".gitignore",
  ".vscode/settings.json",
  "content/curators/curator.md",
  "content/topics/my-topic/2026-01-01-write-your-scoops-in-markdown.md",
  "content/topics/my-topic/_topic.md",
  "curio.config.yml",
  "package.json",
];

describe("curio init", () => {
  it("scaffolds a digest that builds with no error and no warning", async () => {
    const parent = await tempDir();
    const r = await run(parent, "init", "my-digest");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        "Created a digest in my-digest:",
        "  curio.config.yml",
        "  content/curators/curator.md",
        "  content/topics/my-topic/_topic.md",
        "  content/topics/my-topic/2026-01-01-write-your-scoops-in-markdown.md",
        "  .gitignore",
        "  package.json",
        "  .github/workflows/publish.yml",
        "  .vscode/settings.json",
        "",
        "Next:",
        "  cd my-digest",
        "  npm install        # then commit package-lock.json too: the workflow needs it",
        "  npx curio serve    # preview the site as you write",
        "",
      ].join("\n"),
    );
    const dir = path.join(parent, "my-digest");
    expect(await listFiles(dir)).toEqual(FILES);

    // As the GitHub workflow builds it: with the site's address (the config's is a placeholder).
    const built = await run(dir, "build", "--root", dir, "--base-url", "https://me.github.io/d/");
    expect(built.err).toBe("");
    expect(built.code).toBe(0);
    expect(built.out).toMatch(
      /^Built \d+ pages, \d+ feeds: 1 scoop, 1 topic, 1 curator into dist /,
    );
    expect(built.out.split("\n")).toHaveLength(2); // the summary line only: no warning

    const pkg = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8"));
    expect(pkg).toEqual({
      name: "my-digest",
      private: true,
      type: "module",
      scripts: { build: "curio build", check: "curio check", serve: "curio serve" },
      // Run from this clone: the digest asks for it by its path.
      devDependencies: { curio: `file:${path.relative(dir, REPO_ROOT).split(path.sep).join("/")}` },
    });
    const config = await readFile(path.join(dir, "curio.config.yml"), "utf8");
    expect(config).toMatch(
      /^# yaml-language-server: \$schema=\.\/node_modules\/curio\/schemas\/curio\.config\.schema\.json\ntitle: My Digest\n/,
    );
  });

  it("takes the title, topic, curator and Curio's package spec from options", async () => {
    const dir = path.join(await tempDir(), "x");
    const r = await run(
      dir,
      "init",
      ".",
      "--title",
      "Remote: Work Weekly",
      "--topic",
      "remote-work",
      "--curator",
      "ann",
      "--curio-spec",
      "github:you/curio",
    );
    expect(r.code).toBe(0);
    expect(r.out).not.toContain("cd ");
    expect(r.out).not.toContain("not on the npm registry");
    expect(await readFile(path.join(dir, "curio.config.yml"), "utf8")).toContain(
      'title: "Remote: Work Weekly"\n',
    );
    expect(
      JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")).devDependencies,
    ).toEqual({
      curio: "github:you/curio",
    });
    expect(
      await readFile(path.join(dir, "content/topics/remote-work/_topic.md"), "utf8"),
    ).toContain("title: Remote Work\n");
    const built = await run(dir, "build");
    expect(built.code).toBe(0);
    expect(built.err).toBe("");
  });

  it("refuses a folder that is not empty; --force adds what is missing and overwrites nothing", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, ".gitignore"), "mine\n");
    const refused = await run(dir, "init", ".");
    expect(refused.code).toBe(1);
    expect(refused.out).toBe("");
    expect(refused.err).toBe(
      `error: ${dir} is not empty: choose a new folder, or pass --force to add the files that are missing (none is overwritten)\n`,
    );
    expect(await listFiles(dir)).toEqual([".gitignore"]);

    const forced = await run(dir, "init", ".", "--force");
    expect(forced.code).toBe(0);
    expect(forced.out).toContain("\n  .gitignore (already there, kept)\n");
    expect(await readFile(path.join(dir, ".gitignore"), "utf8")).toBe("mine\n");
    expect(await listFiles(dir)).toEqual(FILES);
  });

  it("refuses ids that are not slugs", async () => {
    const dir = await tempDir();
    const r = await run(dir, "init", "d", "--topic", "My Topic");
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "error: `My Topic` is not a valid topic id: use lowercase letters, digits and hyphens, e.g. `my-topic`\n",
    );
    await expect(stat(path.join(dir, "d"))).rejects.toThrow(); // nothing was written
  });

  it("has --help with examples", async () => {
    const r = await run(await tempDir(), "init", "--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Examples:\n  curio init my-digest\n");
  });
});

describe("scaffold", () => {
  const files = scaffold({
    folderName: "health-digest",
    curioSpec: "^1.2.3",
    timezone: "Asia/Kolkata",
    now: TEST_NOW,
  });
  const file = (p: string) => files.find((f) => f.path === p)?.content ?? "";

  it("writes the config in the machine's time zone, with a placeholder baseUrl", () => {
    expect(file("curio.config.yml")).toBe(
      [
        "# yaml-language-server: $schema=./node_modules/curio/schemas/curio.config.schema.json",
        "title: Health Digest",
        "# description: one sentence about the digest, for the home page, feeds and search engines",
        "baseUrl: https://example.org/ # where the site will live; the GitHub workflow passes the real address with --base-url",
        "language: en",
        "timezone: Asia/Kolkata # dates without an offset are in this zone",
        "",
      ].join("\n"),
    );
    expect(file(".gitignore")).toBe("node_modules/\ndist/\n.curio-cache/\n.*.curio-staging-*\n");
    expect(JSON.parse(file(".vscode/settings.json"))).toEqual({
      "yaml.schemas": {
        "./node_modules/curio/schemas/curio.config.schema.json": "curio.config.yml",
      },
    });
  });

  it("dates the example scoop now, in the site's zone", () => {
    const scoop = files.find((f) => f.path.startsWith("content/topics/my-topic/2026-"));
    expect(scoop?.path).toBe("content/topics/my-topic/2026-01-01-write-your-scoops-in-markdown.md");
    expect(scoop?.content).toContain("\ndate: 2026-01-01T05:30\ncurator: curator\n");
  });

  it("writes a workflow that builds on push, daily and by hand, and deploys dist/ to GitHub Pages", () => {
    const wf = parse(file(".github/workflows/publish.yml")) as {
      on: { push: { branches: string[] }; schedule: { cron: string }[]; workflow_dispatch: null };
      permissions: Record<string, string>;
      concurrency: { group: string };
      jobs: Record<
        string,
        { needs?: string; environment?: { name: string }; steps: Record<string, unknown>[] }
      >;
    };
    expect(wf.on.push.branches).toEqual(["main"]);
    expect(wf.on.schedule).toEqual([{ cron: "17 5 * * *" }]);
    expect("workflow_dispatch" in wf.on).toBe(true);
    expect(wf.permissions).toEqual({ contents: "read", pages: "write", "id-token": "write" });
    expect(wf.concurrency.group).toBe("pages");
    const build = wf.jobs.build!.steps;
    expect(build.map((s) => s.uses ?? s.run)).toEqual([
      "actions/checkout@v4",
      "actions/setup-node@v4",
      "npm ci",
      "actions/cache@v4",
      "actions/configure-pages@v5",
      'npx curio build --base-url "${{ steps.pages.outputs.base_url }}/"',
      "actions/upload-pages-artifact@v3",
    ]);
    expect(build[1]!.with).toEqual({ "node-version": 20, cache: "npm" });
    expect(build[3]!.with).toEqual({
      path: ".curio-cache",
      key: "curio-${{ runner.os }}-${{ github.sha }}",
      "restore-keys": "curio-${{ runner.os }}-",
    });
    expect(build[4]!.id).toBe("pages");
    expect(build[6]!.with).toEqual({ path: "dist" });
    expect(wf.jobs.deploy!.needs).toBe("build");
    expect(wf.jobs.deploy!.environment?.name).toBe("github-pages");
    expect(wf.jobs.deploy!.steps.map((s) => s.uses)).toEqual(["actions/deploy-pages@v4"]);
  });

  it("writes the workflow the README shows", async () => {
    const readme = await readFile(path.join(REPO_ROOT, "README.md"), "utf8");
    expect(readme).toContain(`\`\`\`yaml\n${file(".github/workflows/publish.yml")}\`\`\`\n`);
  });
});

describe("curio init's first curator", () => {
  const init = async (env: Record<string, string>, ...args: string[]) => {
    const parent = await tempDir();
    let out = "";
    const code = await main(["node", "curio", "init", "d", ...args], {
      out: (t) => (out += t),
      err: (t) => (out += t),
      cwd: parent,
      now: () => TEST_NOW,
      env,
      isTTY: false,
    });
    expect(code, out).toBe(0);
    const dir = path.join(parent, "d");
    return { dir, files: await listFiles(path.join(dir, "content/curators")) };
  };

  it("is named after the user's git name", async () => {
    const gitconfig = path.join(await tempDir(), "gitconfig");
    await writeFile(gitconfig, "[user]\n\tname = Ann Lee\n");
    const { dir, files } = await init({ GIT_CONFIG_GLOBAL: gitconfig, GIT_CONFIG_NOSYSTEM: "1" });
    expect(files).toEqual(["ann-lee.md"]);
    expect(await readFile(path.join(dir, "content/curators/ann-lee.md"), "utf8")).toContain(
      "name: Ann Lee\n",
    );
    expect(await readFile(path.join(dir, "content/topics/my-topic/_topic.md"), "utf8")).toContain(
      "ann-lee",
    );
  });

  it("is --curator when given, and `curator` when git knows no name", async () => {
    const gitconfig = path.join(await tempDir(), "gitconfig");
    await writeFile(gitconfig, "[user]\n\tname = Ann Lee\n");
    expect((await init({ GIT_CONFIG_GLOBAL: gitconfig }, "--curator", "bo")).files).toEqual([
      "bo.md",
    ]);
    expect(
      (await init({ GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" })).files,
    ).toEqual(["curator.md"]);
  });
});
