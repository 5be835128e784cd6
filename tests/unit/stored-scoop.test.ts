import { deserialize, serialize } from "node:v8";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copyScoop, scoopOf, storeScoop } from "../../src/validate/stored-scoop.js";
import { scoop } from "../helpers/factories.js";

describe("stored scoops", () => {
  it("give back the excerpt exactly, after the cache's serialization and a worker message", () => {
    // Content text is well-formed Unicode: lone surrogates are removed when a file is read.
    const text = fc.string({ unit: "grapheme" });
    fc.assert(
      fc.property(text, text, (excerptHtml, excerptText) => {
        const original = scoop("t/a", "2024-05-01", { excerptHtml, excerptText });
        const stored = storeScoop(original);
        for (const copy of [deserialize(serialize(stored)), structuredClone(stored)]) {
          const back = scoopOf(copy);
          for (const key of Object.keys(original) as (keyof typeof original)[])
            expect(back[key], key).toEqual(original[key]);
        }
      }),
    );
  });

  it("keep their text as bytes only: the cache holds no excerpt string", () => {
    const html = "<p>“Quoted” words</p>";
    const stored = storeScoop(scoop("t/a", "2024-05-01", { excerptHtml: html }));
    expect(Object.keys(stored)).not.toContain("excerptHtml");
    expect(serialize(stored).includes(Buffer.from(html, "utf16le"))).toBe(false);
    expect(serialize(stored).includes(Buffer.from(html))).toBe(true);
  });

  it("keep their excerpt through a copy with changes", () => {
    const stored = scoopOf(storeScoop(scoop("t/a", "2024-05-01", { excerptHtml: "<p>x</p>" })));
    const copy = copyScoop(stored, { curatorId: "bob" });
    expect(copy.curatorId).toBe("bob");
    expect(copy.excerptHtml).toBe("<p>x</p>");
    expect(stored.curatorId).toBe("ann");
    // A plain spread is what copyScoop is for: it loses the inherited excerpt.
    expect({ ...stored }.excerptHtml).toBeUndefined();
  });
});
