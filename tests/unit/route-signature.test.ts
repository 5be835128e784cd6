import { describe, expect, it } from "vitest";
import { indexSite } from "../../src/index/site-index.js";
import { planSite } from "../../src/plan/plan-site.js";
import { createRouteSignatures } from "../../src/plan/route-signature.js";
import type { Route } from "../../src/plan/routes.js";
import { config, curator, scoop, topic } from "../helpers/factories.js";

function routes(
  scoops = [scoop("t/a", "2024-01-02", { tags: ["News"] }), scoop("t/b", "2024-01-01")],
): Route[] {
  const index = indexSite(config(), [curator("ann")], [topic("t")], scoops);
  return planSite({ index, assets: [], statics: [] }).routes;
}
const page = (list: Route[], url: string) => list.find((r) => r.url === url)!;

describe("route signatures", () => {
  const versions = new Map([
    ["content/topics/t/2024-01-02-a.md", "A1"],
    ["content/topics/t/2024-01-01-b.md", "B1"],
  ]);
  const sign = (v = versions, tagName = (t: string) => t, globals = "g") =>
    createRouteSignatures(globals, (f) => v.get(f), tagName);

  it("are equal for equal inputs, built separately", () => {
    expect(sign()(page(routes(), "/topics/t/a/"))).toBe(sign()(page(routes(), "/topics/t/a/")));
  });

  it("change with the scoop's file, its neighbour's file, the globals, or its tags' shown names", () => {
    const a = page(routes(), "/topics/t/a/");
    const base = sign()(a);
    expect(sign(new Map([...versions, ["content/topics/t/2024-01-02-a.md", "A2"]]))(a)).not.toBe(
      base,
    );
    expect(sign(new Map([...versions, ["content/topics/t/2024-01-01-b.md", "B2"]]))(a)).not.toBe(
      base,
    );
    expect(sign(versions, (t) => t, "other")(a)).not.toBe(base);
    expect(sign(versions, (t) => t.toLowerCase())(a)).not.toBe(base);
  });

  it("do not change for a scoop that is on neither the page nor its neighbours", () => {
    const extra = [
      scoop("t/a", "2024-01-02", { tags: ["News"] }),
      scoop("t/b", "2024-01-01"),
      scoop("t/c", "2023-01-01"),
    ];
    const v = new Map([...versions, ["content/topics/t/2023-01-01-c.md", "C1"]]);
    const a = page(routes(extra), "/topics/t/a/");
    expect(sign(v)(a)).toBe(sign(new Map([...v, ["content/topics/t/2023-01-01-c.md", "C2"]]))(a));
  });
});
