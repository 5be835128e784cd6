import { cp, readFile, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ParsedMail } from "mailparser";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { addressKey } from "../src/digest/sent-record.js";
import { REPO_ROOT, tempDir, TEST_NOW } from "./helpers/sites.js";

/** A real SMTP server on 127.0.0.1 (no TLS, no login) that keeps every message it receives. */
let server: SMTPServer;
let port: number;
const received: { to: string[]; mail: ParsedMail }[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Runs the CLI in `cwd` with the SMTP settings of the test server in its environment. */
async function curio(args: string[], cwd: string, env: Record<string, string> = {}) {
  let out = "";
  let err = "";
  const code = await main(["node", "curio", ...args], {
    out: (s) => (out += s),
    err: (s) => (err += s),
    cwd,
    now: () => TEST_NOW,
    env: {
      CURIO_SMTP_HOST: "127.0.0.1",
      CURIO_SMTP_PORT: String(port),
      CURIO_SMTP_FROM: "Health Digest <digest@example.org>",
      ...env,
    },
  });
  return { code, out, err };
}

/** A copy of the example digest with a recipient list. */
async function example(list: string): Promise<string> {
  const root = path.join(await tempDir(), "digest");
  await cp(REPO_ROOT, root, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(REPO_ROOT, src);
      return rel === "" || rel === "curio.config.yml" || rel.startsWith("content");
    },
  });
  await writeFile(path.join(root, "subscribers.txt"), list);
  return root;
}

describe("curio digest send", () => {
  it("sends the newest issue to each address over SMTP, HTML and text, with List-Unsubscribe; a second run sends nothing", async () => {
    received.length = 0;
    const root = await example("# readers\nann@example.net\n\nbob@example.com\nann@example.net\n");
    const args = [
      "digest",
      "send",
      "--topic",
      "social-media-and-healthcare",
      "--to",
      "subscribers.txt",
    ];
    const first = await curio(args, root);
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toContain(
      "Sent “Social Media and Healthcare: week 16, 2019” to 2 addresses; recorded in digest-sends.json.",
    );
    expect(received.map((r) => r.to)).toEqual([["ann@example.net"], ["bob@example.com"]]);
    for (const { mail } of received) {
      expect(mail.subject).toBe("Social Media and Healthcare: week 16, 2019");
      expect(mail.from?.text).toBe('"Health Digest" <digest@example.org>');
      expect(typeof mail.html).toBe("string");
      expect(mail.text).toContain(
        "Read it on the web: https://example.org/topics/social-media-and-healthcare/digests/2019-w16/",
      );
      expect(mail.headerLines.find((h) => h.key === "list-unsubscribe")?.line).toBe(
        "List-Unsubscribe: <mailto:digest@example.org?subject=unsubscribe>",
      );
      // Every link in the HTML part is absolute; the unsubscribe placeholder was filled in.
      const hrefs = [...(mail.html as string).matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
      expect(hrefs.length).toBeGreaterThan(5);
      for (const href of hrefs) expect(href, href).toMatch(/^(https:\/\/|mailto:)/);
      expect(mail.html).not.toContain("unsubscribe_url");
      expect(mail.text).toContain("Unsubscribe: mailto:digest@example.org?subject=unsubscribe");
    }
    const record = JSON.parse(await readFile(path.join(root, "digest-sends.json"), "utf8")) as {
      issues: Record<string, string[]>;
    };
    expect(record.issues).toEqual({
      "social-media-and-healthcare/2019-w16": [
        addressKey("ann@example.net"),
        addressKey("bob@example.com"),
      ].sort(),
    });
    expect(JSON.stringify(record)).not.toContain("example.net");

    const again = await curio(args, root);
    expect(again.code).toBe(0);
    expect(again.out).toContain("Nothing to send: every address on the list already has");
    expect(received).toHaveLength(2);

    // A new reader on the list gets the issue; the others do not get it again.
    await writeFile(path.join(root, "subscribers.txt"), "ann@example.net\ncy@example.org\n");
    const third = await curio(args, root);
    expect(third.out).toContain("to 1 address (1 already had it)");
    expect(received.map((r) => r.to[0])).toEqual([
      "ann@example.net",
      "bob@example.com",
      "cy@example.org",
    ]);
  });

  it("with --dry-run prints who would get which issue, and sends and records nothing", async () => {
    received.length = 0;
    const root = await example("ann@example.net\n");
    const run = await curio(
      [
        "digest",
        "send",
        "--topic",
        "social-media-and-healthcare",
        "--period",
        "2019-w14",
        "--to",
        "subscribers.txt",
        "--dry-run",
      ],
      root,
      { CURIO_SMTP_HOST: "" },
    );
    expect(run.code).toBe(0);
    expect(run.out).toBe(
      "would send “Social Media and Healthcare: week 14, 2019” (social-media-and-healthcare/2019-w14) to 1 of 1:\n  ann@example.net\n",
    );
    expect(received).toEqual([]);
    await expect(readFile(path.join(root, "digest-sends.json"))).rejects.toThrow(/ENOENT/);
  });

  it("refuses, sending nothing, a list with lines that are not addresses, naming each line", async () => {
    received.length = 0;
    const root = await example("ann@example.net\nnot an address\n# fine\nbob@\n");
    const run = await curio(
      ["digest", "send", "--topic", "social-media-and-healthcare", "--to", "subscribers.txt"],
      root,
    );
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      `error: subscribers.txt:2:1: "not an address" is not a mail address\nsubscribers.txt:4:1: "bob@" is not a mail address\nhint: write one address per line (name@example.org); lines starting with # are comments\n`,
    );
    expect(received).toEqual([]);
  });

  it("names the missing SMTP settings, an unknown topic and an unknown issue", async () => {
    const root = await example("ann@example.net\n");
    const base = ["digest", "send", "--to", "subscribers.txt", "--topic"];
    const noHost = await curio([...base, "social-media-and-healthcare"], root, {
      CURIO_SMTP_HOST: "",
      CURIO_SMTP_FROM: "",
    });
    expect(noHost.err).toBe(
      'error: cannot send: set CURIO_SMTP_HOST (the mail server, e.g. smtp.example.org) and CURIO_SMTP_FROM (the sender, e.g. "Digest <digest@example.org>") in the environment (a CI secret), never in the repository\n',
    );
    const topic = await curio([...base, "social"], root);
    expect([topic.code, topic.err]).toEqual([
      2,
      "error: there is no topic `social`: the topics are social-media-and-healthcare\n",
    ]);
    const period = await curio(
      [...base, "social-media-and-healthcare", "--period", "2020-w01"],
      root,
    );
    expect(period.err).toBe(
      "error: topic `social-media-and-healthcare` has no issue 2020-w01: its issues are 2019-w16, 2019-w15, 2019-w14, 2019-w13, 2019-w12\n",
    );
  });
});
