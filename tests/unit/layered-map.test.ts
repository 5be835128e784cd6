import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LayeredMap } from "../../src/util/layered-map.js";

describe("LayeredMap", () => {
  it("behaves like a copied Map under any sequence of sets and removals", () => {
    const op = fc.oneof(
      fc.record({ set: fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.string())) }),
      fc.record({ remove: fc.array(fc.integer({ min: 0, max: 300 })) }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.string())),
        fc.array(op, { maxLength: 40 }),
        (initial, ops) => {
          const base = new Map(initial);
          let layered = LayeredMap.over(new Map(base));
          let model = new Map(base);
          const versions: [LayeredMap<number, string>, Map<number, string>][] = [];
          for (const o of ops) {
            versions.push([layered, model]);
            model = new Map(model);
            if ("set" in o) {
              for (const [k, v] of o.set) model.set(k, v);
              layered = layered.with(o.set);
            } else {
              for (const k of o.remove) model.delete(k);
              layered = layered.with([], o.remove);
            }
          }
          versions.push([layered, model]);
          // Every version, old ones included, still reads as it did: nothing is shared wrongly.
          for (const [l, m] of versions) {
            expect(l.size).toBe(m.size);
            expect([...l].sort((a, b) => a[0] - b[0])).toEqual([...m].sort((a, b) => a[0] - b[0]));
            for (let k = 0; k <= 300; k += 7) {
              expect(l.has(k)).toBe(m.has(k));
              expect(l.get(k)).toBe(m.get(k));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
