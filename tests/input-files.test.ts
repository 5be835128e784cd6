import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  ftruncateSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BASE_DIGEST } from "./helpers/corpus.js";
import { runCli } from "./helpers/run-cli.js";
import { build, Rebuilder } from "../src/api.js";
import { listFiles, makeSite, readTree, tempDir, TEST_NOW } from "./helpers/sites.js";

const cli = (root: string, ...args: string[]) => runCli(["build", "--root", root, ...args], root);

/** A folder outside the digest holding a secret, as a CI machine's home or /etc would. */
async function outsideSecrets(): Promise<string> {
  const dir = await tempDir("curio-outside-");
  writeFileSync(path.join(dir, ".env"), "CI_TOKEN=hunter2-secret\n");
  writeFileSync(
    path.join(dir, "scoop.md"),
    "---\ntitle: [oops\npassword: hunter2-secret\n---\nhunter2-secret\n",
  );
  mkdirSync(path.join(dir, "folder"));
  writeFileSync(path.join(dir, "folder", "private.txt"), "hunter2-secret");
  return dir;
}

describe("only regular files inside the digest are read", () => {
  it("links out of the digest are not published, and the log never shows their contents", async () => {
    const root = await makeSite(BASE_DIGEST);
    const outside = await outsideSecrets();
    mkdirSync(path.join(root, "static"));
    symlinkSync("/proc/self/environ", path.join(root, "static", "env.txt"));
    symlinkSync("/etc/passwd", path.join(root, "static", "passwd"));
    symlinkSync(path.join(outside, ".env"), path.join(root, "static", "dot-env.txt"));
    symlinkSync(path.join(outside, "folder"), path.join(root, "static", "folder"));
    symlinkSync("/dev/zero", path.join(root, "static", "zero.bin"));
    const r = await cli(root);
    expect(r.code, r.err).toBe(0);
    for (const name of ["env.txt", "passwd", "dot-env.txt", "folder", "zero.bin"]) {
      expect(r.out).toContain(
        `static/${name} warning skipped-file: this file is not published: it is a symbolic link to a place outside the digest`,
      );
    }
    for (const name of ["env.txt", "passwd", "dot-env.txt", "folder", "zero.bin"])
      expect(existsSync(path.join(root, "dist", name))).toBe(false);
    const published = await listFiles(path.join(root, "dist"));
    expect(published.filter((f) => /env|passwd|zero|private/.test(f))).toEqual([]);
    expect(r.out + r.err).not.toContain("hunter2");
  });

  it("a content file linked from outside is refused, without printing a line of it", async () => {
    const root = await makeSite(BASE_DIGEST);
    const outside = await outsideSecrets();
    symlinkSync(path.join(outside, "scoop.md"), path.join(root, "content/topics/t/linked.md"));
    symlinkSync(path.join(outside, ".env"), path.join(root, "content/topics/t/env.md"));
    const r = await cli(root);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "content/topics/t/linked.md error unsafe-file: this file is not read: it is a symbolic link to a place outside the digest",
    );
    expect(r.err).toContain("content/topics/t/env.md error unsafe-file");
    expect(r.out + r.err).not.toContain("hunter2");
  });

  it("curio serve's rebuild of a saved file reads it the same safe way", async () => {
    const root = await makeSite(BASE_DIGEST);
    const outside = await outsideSecrets();
    const builder = new Rebuilder({ root }, { now: () => TEST_NOW });
    try {
      expect((await builder.build()).ok).toBe(true);
      const scoop = "content/topics/t/2019-04-18-checklist.md";
      rmSync(path.join(root, scoop));
      symlinkSync(path.join(outside, "scoop.md"), path.join(root, scoop));
      const r = await builder.build([scoop]);
      expect(r.ok).toBe(false);
      expect(r.diagnostics.map((d) => `${d.file} ${d.code}`)).toContain(`${scoop} unsafe-file`);
      const published = await readTree(path.join(root, "dist"));
      expect([...published.values()].some((b) => b.toString().includes("hunter2"))).toBe(false);
    } finally {
      builder.close();
    }
  });

  it("links that stay inside the digest are followed as usual", async () => {
    const root = await makeSite({ ...BASE_DIGEST, "media/logo.svg": "<svg/>" });
    mkdirSync(path.join(root, "static"));
    symlinkSync(path.join(root, "media", "logo.svg"), path.join(root, "static", "logo.svg"));
    symlinkSync("../media", path.join(root, "static", "media"));
    const r = await cli(root);
    expect(r.code, r.err).toBe(0);
    const published = await listFiles(path.join(root, "dist"));
    expect(published).toContain("logo.svg");
    expect(published).toContain("media/logo.svg");
  });

  it("FIFOs, link loops and dangling links are skipped with a warning: no hang, no crash", async () => {
    const root = await makeSite(BASE_DIGEST);
    mkdirSync(path.join(root, "static", "sub"), { recursive: true });
    execFileSync("mkfifo", [path.join(root, "static", "pipe")]);
    execFileSync("mkfifo", [path.join(root, "content/topics/t/pipe.md")]);
    symlinkSync(".", path.join(root, "static", "sub", "loop"));
    symlinkSync("b", path.join(root, "static", "a"));
    symlinkSync("a", path.join(root, "static", "b"));
    symlinkSync("nowhere.png", path.join(root, "static", "dangling.png"));
    const r = await cli(root);
    expect(r.code).toBe(1); // the FIFO in content/ is an error: a scoop that cannot be read
    expect(r.err).toContain(
      "content/topics/t/pipe.md error unsafe-file: this file is not read: it is not a regular file (a named pipe)",
    );
    const all = r.out + r.err;
    expect(all).toContain(
      "static/pipe warning skipped-file: this file is not published: it is not a regular file (a named pipe)",
    );
    expect(all).toContain(
      "static/sub/loop warning skipped-file: this file is not published: it is a link to a folder already read (a loop)",
    );
    expect(all).toContain(
      "static/a warning skipped-file: this file is not published: it is a symbolic link loop",
    );
    expect(all).toContain(
      "static/dangling.png warning skipped-file: this file is not published: it is a symbolic link to nothing (dangling)",
    );
    expect(all).not.toMatch(/internal error|\n\s+at /);
  });

  it("a 1 GB content file is refused by its size, before it is read", async () => {
    const root = await makeSite(BASE_DIGEST);
    const big = path.join(root, "content/topics/t/2019-01-01-huge.md");
    const fd = openSync(big, "w");
    ftruncateSync(fd, 1024 * 1024 * 1024); // sparse: a gigabyte that takes no disk
    closeSync(fd);
    const before = process.memoryUsage().rss;
    const r = await cli(root);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "content/topics/t/2019-01-01-huge.md:1:1 error file-too-large: the file is 1024.0 MB; a content file may be at most 2 MB",
    );
    // Reading it would have taken a gigabyte.
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
  });

  it("a file name that is not UTF-8 is skipped with a warning", async () => {
    const root = await makeSite(BASE_DIGEST);
    mkdirSync(path.join(root, "static"));
    const bad = Buffer.concat([
      Buffer.from(path.join(root, "static") + "/"),
      Buffer.from([0x66, 0xff, 0x2e, 0x70, 0x6e, 0x67]),
    ]);
    writeFileSync(bad, "x");
    const badMd = Buffer.concat([
      Buffer.from(path.join(root, "content/topics/t") + "/"),
      Buffer.from([0xe9, 0x2e, 0x6d, 0x64]),
    ]);
    writeFileSync(badMd, "---\ntitle: x\n---\n");
    const r = await cli(root);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      "static/f\uFFFD.png warning skipped-file: this file is not published: its name is not valid UTF-8",
    );
    expect(r.out).toContain("content/topics/t/\uFFFD.md warning skipped-file");
  });
});

describe("skipped files and the up-to-date check", () => {
  it("a link added after a build is reported by the next build, not answered from the record", async () => {
    const root = await makeSite({ ...BASE_DIGEST, "static/humans.txt": "Curated by Ann\n" });
    // A clock past the racy window, so the record may answer "nothing changed".
    const deps = { now: () => TEST_NOW, wallClock: () => Date.now() + 60_000 };
    expect((await build({ root }, deps)).ok).toBe(true);
    expect((await build({ root }, deps)).mode).toBe("up-to-date");
    symlinkSync("/etc/hostname", path.join(root, "static", "host.txt"));
    const r = await build({ root }, deps);
    expect(r.mode).not.toBe("up-to-date");
    expect(r.diagnostics.map((d) => `${d.file} ${d.code}`)).toContain(
      "static/host.txt skipped-file",
    );
  });
});

describe("what static/ publishes", () => {
  it("publishes .well-known/, .nojekyll and .htaccess, but never .env, .git or .DS_Store", async () => {
    const root = await makeSite({
      ...BASE_DIGEST,
      "static/.well-known/security.txt": "Contact: mailto:me@example.org\n",
      "static/.nojekyll": "",
      "static/.htaccess": "Options -Indexes\n",
      "static/.env": "SECRET=1\n",
      "static/.env.production": "SECRET=2\n",
      "static/.DS_Store": "junk",
      "static/.git/HEAD": "ref: x\n",
    });
    const r = await cli(root);
    expect(r.code, r.err).toBe(0);
    const published = await listFiles(path.join(root, "dist"));
    expect(published.filter((f) => f.startsWith("."))).toEqual([
      ".htaccess",
      ".nojekyll",
      ".well-known/security.txt",
    ]);
    expect(readdirSync(path.join(root, "dist"))).not.toContain(".env");
  });
});

describe("markdown files Curio does not read are named", () => {
  it("a .MD file gets a warning with the name to give it", async () => {
    const root = await makeSite({
      ...BASE_DIGEST,
      "content/topics/t/2019-04-19-shout.MD":
        "---\ntitle: Shout\ndate: 2019-04-19\ncurator: nrip\n---\nHi\n",
    });
    const r = await cli(root);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      "content/topics/t/2019-04-19-shout.MD warning stray-file: this file is ignored: its extension is .MD, and Curio reads only .md files",
    );
    expect(r.out).toContain("hint: rename it to 2019-04-19-shout.md");
  });
});
