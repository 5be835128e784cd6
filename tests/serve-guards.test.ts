import { cp, mkdir, writeFile } from "node:fs/promises";
import net from "node:net";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevServer } from "../src/serve/dev-server.js";
import { startDevServer } from "../src/serve/dev-server.js";
import { hostGuard, sameOriginPath } from "../src/serve/request-guard.js";
import { REPO_ROOT, tempDir, TEST_NOW } from "./helpers/sites.js";

const CHECKLIST_URL = "/topics/social-media-and-healthcare/social-media-implementation-checklist/";

interface RawResponse {
  readonly status: number;
  readonly headers: Map<string, string>;
  readonly body: string;
}

/**
 * Sends one request exactly as written (no client normalizes the path or fills in the Host
 * header) to 127.0.0.1 and reads the answer: until the server closes, or briefly after the
 * headers for a stream that stays open (the event stream). Bounded by `timeoutMs`.
 */
function rawRequest(
  port: number,
  target: string,
  host: string | undefined,
  timeoutMs = 5_000,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let linger: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(deadline);
      clearTimeout(linger);
      socket.destroy();
      const text = Buffer.concat(chunks).toString("utf8");
      const end = text.indexOf("\r\n\r\n");
      if (end === -1) return reject(new Error(`no complete response: ${JSON.stringify(text)}`));
      const [statusLine, ...lines] = text.slice(0, end).split("\r\n");
      const headers = new Map<string, string>();
      for (const line of lines) {
        const colon = line.indexOf(":");
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      resolve({ status: Number(statusLine!.split(" ")[1]), headers, body: text.slice(end + 4) });
    };
    const deadline = setTimeout(finish, timeoutMs);
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (!linger && Buffer.concat(chunks).includes("\r\n\r\n")) linger = setTimeout(finish, 300);
    });
    socket.on("end", finish);
    socket.on("error", reject);
    const version = host === undefined ? "HTTP/1.0" : "HTTP/1.1";
    const hostLine = host === undefined ? "" : `Host: ${host}\r\n`;
    socket.write(`GET ${target} ${version}\r\n${hostLine}Connection: close\r\n\r\n`);
  });
}

let dev: DevServer;
let port: number;
beforeAll(async () => {
  const root = await tempDir("curio-serve-guards-");
  for (const item of ["content", "curio.config.yml"])
    await cp(path.join(REPO_ROOT, item), path.join(root, item), { recursive: true });
  // A published folder named like a host: `/x/..//evil.example` reaches it.
  await mkdir(path.join(root, "static", "evil.example"), { recursive: true });
  await writeFile(path.join(root, "static", "evil.example", "index.html"), "<p>static</p>\n");
  dev = await startDevServer({
    root,
    port: 0,
    watch: false,
    themeDir: path.join(REPO_ROOT, "templates"),
    now: () => TEST_NOW,
    curioVersion: "test",
  });
  expect(dev.initial.result.ok).toBe(true);
  port = dev.server.port;
});
afterAll(async () => dev?.close());

describe("curio serve refuses requests for other hosts (DNS rebinding)", () => {
  it("serves the feed stylesheet as XSL, which browsers apply to the feeds", async () => {
    const res = await rawRequest(port, "/assets/feed.xsl", `127.0.0.1:${port}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/xsl; charset=utf-8");
    expect(res.body).toContain("<xsl:stylesheet");
  });

  it("listens on 127.0.0.1 unless told otherwise", () => {
    expect(dev.server.url).toBe(`http://127.0.0.1:${port}`);
  });

  it("answers the loopback names, with or without the port", async () => {
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `LocalHost:${port}`,
      `[::1]:${port}`,
      "127.0.0.1",
      "localhost",
    ]) {
      const res = await rawRequest(port, CHECKLIST_URL, host);
      expect(res.status, host).toBe(200);
      expect(res.body, host).toContain("Set goals first.");
    }
  });

  it("refuses any other Host header with 403 and a short explanation: pages, feeds, live reload", async () => {
    const forged = [
      "evil.example",
      `evil.example:${port}`,
      `localhost.evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `localhost.:${port}`,
      `user@localhost:${port}`,
      `localhost:${port}/x`,
      "",
    ];
    const targets = [
      CHECKLIST_URL,
      "/",
      "/feed.xml",
      "/topics",
      "/__curio/events",
      "/__curio/client.js",
    ];
    for (const host of forged) {
      for (const target of targets) {
        const res = await rawRequest(port, target, host);
        const what = `${target} with Host ${JSON.stringify(host)}`;
        expect(res.status, what).toBe(403);
        expect(res.headers.get("content-type"), what).toBe("text/plain; charset=utf-8");
        expect(res.body, what).toContain("DNS rebinding");
        expect(res.body, what).not.toContain("Set goals first.");
        expect(res.headers.has("location"), what).toBe(false);
      }
    }
    // An HTTP/1.0 request with no Host header at all.
    const bare = await rawRequest(port, CHECKLIST_URL, undefined);
    expect(bare.status).toBe(403);
  });

  it("answers the address it was told to listen on, and this machine's when on every interface", () => {
    const lan = hostGuard("192.168.1.5");
    expect(lan.allows("192.168.1.5:4173")).toBe(true);
    expect(lan.allows("localhost:4173")).toBe(true);
    expect(lan.allows("192.168.1.6:4173")).toBe(false);
    expect(lan.allows("evil.example:4173")).toBe(false);
    expect(hostGuard("::1").allows("[::1]:4173")).toBe(true);
    expect(hostGuard("my-box.local").allows("My-Box.local:4173")).toBe(true);

    for (const wildcard of ["0.0.0.0", "::"]) {
      const any = hostGuard(wildcard);
      expect(any.allows("evil.example:4173"), wildcard).toBe(false);
      expect(any.allows("127.0.0.1:4173"), wildcard).toBe(true);
      for (const list of Object.values(networkInterfaces()))
        for (const a of list ?? []) {
          const host = a.family === "IPv6" ? `[${a.address}]` : a.address;
          if (!a.address.includes("%")) expect(any.allows(`${host}:4173`), host).toBe(true);
        }
    }
  });
});

describe("curio serve redirects stay on the origin", () => {
  it("collapses leading slashes: /x/..//evil.example is redirected to /evil.example/", async () => {
    const res = await rawRequest(port, "/x/..//evil.example", `127.0.0.1:${port}`);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/evil.example/");
  });

  it("never sends a Location a browser reads as another host", async () => {
    const origin = `http://127.0.0.1:${port}`;
    const targets = [
      "/x/..//evil.example",
      "/x/..//evil.example?a=1",
      "/x/..///evil.example",
      "/x/../\\evil.example",
      "/x/..%2F%2Fevil.example",
      "/x/..//topics",
      "//topics",
      "/topics",
      "/%2F%2Fevil.example",
      "/x/..//%5Cevil.example",
    ];
    let redirects = 0;
    for (const target of targets) {
      const res = await rawRequest(port, target, `127.0.0.1:${port}`);
      const location = res.headers.get("location");
      if (location === undefined) continue;
      redirects++;
      expect(location, target).toMatch(/^\/(?![/\\])/);
      expect(new URL(location, origin).origin, target).toBe(origin);
      // Followed, it is answered here (the folder's page, or 404 where it has none).
      const followed = await rawRequest(port, location, `127.0.0.1:${port}`);
      expect([200, 404], `${target} → ${location}`).toContain(followed.status);
    }
    expect(redirects).toBeGreaterThanOrEqual(5);
  });

  it("sameOriginPath keeps a path on the origin", () => {
    expect(sameOriginPath("//evil.example/")).toBe("/evil.example/");
    expect(sameOriginPath("/\\evil.example/")).toBe("/evil.example/");
    expect(sameOriginPath("\\\\evil.example")).toBe("/evil.example");
    expect(sameOriginPath("/\t/evil.example")).toBe("/evil.example");
    expect(sameOriginPath("/digest/")).toBe("/digest/");
    expect(sameOriginPath("/a//b/")).toBe("/a//b/");
  });
});
