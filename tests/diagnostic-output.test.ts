import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";
import { warning } from "../src/diagnostics/diagnostic.js";
import { codeFrame, formatReport } from "../src/diagnostics/format-diagnostics.js";
import { runCli } from "./helpers/run-cli.js";
import { makeSite } from "./helpers/sites.js";

/** Runs the CLI on a folder with captured output and the test clock. */
function run(args: string[], root: string) {
  return runCli([...args, "--root", root], root);
}

describe("code frames (issue 12, defect 10)", () => {
  it("read and split each file once, however many diagnostics it has", () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `field${i}: value`);
    const texts: Record<string, string> = { "a.md": lines.join("\n"), "b.md": "one\ntwo\n" };
    const lookups: string[] = [];
    const lookup = (file: string) => {
      lookups.push(file);
      return texts[file];
    };
    const diagnostics: Diagnostic[] = [
      ...lines.map((_, i) =>
        warning("unknown-field", `field ${i}`, {
          file: "a.md",
          position: { line: i + 1, column: 1 },
        }),
      ),
      warning("unknown-field", "in b", { file: "b.md", position: { line: 2, column: 2 } }),
    ];
    const report = formatReport(diagnostics, lookup);
    // Each file's text was asked for once: 10,000 frames did not read a.md 10,000 times.
    expect(lookups).toEqual(["a.md", "b.md"]);
    expect(report.split("\n\n").slice(-3)).toEqual([
      "a.md:10000:1 warning unknown-field: field 9999\n   9999 | field9998: value\n  10000 | field9999: value\n        | ^",
      "b.md:2:2 warning unknown-field: in b\n  1 | one\n  2 | two\n    |  ^",
      "0 errors, 10001 warnings in 2 files",
    ]);
  });

  it("show at most 120 characters of a line, however long, with the caret kept in range", () => {
    const long = `key: ${"x".repeat(2_000_000)}`;
    expect(codeFrame(`---\n${long}\n`, 2, 1_000_000)).toEqual([
      "  1 | ---",
      `  2 | key: ${"x".repeat(114)}…`,
      `    | ${" ".repeat(120)}^`,
    ]);
  });
});

describe("control characters from files are shown, not obeyed (issue 12, defect 13)", () => {
  const ESC = "\x1b";

  it("escapes them in the code frame, the message, the hint and the file name", () => {
    const text = `---\nnote: ${ESC}[2K\r${ESC}[32mBuilt OK${ESC}[0m\x07\tdel\x7f c1\x9b31m\n---\n`;
    const d = warning(
      "unknown-field",
      `unknown field \`${ESC}[32mok\``,
      { file: `content/${ESC}]0;title\x07.md`, position: { line: 2, column: 20 } },
      `rename \`\x9b2J\` to \`\u00e9t\u00e9\``,
    );
    const report = formatReport([d], () => text);
    expect(report).toBe(
      [
        "content/\\x1b]0;title\\x07.md:2:20 warning unknown-field: unknown field `\\x1b[32mok`",
        "  1 | ---",
        "  2 | note: \\x1b[2K\\r\\x1b[32mBuilt OK\\x1b[0m\\x07 del\\x7f c1\\x9b31m",
        `    | ${" ".repeat(26)}^`,
        "  hint: rename `\\x9b2J` to `\u00e9t\u00e9`",
        "",
        "0 errors, 1 warning in 1 file",
      ].join("\n"),
    );
    // Nothing a terminal acts on is left but the line breaks of the report itself.
    // eslint-disable-next-line no-control-regex
    expect(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(report)).toBe(false);
  });

  it("a scoop cannot print a fake green 'Built OK' through curio check", async () => {
    const root = await makeSite({
      "content/curators/ann.md": "---\nname: Ann\n---\n",
      "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
      "content/topics/t/2024-01-01-x.md": `---\ntitle: X\ndate: 2024-01-01\nnote: "${ESC}[2K${ESC}[1G${ESC}[32mBuilt 7 pages${ESC}[0m"\n---\nText.\n`,
    });
    const r = await run(["check"], root);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toBe(
      [
        "content/topics/t/2024-01-01-x.md:4:1 warning unknown-field: unknown field `note`",
        "  3 | date: 2024-01-01",
        '  4 | note: "\\x1b[2K\\x1b[1G\\x1b[32mBuilt 7 pages\\x1b[0m"',
        "    | ^",
        "  hint: remove it, or use one of: title, url, date, curator, tags, image, imageAlt, imageWidth, imageHeight, insight, published, sourceName, sourceAuthor, via, pinned, draft, comments, slug",
        "No errors: 1 scoop, 1 topic, 1 curator; 0 errors, 1 warning in 1 file",
        "",
      ].join("\n"),
    );
  });
});
