import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PageServer } from "../helpers/page-server.js";
import { startPageServer } from "../helpers/page-server.js";
import { listFiles, REPO_ROOT, tempDir } from "../helpers/sites.js";

/**
 * The README's "Start your own digest" steps, run as written in a temporary folder: a clean
 * clone of this repository's last commit, `npm install` in it (npm's own cache makes it quick;
 * nothing is skipped), `init` beside it, `npm install` in the new digest, a scoop, a build. The
 * one change: the article's address is a page served on 127.0.0.1 (this machine has no web).
 */
let pages: PageServer;
beforeAll(async () => {
  pages = await startPageServer();
});
afterAll(() => pages?.close());

/** The shell lines of the README's first code block under "Start your own digest". */
async function readmeSteps(): Promise<string[]> {
  const readme = await readFile(path.join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.split("## Start your own digest")[1]!;
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .split("\n")
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l !== "");
}

describe("the README's 'Start your own digest'", () => {
  it("works as written from a clone: install, init, install, a scoop, a build", async () => {
    const steps = await readmeSteps();
    expect(steps[0]).toBe("npm install");
    expect(steps.some((s) => s.startsWith("node bin/curio.js init"))).toBe(true);
    const work = await tempDir("curio-readme-");
    const clone = path.join(work, "curio");
    execFileSync("git", ["clone", "--quiet", REPO_ROOT, clone]);
    const article = `${pages.base}/good`;
    const script = [
      "set -euo pipefail",
      ...steps.map((s) => s.replace("https://example.org/an-article-worth-reading", article)),
    ].join("\n");
    // Run asynchronously: the page server answers from this process.
    await promisify(execFile)("bash", ["-c", script], {
      cwd: clone,
      env: {
        ...process.env,
        npm_config_prefer_offline: "true",
        npm_config_audit: "false",
        npm_config_fund: "false",
        npm_config_update_notifier: "false",
      },
      timeout: 900_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const digest = path.join(work, "my-digest");
    const pkg = JSON.parse(await readFile(path.join(digest, "package.json"), "utf8"));
    expect(pkg.devDependencies).toEqual({ curio: "file:../curio" });
    const built = await listFiles(path.join(digest, "dist"));
    expect(built).toContain("index.html");
    expect(built.some((f) => /^topics\/my-topic\/take-two/.test(f))).toBe(true);
    expect(existsSync(path.join(digest, "package-lock.json"))).toBe(true);
  }, 900_000);
});
