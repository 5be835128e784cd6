import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";
import { UserError } from "../util/user-error.js";
import { isFile } from "./digest-files.js";
import { requireSlug, titleCase } from "./new-topic.js";

/** What `curio new curator` was asked for. */
export interface NewCuratorOptions {
  /** The digest's folder, absolute. */
  readonly root: string;
  /** The curator's id: the file name and URL. */
  readonly id: string;
  /** Default: the id in Title Case. */
  readonly name?: string;
}

/**
 * Writes `content/curators/<id>.md` with a name (and the optional fields as comments) and
 * returns its absolute path. Refuses an id that is not a slug and a curator that exists.
 */
export async function newCurator(options: NewCuratorOptions): Promise<string> {
  const { root, id } = options;
  requireSlug(id, "curator");
  const file = path.join(root, "content", "curators", `${id}.md`);
  if (await isFile(file)) {
    throw new UserError(`curator \`${id}\` already exists: content/curators/${id}.md`);
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, curatorText(options.name ?? titleCase(id)), { flag: "wx" });
  return file;
}

/** The text of a new curator file; the body, left empty, is the bio. */
export function curatorText(name: string): string {
  return [
    "---",
    stringify({ name }, { lineWidth: 0 }).trimEnd(),
    "# url: https://your.site/",
    "# avatar: https://your.site/photo.jpg",
    "---",
    "",
  ].join("\n");
}
