import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { buildSite, listFiles, REPO_ROOT, tempDir } from "../helpers/sites.js";

/**
 * Every page of the example build and of the golden fixture sites, checked by the W3C Nu HTML
 * Checker (npm `vnu-jar`, run with Java): no errors and no warnings.
 */
const VNU = path.join(REPO_ROOT, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
const FIXTURES = path.join(REPO_ROOT, "tests", "fixtures");

interface VnuMessage {
  type: string;
  subType?: string;
  url: string;
  message: string;
  lastLine?: number;
  extract?: string;
}

async function vnu(dirs: string[]): Promise<VnuMessage[]> {
  if (!existsSync(VNU)) throw new Error(`vnu.jar not found at ${VNU}: run npm install`);
  // vnu exits 1 when it reports anything; its JSON report is on stderr either way.
  const result = await promisify(execFile)(
    "java",
    ["-jar", VNU, "--format", "json", "--skip-non-html", ...dirs],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  ).catch((e: { stderr?: string; code?: unknown }) => {
    if (e.code === "ENOENT")
      throw new Error(
        "java not found: install a Java runtime (apt-get install default-jre-headless)",
      );
    return { stderr: e.stderr ?? "" };
  });
  return (JSON.parse(result.stderr) as { messages: VnuMessage[] }).messages;
}

describe("W3C Nu HTML Checker", () => {
  it("finds no errors or warnings on any page of the example build and the fixture sites", async () => {
    const dirs: string[] = [];
    const example = path.join(await tempDir(), "example");
    expect((await buildSite(REPO_ROOT, { outDir: example })).ok).toBe(true);
    dirs.push(example);
    // Every kind of page is among them, the index and subscribe pages too.
    expect(await listFiles(example)).toEqual(
      expect.arrayContaining(
        ["topics", "curators", "tags", "subscribe"].map((dir) => `${dir}/index.html`),
      ),
    );
    for (const name of (await readdir(FIXTURES)).sort()) {
      const out = path.join(await tempDir(), name);
      expect((await buildSite(path.join(FIXTURES, name, "site"), { outDir: out })).ok).toBe(true);
      dirs.push(out);
    }
    let pages = 0;
    for (const d of dirs) pages += (await listFiles(d)).filter((f) => f.endsWith(".html")).length;
    expect(pages).toBeGreaterThan(70);

    // Digest emails are checked apart: their table layout's presentational attributes
    // (`width`, `cellpadding`, `align`), which mail clients need, are only warnings.
    const all = (
      await Promise.all(
        dirs.map(async (d) =>
          (await listFiles(d)).filter((f) => f.endsWith(".html")).map((f) => path.join(d, f)),
        ),
      )
    ).flat();
    const emails = all.filter((f) => f.endsWith("/email.html"));
    expect(emails.length).toBeGreaterThan(5);
    const show = (m: VnuMessage) =>
      `${m.type}${m.subType ? `/${m.subType}` : ""}: ${m.url.replace(/^file:/, "")}:${m.lastLine ?? "?"} ${m.message}`;
    expect((await vnu(all.filter((f) => !emails.includes(f)))).map(show)).toEqual([]);
    // The unsubscribe link is the sending service's placeholder, `{{ unsubscribe_url }}`, which
    // the service replaces with an address before sending: the one error an email may have.
    const emailMessages = await vnu(emails);
    const placeholder = (m: VnuMessage) =>
      m.message.startsWith("Bad value “{{ unsubscribe_url }}” for attribute “href” on element “a”");
    expect(emailMessages.filter((m) => m.type !== "info" && !placeholder(m)).map(show)).toEqual([]);
    expect(
      new Set(
        emailMessages
          .filter((m) => !placeholder(m))
          .map((m) => m.message.replace(/“[^”]*”/g, "“…”")),
      ),
    ).toEqual(new Set(["The “…” attribute on the “…” element is obsolete. Use CSS instead."]));
    expect(emailMessages.filter(placeholder)).toHaveLength(emails.length);
  });
});
