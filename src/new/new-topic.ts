import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";
import { isSlug, toSlug } from "../util/slug.js";
import { UserError } from "../util/user-error.js";
import { isFile, listCurators } from "./digest-files.js";

/** What `curio new topic` was asked for. */
export interface NewTopicOptions {
  /** The digest's folder, absolute. */
  readonly root: string;
  /** The topic's id: its folder name and URL. */
  readonly slug: string;
  /** Default: the slug in Title Case. */
  readonly title?: string;
  readonly curators?: readonly string[];
}

/**
 * Writes `content/topics/<slug>/_topic.md` with a title and the topic's curators (or an empty
 * list and a comment saying what goes there) and returns its absolute path. Refuses an id that
 * is not a slug, a topic that exists, and curators the digest does not have.
 */
export async function newTopic(options: NewTopicOptions): Promise<string> {
  const { root, slug } = options;
  requireSlug(slug, "topic");
  const file = path.join(root, "content", "topics", slug, "_topic.md");
  if (await isFile(file)) {
    throw new UserError(`topic \`${slug}\` already exists: content/topics/${slug}/_topic.md`);
  }
  const curators = options.curators ?? [];
  const known = await listCurators(root);
  for (const id of curators) {
    if (!known.includes(id)) {
      throw new UserError(
        `no curator \`${id}\` (content/curators/${id}.md): create it first with \`curio new curator ${id}\``,
        2,
      );
    }
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, topicText(options.title ?? titleCase(slug), curators), { flag: "wx" });
  return file;
}

/** The text of a new `_topic.md`. */
export function topicText(title: string, curators: readonly string[]): string {
  const list = curators.length
    ? `curators: [${curators.join(", ")}]`
    : "curators: [] # the ids of its curators, e.g. [ann, bo]";
  return [
    "---",
    stringify({ title }, { lineWidth: 0 }).trimEnd(),
    "# description: one sentence on what this topic collects, for its card and feeds",
    list,
    "---",
    "",
  ].join("\n");
}

/** Refuses an id that is not a slug, suggesting the slug it would make. */
export function requireSlug(id: string, what: "topic" | "curator"): void {
  if (isSlug(id)) return;
  const suggestion = toSlug(id);
  throw new UserError(
    `\`${id}\` is not a valid ${what} id: use lowercase letters, digits and hyphens${suggestion ? `, e.g. \`${suggestion}\`` : ""}`,
    2,
  );
}

/** "my-topic" → "My Topic". */
export function titleCase(slug: string): string {
  return slug
    .split("-")
    .filter((w) => w !== "")
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(" ");
}
