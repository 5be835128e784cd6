import type { Diagnostic, Position } from "../diagnostics/diagnostic.js";
import { error, warning } from "../diagnostics/diagnostic.js";
import type { Curator, DigestNote, Scoop, Topic } from "../model.js";
import type { FieldPosition } from "../parse/front-matter.js";
import { staticFileOf } from "../index/local-images.js";
import { closest } from "../util/closest.js";
import { foldTag, isSlug, toSlug } from "../util/slug.js";
import type { ParsedContent } from "../parse/content-file.js";

/** Which scoops a build publishes. */
export interface PublishOptions {
  /** Include scoops marked `draft: true`. */
  readonly drafts: boolean;
  /** Include scoops dated after `now`. */
  readonly future: boolean;
  /** The moment that decides what is "in the future", in ms since the epoch. */
  readonly now: number;
}

/** The site's content after cross-file checks: what gets published, and what was held back. */
export interface AssembledSite {
  readonly curators: readonly Curator[];
  readonly topics: readonly Topic[];
  /** Published scoops, each with its curator resolved. */
  readonly scoops: readonly Scoop[];
  /** Scoops dated in the future, left out (listed in the summary). */
  readonly scheduled: readonly Scoop[];
  /** Drafts left out. */
  readonly drafts: readonly Scoop[];
  /** Editor's notes of digest issues, by file. */
  readonly notes: readonly DigestNote[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Checks the rules that span files (known curators, one `_topic.md` per topic folder, unique
 * slugs, one pinned scoop per topic, tags that collide) and picks the scoops to publish.
 */
export function assembleSite(
  parsed: readonly ParsedContent[],
  topicDirs: readonly string[],
  strays: readonly string[],
  options: PublishOptions,
  statics: readonly string[] = [],
): AssembledSite {
  const diagnostics: Diagnostic[] = [];
  const positions = new Map<string, ReadonlyMap<string, FieldPosition>>();
  const curators: Curator[] = [];
  const topics: Topic[] = [];
  const candidates: Scoop[] = [];
  const notes: DigestNote[] = [];
  for (const p of parsed) {
    positions.set(p.file, p.positions);
    if (p.entity?.kind === "curator") curators.push(p.entity.curator);
    else if (p.entity?.kind === "topic") topics.push(p.entity.topic);
    else if (p.entity?.kind === "scoop") candidates.push(p.entity.scoop);
    else if (p.entity?.kind === "digest-note") notes.push(p.entity.note);
  }
  const at = (file: string, path: string, part: "key" | "value" = "value") =>
    positions.get(file)?.get(path)?.[part] ?? { line: 1, column: 1 };

  for (const stray of strays) {
    diagnostics.push(
      warning(
        "stray-file",
        "this markdown file is not in a place Curio reads, so it is ignored",
        { file: stray },
        "scoops go in content/topics/<topic>/, curators in content/curators/",
      ),
    );
  }

  // Topic folders: a slug name and a _topic.md.
  const files = new Set(parsed.map((p) => p.file));
  const filesIn = (dir: string) =>
    parsed.filter((p) => p.file.startsWith(`${dir}/`) && !p.file.endsWith("/_topic.md"));
  for (const dir of topicDirs) {
    const name = dir.slice(dir.lastIndexOf("/") + 1);
    if (!isSlug(name)) {
      const better = toSlug(name);
      diagnostics.push(
        error(
          "bad-id",
          `the topic folder name \`${name}\` is not usable in URLs`,
          { file: dir },
          better === ""
            ? "rename it with lowercase letters, digits and hyphens"
            : `rename the folder to \`${better}\``,
        ),
      );
    } else if (!files.has(`${dir}/_topic.md`) && filesIn(dir).length > 0) {
      diagnostics.push(
        error(
          "missing-topic-file",
          `the topic folder \`${name}\` has no _topic.md, so ${filesIn(dir).length === 1 ? "its scoop has" : `its ${filesIn(dir).length} scoops have`} no topic`,
          { file: dir },
          `create ${dir}/_topic.md with at least \`title: …\` in its front matter`,
        ),
      );
    }
  }

  const curatorIds = curators.map((c) => c.id);
  const knownCurator = (id: string) => curatorIds.includes(id);
  const unknownCurator = (id: string, file: string, position: Position): Diagnostic => {
    const guess = closest(id, curatorIds);
    const known =
      curatorIds.length === 0
        ? "there are no curator files yet"
        : `the known curators are ${curatorIds.join(", ")}`;
    return error(
      "unknown-curator",
      `unknown curator \`${id}\`${guess ? `: did you mean \`${guess}\`?` : ""}`,
      { file, position },
      `${known}; to add one, create content/curators/${id}.md with \`name: …\``,
    );
  };
  const used = new Set<string>();
  const topicById = new Map(topics.map((t) => [t.id, t]));

  for (const topic of topics) {
    topic.curatorIds.forEach((id, i) => {
      if (knownCurator(id)) used.add(id);
      else diagnostics.push(unknownCurator(id, topic.file, at(topic.file, `curators.${i}`)));
    });
  }

  // Scoops: resolve the curator, then the per-topic rules.
  const resolved: Scoop[] = [];
  for (const scoop of candidates) {
    const topic = topicById.get(scoop.topicId);
    if (!topic) continue; // reported on the topic folder
    let curatorId = scoop.curatorId;
    if (curatorId === undefined) {
      if (topic.curatorIds.length === 1) {
        curatorId = topic.curatorIds[0]!;
      } else {
        diagnostics.push(
          error(
            "missing-field",
            `missing required field \`curator\`: topic \`${topic.id}\` has ${topic.curatorIds.length === 0 ? "no curators" : `${topic.curatorIds.length} curators`}, so Curio cannot tell who scooped this`,
            { file: scoop.file, position: { line: 1, column: 1 } },
            `add a line \`curator: …\`${curatorIds.length ? ` (one of: ${curatorIds.join(", ")})` : ""}`,
          ),
        );
        continue;
      }
    } else if (!knownCurator(curatorId)) {
      diagnostics.push(unknownCurator(curatorId, scoop.file, at(scoop.file, "curator")));
      continue;
    }
    used.add(curatorId);
    resolved.push(curatorId === scoop.curatorId ? scoop : { ...scoop, curatorId });
  }

  const bySlug = new Map<string, Scoop>();
  const pinnedIn = new Map<string, Scoop>();
  const unique: Scoop[] = [];
  for (const scoop of resolved) {
    const first = bySlug.get(scoop.id);
    if (first) {
      diagnostics.push(
        error(
          "duplicate-slug",
          `two scoops in topic \`${scoop.topicId}\` have the slug \`${scoop.slug}\`: this file and ${first.file}`,
          {
            file: scoop.file,
            position: scoop.file.endsWith(`${scoop.slug}.md`)
              ? { line: 1, column: 1 }
              : at(scoop.file, "slug"),
          },
          "give one of them another file name or a different `slug:`",
        ),
      );
      continue;
    }
    bySlug.set(scoop.id, scoop);
    if (scoop.pinned && !scoop.draft) {
      const already = pinnedIn.get(scoop.topicId);
      if (already) {
        diagnostics.push(
          error(
            "multiple-pinned",
            `topic \`${scoop.topicId}\` has more than one pinned scoop: this one and ${already.file}`,
            { file: scoop.file, position: at(scoop.file, "pinned", "key") },
            "keep `pinned: true` on one scoop of the topic and remove it from the others",
          ),
        );
      } else {
        pinnedIn.set(scoop.topicId, scoop);
      }
    }
    unique.push(scoop);
  }

  diagnostics.push(...tagCollisions(unique, at));
  diagnostics.push(
    ...missingPictures(
      [
        ...unique.map((s) => ({ file: s.file, field: "image", url: s.image })),
        ...curators.map((c) => ({ file: c.file, field: "avatar", url: c.avatar })),
      ],
      new Set(statics),
      at,
    ),
  );

  for (const c of curators) {
    if (!used.has(c.id)) {
      diagnostics.push(
        warning(
          "unused-curator",
          `curator \`${c.id}\` is not named by any topic or scoop`,
          { file: c.file, position: { line: 1, column: 1 } },
          `add \`${c.id}\` to a topic's \`curators:\`, name them in a scoop's \`curator:\`, or delete the file`,
        ),
      );
    }
  }

  const scoops: Scoop[] = [];
  const scheduled: Scoop[] = [];
  const drafts: Scoop[] = [];
  for (const s of unique) {
    if (s.draft && !options.drafts) drafts.push(s);
    else if (s.date.epochMs > options.now && !options.future) scheduled.push(s);
    else scoops.push(s);
  }
  return { curators, topics, scoops, scheduled, drafts, notes, diagnostics };
}

/** A warning for each picture named by a site path that is no file under `static/`. */
function missingPictures(
  pictures: readonly { file: string; field: string; url: string | undefined }[],
  statics: ReadonlySet<string>,
  at: (file: string, path: string) => { line: number; column: number },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { file, field, url } of pictures) {
    const wanted = url === undefined ? undefined : staticFileOf(url);
    if (wanted === undefined || statics.has(wanted)) continue;
    out.push(
      warning(
        "image-not-found",
        `\`${field}\` is ${url}, but there is no ${wanted}, so the page shows a broken picture`,
        { file, position: at(file, field) },
        `put the picture at ${wanted}, or correct the path (it is relative to static/)`,
      ),
    );
  }
  return out;
}

/** Tags whose URL slug is the same but which are different tags (not just case/accents/spacing). */
function tagCollisions(
  scoops: readonly Scoop[],
  at: (file: string, path: string) => { line: number; column: number },
): Diagnostic[] {
  const bySlug = new Map<string, Map<string, { tag: string; scoop: Scoop; index: number }>>();
  for (const scoop of scoops) {
    scoop.tags.forEach((tag, index) => {
      const slug = toSlug(tag);
      const fold = foldTag(tag);
      const folds = bySlug.get(slug) ?? new Map();
      if (!folds.has(fold)) folds.set(fold, { tag, scoop, index });
      bySlug.set(slug, folds);
    });
  }
  const out: Diagnostic[] = [];
  for (const [slug, folds] of bySlug) {
    const firsts = [...folds.values()];
    if (slug === "") {
      for (const f of firsts) {
        out.push(
          error(
            "bad-tag",
            `tag ${JSON.stringify(f.tag)} has no letters or digits to make a URL from`,
            { file: f.scoop.file, position: at(f.scoop.file, `tags.${f.index}`) },
            "use a tag with letters or digits",
          ),
        );
      }
      continue;
    }
    if (firsts.length < 2) continue;
    const [first, ...others] = firsts;
    for (const other of others) {
      out.push(
        error(
          "tag-collision",
          `tags ${JSON.stringify(first!.tag)} (${first!.scoop.file}) and ${JSON.stringify(other.tag)} (${other.scoop.file}) would both be published at /tags/${slug}/`,
          { file: other.scoop.file, position: at(other.scoop.file, `tags.${other.index}`) },
          "rename one of the tags so they differ in letters or digits, or use the same tag in both files",
        ),
      );
    }
  }
  return out;
}
