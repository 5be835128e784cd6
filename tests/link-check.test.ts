import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import { makeSite, TEST_NOW } from "./helpers/sites.js";

/**
 * `curio check --links` against a local server with live, moved, dead and slow pages: HEAD
 * first, GET where HEAD is refused, redirects followed, a timeout, and a day's cache.
 */
let base: string;
const requests: string[] = [];
const server = createServer((req, res) => {
  requests.push(`${req.method} ${req.url}`);
  switch (req.url) {
    case "/live":
      return res.writeHead(200, { "content-type": "text/html" }).end("<p>ok</p>");
    case "/head-refused":
      if (req.method === "HEAD") return res.writeHead(405).end();
      return res.writeHead(200, { "content-type": "text/html" }).end("<p>ok</p>");
    case "/moved":
      return res.writeHead(301, { location: "/new-home" }).end();
    case "/new-home":
      return res.writeHead(200).end("here now");
    case "/for-now":
      return res.writeHead(302, { location: "/live" }).end();
    case "/gone":
      return res.writeHead(410, "Gone").end();
    case "/broken":
      return res.writeHead(500, "Internal Server Error").end();
    case "/slow":
      return; // never answers
    default:
      return res.writeHead(404, "Not Found").end();
  }
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const PAGES = ["live", "head-refused", "moved", "for-now", "missing", "gone", "broken", "slow"];

async function digest(): Promise<string> {
  const files: Record<string, string> = {
    "content/curators/ann.md": "---\nname: Ann\n---\n",
    "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
  };
  PAGES.forEach((p, i) => {
    files[`content/topics/t/2024-01-0${i + 1}-${p}.md`] =
      `---\ntitle: The ${p} page\nurl: ${base}/${p}\ndate: 2024-01-0${i + 1}\n---\nA quote.\n`;
  });
  return makeSite(files);
}

/** `curio check --links` on the digest, with a short timeout for the silent page. */
const check = (root: string, ...extra: string[]) =>
  runCli(["check", "--links", "--link-timeout", "0.5", "--root", root, ...extra], root);

describe("curio check --links", () => {
  it("lists dead and moved sources at their url: line, and passes live ones (HEAD refused: GET)", async () => {
    const root = await digest();
    const r = await check(root);
    expect(r.code).toBe(0);
    const lines = r.out.split("\n").filter((l) => /^content\//.test(l));
    expect(lines).toEqual([
      `content/topics/t/2024-01-03-moved.md:3:6 warning link-moved: the source ${base}/moved has moved permanently (301) to ${base}/new-home`,
      `content/topics/t/2024-01-05-missing.md:3:6 warning link-dead: the source ${base}/missing is dead: HTTP 404 Not Found`,
      `content/topics/t/2024-01-06-gone.md:3:6 warning link-dead: the source ${base}/gone is dead: HTTP 410 Gone`,
      `content/topics/t/2024-01-07-broken.md:3:6 warning link-dead: the source ${base}/broken is dead: HTTP 500 Internal Server Error`,
      `content/topics/t/2024-01-08-slow.md:3:6 warning link-dead: the source ${base}/slow is dead: timed out after 0.5 s`,
    ]);
    expect(r.out).toContain(`  hint: update \`url:\` to ${base}/new-home`);
    expect(requests).toContain("HEAD /head-refused");
    expect(requests).toContain("GET /head-refused");
    expect(requests.filter((q) => q.endsWith(" /live")).length).toBeGreaterThan(0);
    // --strict makes them fail the check.
    const strict = await check(root, "--strict");
    expect(strict.code).toBe(1);
  });

  it("asks each site once a day: a second run answers from .curio-cache/links.json", async () => {
    const root = await digest();
    await check(root);
    const asked = requests.length;
    const again = await check(root);
    expect(requests.length).toBe(asked);
    expect(again.out.split("\n").filter((l) => l.includes("warning link-"))).toHaveLength(5);
    const cached = JSON.parse(await readFile(path.join(root, ".curio-cache/links.json"), "utf8"));
    expect(cached.format).toBe("curio-links-1");
    expect(cached.links[`${base}/gone`]).toMatchObject({ state: "dead", checkedAt: TEST_NOW });
  });

  it("checks no link without --links", async () => {
    const root = await digest();
    const before = requests.length;
    const { out } = await runCli(["check", "--root", root], root);
    expect(requests.length).toBe(before);
    expect(out).not.toContain("link-");
  });
});
