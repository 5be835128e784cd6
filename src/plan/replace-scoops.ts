import type { Scoop } from "../model.js";
import { scoopPageText } from "./scoop-page.js";
import type { Route } from "./routes.js";
import { LayeredMap } from "../util/layered-map.js";

/** The routes after some scoops were replaced, and which of them changed. */
export interface ReplacedRoutes {
  /** Every route, in the same order; unchanged routes are the same objects. */
  readonly routes: readonly Route[];
  /** The routes that reach a replaced scoop (so their output may differ). */
  readonly changed: readonly Route[];
  /** `routesByEntity` of the new routes. */
  readonly byEntity: EntityRoutes;
}

/** For each content entity (scoop, topic, curator), the positions of the routes that reach it. */
export type EntityRoutes = ReadonlyMap<object, readonly number[]>;

const NONE: readonly object[] = [];

/**
 * Which routes reach which content entities (objects with a `file`), following every array,
 * map and object of a route's data (pure; shared objects are walked once).
 */
export function routesByEntity(routes: readonly Route[]): EntityRoutes {
  const memo = new Map<object, readonly object[]>();
  const reach = (value: unknown): readonly object[] => {
    if (typeof value !== "object" || value === null || value instanceof Uint8Array) return NONE;
    if (typeof (value as { file?: unknown }).file === "string") return [value];
    const known = memo.get(value);
    if (known !== undefined) return known;
    memo.set(value, NONE);
    const found = new Set<object>();
    const add = (v: unknown) => {
      for (const e of reach(v)) found.add(e);
    };
    if (Array.isArray(value)) for (const v of value) add(v);
    else if (value instanceof Map) for (const v of value.values()) add(v);
    else for (const k in value) add((value as Record<string, unknown>)[k]);
    const out = found.size > 0 ? [...found] : NONE;
    memo.set(value, out);
    return out;
  };
  const byEntity = new Map<object, number[]>();
  routes.forEach((route, i) => {
    for (const e of reach(route)) {
      const list = byEntity.get(e);
      if (list) list.push(i);
      else byEntity.set(e, [i]);
    }
  });
  return byEntity;
}

/**
 * Replaces scoops by new versions of themselves in planned routes (pure, copy-on-write): every
 * array and object on the way from a route to an old scoop is copied with the new one in its
 * place, everything else is shared. A scoop page of a replaced scoop also gets the title and
 * description planning copies from it.
 *
 * Only valid when the new scoops sort, group and paginate exactly like the old ones (the same
 * `listingShape`: every field of `LISTING_FIELDS`): then planning the new site would give
 * these routes. Content entities (objects with a `file`) and bytes are not entered.
 */
export function replaceScoops(
  routes: readonly Route[],
  replacements: ReadonlyMap<Scoop, Scoop>,
  byEntity: EntityRoutes = routesByEntity(routes),
): ReplacedRoutes {
  const memo = new Map<object, unknown>();
  const swap = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null) return value;
    const replacement = replacements.get(value as Scoop);
    if (replacement !== undefined) return replacement;
    if (value instanceof Uint8Array || typeof (value as { file?: unknown }).file === "string")
      return value;
    if (memo.has(value)) return memo.get(value);
    let out: unknown = value;
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const next = swap(value[i]);
        if (next !== value[i]) (copy ??= value.slice())[i] = next;
      }
      if (copy) out = copy;
    } else if (value instanceof Map) {
      let copy: Map<unknown, unknown> | undefined;
      for (const [k, v] of value) {
        const next = swap(v);
        if (next !== v) (copy ??= new Map(value)).set(k, next);
      }
      if (copy) out = copy;
    } else {
      const obj = value as Record<string, unknown>;
      let copy: Record<string, unknown> | undefined;
      for (const k in obj) {
        const next = swap(obj[k]);
        if (next !== obj[k]) (copy ??= { ...obj })[k] = next;
      }
      if (copy) out = copy;
    }
    memo.set(value, out);
    return out;
  };

  const positions = new Set<number>();
  for (const old of replacements.keys()) for (const i of byEntity.get(old) ?? []) positions.add(i);
  const next = routes.slice();
  const changed: Route[] = [];
  for (const i of [...positions].sort((a, b) => a - b)) {
    const route = routes[i]!;
    let out = swap(route) as Route;
    if (out === route) continue;
    if (out.format === "html" && out.page.kind === "scoop") {
      out = { ...out, ...scoopPageText(out.page.scoop) };
    }
    next[i] = out;
    changed.push(out);
  }
  const moved: [object, readonly number[]][] = [];
  for (const [old, fresh] of replacements) {
    const list = byEntity.get(old);
    if (list) moved.push([fresh, list]);
  }
  const entities = LayeredMap.over(byEntity).with(moved, replacements.keys());
  return { routes: next, changed, byEntity: entities };
}
