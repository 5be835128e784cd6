import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXCERPT_TEXT_LENGTH } from "../../src/parse/scoop-file.js";
import { SUMMARY_LENGTH } from "../../src/render/feed-entry.js";
import { shorten } from "../../src/util/shorten.js";

describe("the excerpt text a scoop keeps", () => {
  it("shortens exactly like the whole text, to any length Curio shows", () => {
    const words = fc.array(fc.stringMatching(/^[a-zé’“”.,;—-]{1,12}$/), {
      minLength: 40,
      maxLength: 300,
    });
    fc.assert(
      fc.property(
        words,
        fc.oneof(fc.constant(SUMMARY_LENGTH), fc.integer({ min: 2, max: SUMMARY_LENGTH })),
        (list, max) => {
          const text = list.join(" ");
          expect(shorten(text.slice(0, EXCERPT_TEXT_LENGTH), max)).toBe(shorten(text, max));
        },
      ),
      { numRuns: 500 },
    );
  });
});
