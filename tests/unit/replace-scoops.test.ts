import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indexSite } from "../../src/index/site-index.js";
import type { Scoop } from "../../src/model.js";
import { planSite } from "../../src/plan/plan-site.js";
import { replaceScoops, routesByEntity } from "../../src/plan/replace-scoops.js";
import { config, curator, scoop, topic } from "../helpers/factories.js";

function plan(scoops: Scoop[], pageSize: number) {
  const index = indexSite(
    config({ pageSize }),
    [curator("ann"), curator("bob")],
    [topic("t", ["ann", "bob"]), topic("u", ["bob"])],
    scoops,
  );
  return planSite({ index, assets: ["assets/style.css"], statics: [] }).routes;
}

/** Scoops with distinct days, in two topics, with a few tags and both curators. */
const site = fc
  .uniqueArray(fc.integer({ min: 1, max: 28 }), { minLength: 1, maxLength: 12 })
  .chain((days) =>
    fc.tuple(
      fc.constant(days),
      fc.array(
        fc.record({
          topic: fc.constantFrom("t", "u"),
          curatorId: fc.constantFrom("ann", "bob"),
          tags: fc.subarray(["News", "Tips", "Research"]),
          pinned: fc.boolean(),
        }),
        { minLength: days.length, maxLength: days.length },
      ),
      fc.nat({ max: days.length - 1 }),
      fc.integer({ min: 1, max: 4 }),
    ),
  );

describe("replaceScoops", () => {
  it("gives the routes planning the edited site would give, sharing every route it did not change", () => {
    fc.assert(
      fc.property(site, ([days, shapes, which, pageSize]) => {
        const seenPinned = new Set<string>();
        const scoops = days.map((day, i) => {
          const s = shapes[i]!;
          const pinned = s.pinned && !seenPinned.has(s.topic);
          if (pinned) seenPinned.add(s.topic);
          const date = `2024-02-${String(day).padStart(2, "0")}`;
          return scoop(`${s.topic}/s${i}`, date, { ...s, pinned, topicId: s.topic });
        });
        const old = scoops[which]!;
        const edited: Scoop = {
          ...old,
          title: `${old.title}, edited`,
          excerptText: "New words",
        };
        const before = plan(scoops, pageSize);
        const after = plan(
          scoops.map((s) => (s === old ? edited : s)),
          pageSize,
        );
        const byEntity = routesByEntity(before);
        const replaced = replaceScoops(before, new Map([[old, edited]]), byEntity);

        expect(replaced.routes).toEqual(after);
        const changed = new Set(replaced.changed);
        replaced.routes.forEach((route, i) => {
          if (changed.has(route)) expect(isDeepStrictEqual(before[i], after[i])).toBe(false);
          else expect(route).toBe(before[i]);
        });
        expect(replaced.byEntity.get(edited)).toEqual(byEntity.get(old));
        expect(replaced.byEntity.has(old)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("finds the routes that reach each scoop: its page, neighbours, lists and feeds", () => {
    const scoops = [
      scoop("t/a", "2024-01-05", { tags: ["News"] }),
      scoop("t/b", "2024-01-04"),
      scoop("t/c", "2024-01-03", { curatorId: "bob" }),
    ];
    const routes = plan(scoops, 10);
    const reach = (s: Scoop) => (routesByEntity(routes).get(s) ?? []).map((i) => routes[i]!.url);
    expect(reach(scoops[2]!).sort()).toEqual(
      [
        "/",
        "/atom.xml",
        "/curators/bob/",
        "/curators/bob/atom.xml",
        "/curators/bob/feed.json",
        "/curators/bob/feed.xml",
        "/feed.json",
        "/feed.xml",
        "/topics/t/",
        "/topics/t/atom.xml",
        "/topics/t/b/",
        "/topics/t/c/",
        "/topics/t/feed.json",
        "/topics/t/feed.xml",
      ].sort(),
    );
  });
});
