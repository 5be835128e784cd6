import fc from "fast-check";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { escapeXml, stripInvalidHtml } from "../../src/util/xml-escape.js";

describe("escapeXml", () => {
  it("escapes markup, drops characters XML forbids, keeps emoji", () => {
    expect(escapeXml("a < b & ]]> \"q\" 'a'")).toBe(
      "a &lt; b &amp; ]]&gt; &quot;q&quot; &apos;a&apos;",
    );
    expect(escapeXml("bell\u0007 nul\u0000 lone\ud800 low\udc00 ok🎉\t\n")).toBe(
      "bell nul lone low ok🎉\t\n",
    );
  });

  it("always yields well-formed XML element content (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(XMLValidator.validate(`<t>${escapeXml(s)}</t>`)).toBe(true);
      }),
    );
  });
});

describe("stripInvalidHtml", () => {
  it("removes control characters and lone surrogates but keeps text, tabs and newlines", () => {
    expect(stripInvalidHtml("a\u0000b\u0085c\ud800d\t\n🎉")).toBe("abcd\t\n🎉");
  });
});
