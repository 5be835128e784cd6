import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { listFiles, makeSite, TEST_NOW } from "./helpers/sites.js";

/** Runs the CLI with captured output and a fixed clock (each call to now() advances 250 ms). */
async function run(args: string[], cwd: string) {
  let out = "";
  let err = "";
  let t = TEST_NOW;
  const code = await main(["node", "curio", ...args], {
    out: (s) => (out += s),
    err: (s) => (err += s),
    cwd,
    now: () => (t += 250),
  });
  return { code, out, err };
}

const site = {
  "content/curators/ann.md": "---\nname: Ann\n---\n",
  "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
  "content/topics/t/2024-01-01-one.md":
    "---\ntitle: One\ndate: 2024-01-01\ntags: [x]\n---\nText.\n",
  "content/topics/t/2024-01-02-two.md":
    "---\ntitle: Two\ndate: 2024-01-02\ndraft: true\n---\nText.\n",
};

describe("curio build", () => {
  it("builds and prints a one-line summary", async () => {
    const root = await makeSite(site);
    const r = await run(["build", "--root", root], root);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      "Built 13 pages, 15 feeds, 1 digest issue: 1 scoop, 1 topic, 1 curator (1 draft left out) into dist in 0.75s: 54 files written, 0 deleted, 0 unchanged\n",
    );
    expect(await listFiles(path.join(root, "dist"))).toContain("topics/t/one/index.html");
  });

  it("includes drafts with --drafts and writes where --out says, with --base-url", async () => {
    const root = await makeSite(site);
    const r = await run(
      [
        "build",
        "--root",
        root,
        "--drafts",
        "--out",
        "preview",
        "--base-url",
        "https://x.example/sub/",
      ],
      root,
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain("2 scoops");
    expect(await listFiles(path.join(root, "preview"))).toContain("topics/t/two/index.html");
  });

  it("prints every error with file:line:col and exits 1", async () => {
    const root = await makeSite({
      ...site,
      "content/topics/t/2024-01-03-bad.md":
        "---\ntitle: Bad\ndate: 2024-02-30\ncurator: zed\n---\n",
    });
    const r = await run(["build", "--root", root], root);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toContain(
      'content/topics/t/2024-01-03-bad.md:3:7 error bad-date: `date` is "2024-02-30", but February 2024 has no day 30',
    );
    expect(r.err).toContain("  3 | date: 2024-02-30\n    |       ^\n");
    expect(r.err).toMatch(
      /1 error, 0 warnings in 1 file\nBuild failed: dist was left unchanged.\n$/,
    );
  });

  it("exits 2 on a usage error", async () => {
    const root = await makeSite(site);
    const r = await run(["build", "--nope"], root);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown option '--nope'");
  });
});

describe("curio check", () => {
  it("writes nothing and prints a summary when all is well", async () => {
    const root = await makeSite(site);
    const r = await run(["check", "--root", root], root);
    expect(r).toMatchObject({
      code: 0,
      err: "",
      out: "No errors: 1 scoop, 1 topic, 1 curator (1 draft left out)\n",
    });
    expect(await listFiles(root)).not.toContain("dist/index.html");
  });

  it("prints diagnostics as JSON with --format json", async () => {
    const root = await makeSite({
      ...site,
      "content/topics/t/2024-01-03-bad.md":
        "---\ntitle: Bad\ndate: 2024-01-03\ntags: 5\ncolour: red\n---\n",
    });
    const r = await run(["check", "--root", root, "--format", "json"], root);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      diagnostics: [
        {
          severity: "warning",
          code: "unknown-field",
          file: "content/topics/t/2024-01-03-bad.md",
          line: 5,
          column: 1,
          message: "unknown field `colour`",
          hint: "remove it, or use one of: title, url, date, curator, tags, image, imageAlt, imageWidth, imageHeight, insight, published, sourceName, sourceAuthor, via, pinned, draft, comments, slug",
        },
        {
          severity: "error",
          code: "wrong-type",
          file: "content/topics/t/2024-01-03-bad.md",
          line: 4,
          column: 7,
          message: "`tags` must be a list, but it is the number 5",
          hint: "write a list, e.g. tags: [marketing, seo] or one `- item` per line",
        },
      ].sort((a, b) => a.line - b.line),
      summary: { errors: 1, warnings: 1, files: 1 },
    });
  });
});

describe("terminal output", () => {
  const bad = {
    ...site,
    "content/topics/t/2024-01-03-bad.md": "---\ntitle: Bad\ndate: 2024-02-30\n---\n",
  };
  const runWith = async (args: string[], env: Record<string, string>, isTTY: boolean) => {
    const root = await makeSite(bad);
    let err = "";
    await main(["node", "curio", ...args, "--root", root], {
      out: () => undefined,
      err: (s) => (err += s),
      cwd: root,
      now: () => TEST_NOW,
      env,
      isTTY,
    });
    return err;
  };

  it("colours diagnostics on a terminal, and never with NO_COLOR or in a pipe", async () => {
    expect(await runWith(["check"], {}, true)).toContain("\u001b[31merror\u001b[39m");
    expect(await runWith(["check"], { NO_COLOR: "1" }, true)).not.toContain("\u001b[");
    expect(await runWith(["check"], {}, false)).not.toContain("\u001b[");
    expect(await runWith(["check"], { FORCE_COLOR: "1" }, false)).toContain(
      "\u001b[31merror\u001b[39m",
    );
  });

  it("--quiet keeps errors and drops the summary; --verbose lists written files", async () => {
    const root = await makeSite(site);
    let out = "";
    const io = {
      out: (s: string) => (out += s),
      err: () => undefined,
      cwd: root,
      now: () => TEST_NOW,
      env: {},
      isTTY: false,
    };
    await main(["node", "curio", "--quiet", "build", "--root", root], io);
    expect(out).toBe("");
    await main(["node", "curio", "--verbose", "build", "--root", root, "--out", "other"], io);
    expect(out).toContain("  written topics/t/one/index.html\n");
    expect(await runWith(["--quiet", "check"], {}, false)).toContain("error bad-date");
  });

  it("every command has help with examples", async () => {
    for (const cmd of [
      ["build"],
      ["check"],
      ["serve"],
      ["new", "scoop"],
      ["new", "topic"],
      ["new", "curator"],
      ["init"],
      ["schema"],
    ]) {
      let out = "";
      const code = await main(["node", "curio", ...cmd, "--help"], {
        out: (s) => (out += s),
        err: () => undefined,
        cwd: "/",
        now: () => 0,
        env: {},
        isTTY: false,
      });
      expect(code, cmd.join(" ")).toBe(0);
      expect(out, cmd.join(" ")).toMatch(/Examples:\n {2}curio /);
    }
  });
});

describe("--strict", () => {
  const placeholder = {
    ...site,
    "curio.config.yml": "title: Strict\nbaseUrl: https://example.org/\ntimezone: UTC\n",
  };
  const warned = `curio.config.yml:2:10 warning placeholder-base-url: \`baseUrl\` is \`https://example.org/\`, a placeholder address: feeds, the sitemap and canonical links would point at it
  1 | title: Strict
  2 | baseUrl: https://example.org/
    |          ^
  hint: set your site's address: \`baseUrl: https://your.site/\` in curio.config.yml, or pass --base-url
`;

  it("curio build --strict fails on the placeholder baseUrl and writes no output folder", async () => {
    const root = await makeSite(placeholder);
    const r = await run(["build", "--root", root, "--strict"], root);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      `${warned}\n0 errors, 1 warning in 1 file\nBuild failed (--strict: warnings fail the build): dist was left unchanged.\n`,
    );
    expect(existsSync(path.join(root, "dist"))).toBe(false);
    expect(existsSync(path.join(root, ".curio-cache"))).toBe(false);
  });

  it("without --strict, the same build succeeds and prints the warning", async () => {
    const root = await makeSite(placeholder);
    const r = await run(["build", "--root", root], root);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toMatch(
      new RegExp(`^${escape(warned)}\\n0 errors, 1 warning in 1 file\\nBuilt `),
    );
    expect(await listFiles(path.join(root, "dist"))).toContain("index.html");
  });

  it("fails a build answered from the last build's record, leaving its output as it was", async () => {
    const root = await makeSite(placeholder);
    expect((await run(["build", "--root", root], root)).code).toBe(0);
    const before = await listFiles(path.join(root, "dist"));
    const r = await run(["build", "--root", root, "--strict"], root);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "Build failed (--strict: warnings fail the build): dist was left unchanged.\n",
    );
    expect(await listFiles(path.join(root, "dist"))).toEqual(before);
  });

  it("passes a build without warnings: --base-url gives the real address", async () => {
    const root = await makeSite(placeholder);
    const r = await run(
      ["build", "--root", root, "--strict", "--base-url", "https://digest.test/"],
      root,
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Built /);
  });

  it("curio check --strict exits 1 on warnings and says why; without it, 0", async () => {
    const root = await makeSite(placeholder);
    const strict = await run(["check", "--root", root, "--strict"], root);
    expect(strict).toEqual({
      code: 1,
      out: "",
      err: `${warned}\n0 errors, 1 warning in 1 file\nCheck failed (--strict: warnings fail the check).\n`,
    });
    const lenient = await run(["check", "--root", root], root);
    expect(lenient.code).toBe(0);
    expect(lenient.out).toBe(
      `${warned}No errors: 1 scoop, 1 topic, 1 curator (1 draft left out); 0 errors, 1 warning in 1 file\n`,
    );
    const json = await run(["check", "--root", root, "--strict", "--format", "json"], root);
    expect(json.code).toBe(1);
  });

  it("--quiet still prints the warnings that fail a --strict build", async () => {
    const root = await makeSite(placeholder);
    const r = await run(["build", "--root", root, "--strict", "--quiet"], root);
    expect(r.code).toBe(1);
    expect(r.err).toContain("warning placeholder-base-url");
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
