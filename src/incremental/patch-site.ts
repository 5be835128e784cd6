import { digest } from "../util/digest.js";
import type { ContentCache } from "../parse/content-cache.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import type { PlannedSite } from "../build.js";
import type { SourceFile } from "../load/read-sources.js";
import type { Scoop } from "../model.js";
import type { EntityRoutes } from "../plan/replace-scoops.js";
import { replaceScoops, routesByEntity } from "../plan/replace-scoops.js";
import type { Route } from "../plan/routes.js";
import type { ExcerptStore } from "../render/excerpt-store.js";
import { LayeredMap } from "../util/layered-map.js";
import { listingShape } from "../plan/listing-fields.js";
import { keepExcerpt } from "../parse/content-file.js";
import type { ParsedContent } from "../parse/content-file.js";
import { parseFileSafely } from "../parse/parse-file-safely.js";

/** A site patched after an edit, and the routes whose output may have changed. */
export interface PatchedSite {
  readonly site: PlannedSite;
  readonly changed: readonly Route[];
  /** Which routes reach which scoop in the patched site (for the next patch). */
  readonly byEntity: EntityRoutes;
}

/** What a patch reads and updates besides the site. */
export interface PatchContext {
  /** The content cache the site was built with: updated with the edited files' parse. */
  readonly cache: ContentCache;
  /** The excerpt store the site renders with: updated with the edited scoops' excerpts. */
  readonly excerpts: ExcerptStore;
  /** Which routes reach which scoop in `site` (made by `routesByEntity` when not given). */
  readonly byEntity?: EntityRoutes | undefined;
  /** The current time: a scheduled scoop that has gone live since changes the lists. */
  readonly now: number;
}

/**
 * The site after some scoop files changed in ways that keep its shape (pure but for `ctx`'s
 * cache and excerpt store): each still parses without errors and keeps every field that decides
 * where it is listed (`listingShape`), so every list sorts, groups and paginates as before.
 * Then only the routes that show one of them change, found without planning again. Anything
 * else gives undefined: build it all again.
 */
export function patchSite(
  site: PlannedSite,
  changed: readonly SourceFile[],
  ctx: PatchContext,
): PatchedSite | undefined {
  if (site.stats.scheduled.some((s) => Date.parse(s.date) <= ctx.now)) return undefined;
  if (site.stats.nextIssueAt !== undefined && site.stats.nextIssueAt <= ctx.now) return undefined;
  const mentioned = new Set(
    [...site.diagnostics.site, ...site.diagnostics.plan].map((d) => d.file),
  );
  const parseCtx = { config: site.config, markdown: site.markdown };
  const replacements = new Map<Scoop, Scoop>();
  const updates: { path: string; version: string; parsed: ParsedContent }[] = [];
  for (const source of changed) {
    const before = site.versions.get(source.path);
    if (before === undefined) return undefined;
    const version = digest(source.bytes);
    if (version === before) continue;
    const old = site.scoopByFile.get(source.path);
    const cached = ctx.cache.files.get(source.path)?.parsed.entity;
    if (!old || cached?.kind !== "scoop" || mentioned.has(source.path)) return undefined;
    const parsed = parseFileSafely(source, parseCtx);
    if (parsed.entity?.kind !== "scoop" || hasErrors(parsed.diagnostics)) return undefined;
    // Compared as parsed, before assembling gave a scoop without a curator its topic's one.
    const fresh = parsed.entity.scoop;
    if (listingShape(fresh) !== listingShape(cached.scoop)) return undefined;
    // A new picture may be a local image whose size and copies the site has not made.
    if (fresh.image !== cached.scoop.image) return undefined;
    replacements.set(
      old,
      fresh.curatorId === old.curatorId ? fresh : { ...fresh, curatorId: old.curatorId },
    );
    updates.push({ path: source.path, version, parsed });
  }
  const byEntity = ctx.byEntity ?? routesByEntity(site.routes);
  if (updates.length === 0) return { site, changed: [], byEntity };

  const fileDiagnostics: [string, readonly Diagnostic[]][] = [];
  for (const u of updates) {
    const kept = keepExcerpt(u.parsed, ctx.excerpts);
    ctx.cache.files.set(u.path, { digest: u.version, parsed: kept });
    ctx.cache.dirty = true;
    fileDiagnostics.push([u.path, kept.diagnostics]);
  }
  // Layered, not copied: copying 10,000 files' entries cost each edit 4 ms.
  const files = LayeredMap.over(site.diagnostics.files).with(fileDiagnostics);
  const replaced = replaceScoops(site.routes, replacements, byEntity);
  return {
    site: {
      ...site,
      routes: replaced.routes,
      versions: LayeredMap.over(site.versions).with(updates.map((u) => [u.path, u.version])),
      scoopByFile: LayeredMap.over(site.scoopByFile).with(
        [...replacements].map(([old, fresh]) => [old.file, fresh]),
      ),
      diagnostics: { ...site.diagnostics, files },
    },
    changed: replaced.changed,
    byEntity: replaced.byEntity,
  };
}
