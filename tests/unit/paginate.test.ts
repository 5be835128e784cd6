import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pageUrl, pageWindow, paginate } from "../../src/plan/paginate.js";

describe("paginate", () => {
  it("splits 27 items into pages of 20 and 7 with page 1 at the list's URL", () => {
    const items = Array.from({ length: 27 }, (_, i) => i);
    const pages = paginate(items, 20, "/topics/x/");
    expect(pages.map((p) => p.items.length)).toEqual([20, 7]);
    expect(pages.map((p) => p.number)).toEqual([1, 2]);
    expect(pages[0]!.urls).toEqual(["/topics/x/", "/topics/x/page/2/"]);
    expect(pages[0]!.prev).toBeUndefined();
    expect(pages[0]!.next).toBe("/topics/x/page/2/");
    expect(pages[1]!.prev).toBe("/topics/x/");
    expect(pages[1]!.next).toBeUndefined();
    expect(pages[1]!.items).toEqual([20, 21, 22, 23, 24, 25, 26]);
  });

  it("always makes page 1, even for an empty list", () => {
    const pages = paginate([], 20, "/");
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ number: 1, count: 1, items: [], total: 0, urls: ["/"] });
  });

  it("makes exactly full pages when the count divides evenly", () => {
    expect(paginate([1, 2, 3, 4], 2, "/").map((p) => p.items)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("refuses a page size that is not a positive integer", () => {
    expect(() => paginate([1], 0, "/")).toThrow(RangeError);
    expect(() => paginate([1], 1.5, "/")).toThrow(RangeError);
  });

  it("keeps every item exactly once, in order, on pages of at most `size` (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 300 }),
        fc.integer({ min: 1, max: 50 }),
        (items, size) => {
          const pages = paginate(items, size, "/l/");
          expect(pages.flatMap((p) => p.items)).toEqual(items);
          expect(pages.every((p) => p.items.length <= size)).toBe(true);
          expect(pages.slice(0, -1).every((p) => p.items.length === size)).toBe(true);
          expect(pages.length).toBe(Math.max(1, Math.ceil(items.length / size)));
          expect(new Set(pages.map((p) => pageUrl("/l/", p.number))).size).toBe(pages.length);
        },
      ),
    );
  });
});

describe("pageWindow", () => {
  it("shows the ends and two pages around the current one", () => {
    expect(pageWindow(6, 20)).toEqual([1, null, 4, 5, 6, 7, 8, null, 20]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(1, 10)).toEqual([1, 2, 3, null, 10]);
  });

  it("always includes the first, last and current page, ascending (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), (a, b) => {
        const count = Math.max(a, b);
        const current = Math.min(a, b);
        const shown = pageWindow(current, count);
        const numbers = shown.filter((n): n is number => n !== null);
        expect(numbers).toContain(1);
        expect(numbers).toContain(count);
        expect(numbers).toContain(current);
        expect([...numbers].sort((x, y) => x - y)).toEqual(numbers);
        expect(shown.length).toBeLessThanOrEqual(9);
      }),
    );
  });
});
