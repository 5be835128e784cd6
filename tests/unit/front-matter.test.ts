import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../src/parse/front-matter.js";
import { decodeText } from "../../src/parse/decode-text.js";

describe("parseFrontMatter", () => {
  it("keeps dates as strings (no UTC Date objects) and records each key's file position", () => {
    const fm = parseFrontMatter(
      "f.md",
      "---\ntitle: Hello\ndate: 2024-05-01\ntags:\n  - a\n  - b\n---\nBody text\n",
    );
    expect(fm.diagnostics).toEqual([]);
    expect(fm.data).toEqual({ title: "Hello", date: "2024-05-01", tags: ["a", "b"] });
    expect(fm.positions.get("title")).toEqual({
      key: { line: 2, column: 1 },
      value: { line: 2, column: 8 },
    });
    expect(fm.positions.get("date")?.key).toEqual({ line: 3, column: 1 });
    expect(fm.positions.get("tags.1")?.key).toEqual({ line: 6, column: 5 });
    expect(fm.body).toBe("Body text\n");
    expect(fm.bodyLine).toBe(8);
  });

  it("reports a title with `: ` in it at its file line, with the hint to quote it", () => {
    const fm = parseFrontMatter(
      "f.md",
      "---\ndate: 2024-05-01\ntitle: Take two: How Social Media\n---\n",
    );
    expect(fm.diagnostics).toHaveLength(1);
    expect(fm.diagnostics[0]).toMatchObject({ code: "yaml-syntax", line: 3 });
    expect(fm.diagnostics[0]!.hint).toMatch(/^quote the value/);
  });

  it("reports a value starting with # (read by YAML as a comment) as an empty field to quote", () => {
    const fm = parseFrontMatter("f.md", "---\ntitle: #Hookahlife rising\n---\n");
    expect(fm.diagnostics).toHaveLength(1);
    expect(fm.diagnostics[0]).toMatchObject({ code: "yaml-comment-value", line: 2 });
    expect(fm.diagnostics[0]!.hint).toMatch(/^quote the value/);
  });

  it("keeps every key as an own field of a null-prototype object, `__proto__` too", () => {
    const fm = parseFrontMatter(
      "f.md",
      "---\n__proto__: {title: X, pinned: true}\nconstructor: c\nvia: {toString: t}\n---\n",
    );
    expect(fm.diagnostics).toEqual([]);
    expect(Object.getPrototypeOf(fm.data)).toBeNull();
    expect(Object.keys(fm.data)).toEqual(["__proto__", "constructor", "via"]);
    expect(fm.data.title).toBeUndefined();
    expect(fm.data.pinned).toBeUndefined();
    expect(Object.getPrototypeOf(fm.data.__proto__)).toBeNull();
    expect({ ...(fm.data.__proto__ as object) }).toEqual({ title: "X", pinned: true });
    expect(fm.data.constructor).toBe("c");
    expect(Object.keys(fm.data.via as object)).toEqual(["toString"]);
  });

  it("reports a front matter block that never closes", () => {
    const fm = parseFrontMatter("f.md", "---\ntitle: x\nno end\n");
    expect(fm.diagnostics.map((d) => d.code)).toEqual(["unclosed-front-matter"]);
  });

  it("treats a file without a leading --- as having no front matter", () => {
    const fm = parseFrontMatter("f.md", "Just text\n");
    expect(fm.hasFrontMatter).toBe(false);
    expect(fm.body).toBe("Just text\n");
  });
});

describe("decodeText", () => {
  it("drops a BOM and turns CRLF into LF", () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode("---\r\ntitle: x\r\n---\r\n"),
    ]);
    expect(decodeText("f.md", bytes).text).toBe("---\ntitle: x\n---\n");
  });

  it("names the byte offset, line and column of the first byte that is not UTF-8", () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode("---\ntitle: caf"),
      0xe9,
      0x20,
      0x0a,
    ]);
    const d = decodeText("f.md", bytes).diagnostic!;
    expect(d).toMatchObject({ code: "not-utf8", line: 2, column: 11 });
    expect(d.message).toBe(
      "the file is not valid UTF-8: byte 0xE9 at byte offset 14 cannot start or continue a character",
    );
  });
});
