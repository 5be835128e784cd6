import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { buildSite, makeSite, TEST_NOW } from "./helpers/sites.js";

async function run(root: string, ...args: string[]) {
  let out = "";
  let err = "";
  const code = await main(["node", "curio", "new", ...args], {
    out: (s) => (out += s),
    err: (s) => (err += s),
    cwd: root,
    now: () => TEST_NOW,
    env: {},
    isTTY: false,
  });
  return { code, out, err };
}

const read = (root: string, rel: string) => readFile(path.join(root, rel), "utf8");

describe("curio new curator", () => {
  it("writes content/curators/<id>.md with a name and prints its path", async () => {
    const root = await makeSite({});
    expect(await run(root, "curator", "ann-lee")).toEqual({
      code: 0,
      out: "content/curators/ann-lee.md\n",
      err: "",
    });
    expect(await read(root, "content/curators/ann-lee.md")).toBe(
      "---\nname: Ann Lee\n# url: https://your.site/\n# avatar: https://your.site/photo.jpg\n---\n",
    );
    await run(root, "curator", "bo", "--name", "Bo: the curator");
    expect(await read(root, "content/curators/bo.md")).toContain('name: "Bo: the curator"\n');
  });

  it("refuses an id that is not a slug, and a curator that exists", async () => {
    const root = await makeSite({ "content/curators/ann.md": "---\nname: Original\n---\n" });
    expect(await run(root, "curator", "Ann Lee")).toEqual({
      code: 2,
      out: "",
      err: "error: `Ann Lee` is not a valid curator id: use lowercase letters, digits and hyphens, e.g. `ann-lee`\n",
    });
    expect(await run(root, "curator", "ann")).toEqual({
      code: 1,
      out: "",
      err: "error: curator `ann` already exists: content/curators/ann.md\n",
    });
    expect(await read(root, "content/curators/ann.md")).toBe("---\nname: Original\n---\n");
  });
});

describe("curio new topic", () => {
  it("writes content/topics/<slug>/_topic.md with its curators, which builds", async () => {
    const root = await makeSite({
      "content/curators/ann.md": "---\nname: Ann\n---\n",
      "content/curators/bo.md": "---\nname: Bo\n---\n",
    });
    const r = await run(root, "topic", "remote-work", "--curator", "ann", "--curator", "bo");
    expect(r).toEqual({ code: 0, out: "content/topics/remote-work/_topic.md\n", err: "" });
    expect(await read(root, "content/topics/remote-work/_topic.md")).toBe(
      "---\ntitle: Remote Work\n# description: one sentence on what this topic collects, for its card and feeds\ncurators: [ann, bo]\n---\n",
    );
    const built = await buildSite(root);
    expect(built.diagnostics).toEqual([]);
  });

  it("without curators writes an empty list and says what goes there; --title sets the title", async () => {
    const root = await makeSite({});
    await run(root, "topic", "ai", "--title", "AI: what's next");
    expect(await read(root, "content/topics/ai/_topic.md")).toBe(
      '---\ntitle: "AI: what\'s next"\n# description: one sentence on what this topic collects, for its card and feeds\ncurators: [] # the ids of its curators, e.g. [ann, bo]\n---\n',
    );
    const built = await buildSite(root);
    expect(built.diagnostics).toEqual([]);
  });

  it("refuses a non-slug, an existing topic and an unknown curator", async () => {
    const root = await makeSite({ "content/topics/t/_topic.md": "---\ntitle: T\n---\n" });
    expect((await run(root, "topic", "Remote Work")).err).toBe(
      "error: `Remote Work` is not a valid topic id: use lowercase letters, digits and hyphens, e.g. `remote-work`\n",
    );
    expect(await run(root, "topic", "t")).toEqual({
      code: 1,
      out: "",
      err: "error: topic `t` already exists: content/topics/t/_topic.md\n",
    });
    expect(await run(root, "topic", "u", "--curator", "zed")).toEqual({
      code: 2,
      out: "",
      err: "error: no curator `zed` (content/curators/zed.md): create it first with `curio new curator zed`\n",
    });
  });

  it("has --help with examples", async () => {
    const root = await makeSite({});
    for (const sub of ["topic", "curator"]) {
      const r = await run(root, sub, "--help");
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Examples:\n  curio new ${sub} `);
    }
    const r = await run(root, "--help");
    expect(r.out).toContain("Commands:\n  scoop [options] <url>");
  });
});
