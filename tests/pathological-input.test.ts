import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import { buildSite, makeSite } from "./helpers/sites.js";

/**
 * Files under the 2 MB limit that stalled a build for minutes or used gigabytes (issue 12,
 * defect 10). Each is generated here; each build must end with the right diagnostics. That it
 * is bounded is shown by what it reports (a capped count, a limit's exact message), not by
 * timing it.
 */
const BASE = {
  "content/curators/ann.md": "---\nname: Ann\n---\n",
  "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
};
const FILE = "content/topics/t/2024-01-01-x.md";
const scoop = (front: string, body: string) =>
  `---\ntitle: Pathological\ndate: 2024-01-01\n${front}---\n${body}\n`;

/** Builds a one-scoop site and returns the result. */
async function buildOne(file: string) {
  expect(Buffer.byteLength(file)).toBeLessThan(2 * 1024 * 1024);
  const root = await makeSite({ ...BASE, [FILE]: file });
  return buildSite(root);
}

/** The one diagnostic a refused body gives. */
const tooComplex = (reason: string, hint: string) => [
  {
    severity: "error",
    code: "markdown-too-complex",
    file: FILE,
    line: 5,
    column: 1,
    message: `the excerpt (the file's body) cannot be rendered: ${reason}`,
    hint,
  },
];

describe("a file under the size limit cannot stall the build", () => {
  it("40,000 unknown front-matter fields: 20 warnings and one that counts the rest", async () => {
    const fields = Array.from({ length: 40_000 }, (_, i) => `field${i}: value ${i}\n`).join("");
    const root = await makeSite({ ...BASE, [FILE]: scoop(fields, "Text.") });
    const { code, out, err } = await runCli(["build", "--root", root], root);
    expect(err).toBe("");
    expect(code).toBe(0);
    const warnings = out.split("\n").filter((l) => l.includes(" warning unknown-field: "));
    expect(warnings).toHaveLength(21);
    expect(warnings[0]).toBe(`${FILE}:4:1 warning unknown-field: unknown field \`field0\``);
    expect(warnings[19]).toBe(`${FILE}:23:1 warning unknown-field: unknown field \`field19\``);
    const last = out.slice(out.indexOf(`${FILE}:24:1 `), out.indexOf("\nBuilt "));
    expect(last).toBe(
      [
        `${FILE}:24:1 warning unknown-field: … and 39980 more unknown fields, starting with \`field20\` (only the first 20 are reported one by one)`,
        "  23 | field19: value 19",
        "  24 | field20: value 20",
        "     | ^",
        "  hint: remove the unknown fields, or rename them to fields the file may have",
        "",
        "0 errors, 21 warnings in 1 file",
      ].join("\n"),
    );
  });

  it("1.1 MB of backtick runs of growing length are refused before the markdown engine", async () => {
    let body = "";
    for (let n = 1; body.length < 1_100_000; n++) body += `${"`".repeat(n)}a`;
    const result = await buildOne(scoop("", body));
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual(
      tooComplex(
        "it has too many backticks that open code spans and never close in a long paragraph",
        "close each code span with as many backticks as opened it, write other backticks as \\`, or split the paragraph",
      ),
    );
  });

  it("one backtick that never closes, before a 1.5 MB paragraph, is refused", async () => {
    const result = await buildOne(scoop("", `\` ${"word ".repeat(300_000)}`));
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      "the excerpt (the file's body) cannot be rendered: it has too many backticks that open code spans and never close in a long paragraph",
    ]);
  });

  it("50,000 link reference definitions are refused", async () => {
    const body = Array.from({ length: 50_000 }, (_, i) => `[d${i}]: https://e.example/${i}`);
    const result = await buildOne(scoop("", body.join("\n")));
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual(
      tooComplex(
        "it has more than 5000 links, images or link definitions (`[`)",
        "shorten the text: quote the passage that matters and link to the rest",
      ),
    );
  });

  it("100,000 one-word paragraphs are refused", async () => {
    const result = await buildOne(scoop("", "a\n\n".repeat(100_000)));
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual(
      tooComplex(
        "it has more than 20000 blocks and markup elements (paragraphs, list items, links, code spans, emphasis, entities)",
        "shorten the text: quote the passage that matters and link to the rest",
      ),
    );
  });

  it("a long but ordinary excerpt still builds", async () => {
    const paragraph =
      "Set goals with `npm run build`, see [the docs](https://docs.example/) & *measure* them.\n";
    const result = await buildOne(scoop("", `${paragraph}\n`.repeat(2_000)));
    // It is far over `excerptWords`: a warning, not a failure.
    expect(result.diagnostics.map((d) => d.code)).toEqual(["long-excerpt"]);
    expect(result.ok).toBe(true);
  });
});
