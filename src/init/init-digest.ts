import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { requireSlug } from "../new/new-topic.js";
import { isKnownZone } from "../util/site-date.js";
import { UserError } from "../util/user-error.js";
import { curioVersion } from "../version.js";
import type { ScaffoldOptions } from "./scaffold.js";
import { scaffold } from "./scaffold.js";

/** What `curio init` was asked for. */
export interface InitOptions {
  /** The new digest's folder, absolute; it is created when missing. */
  readonly dir: string;
  readonly title?: string;
  readonly topic?: string;
  readonly curator?: string;
  /** How package.json asks for Curio (default `^<version>`). */
  readonly curioSpec?: string;
  /** Write into a folder that is not empty (existing files are still never overwritten). */
  readonly force?: boolean;
  /** The site's time zone (default: this machine's, or UTC). */
  readonly timezone?: string;
  readonly now: number;
}

/** What `curio init` did: the files written and the ones that existed already (with --force). */
export interface InitResult {
  readonly written: readonly string[];
  readonly kept: readonly string[];
}

/**
 * Scaffolds a new digest into a folder: refuses a folder that is not empty unless `force`,
 * and never overwrites a file, even then.
 */
export async function initDigest(options: InitOptions): Promise<InitResult> {
  if (options.topic !== undefined) requireSlug(options.topic, "topic");
  if (options.curator !== undefined) requireSlug(options.curator, "curator");
  const dir = options.dir;
  let existing: string[] = [];
  try {
    existing = await readdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR") throw new UserError(`${dir} is a file, not a folder`);
    if (code !== "ENOENT") throw e;
  }
  if (existing.length > 0 && !options.force) {
    throw new UserError(
      `${dir} is not empty: choose a new folder, or pass --force to add the files that are missing (none is overwritten)`,
    );
  }
  const files = scaffold({
    folderName: path.basename(dir),
    title: options.title,
    topic: options.topic,
    curator: options.curator,
    curioSpec: options.curioSpec ?? `^${curioVersion()}`,
    timezone: options.timezone ?? machineTimezone(),
    now: options.now,
  } satisfies ScaffoldOptions);
  const written: string[] = [];
  const kept: string[] = [];
  for (const file of files) {
    const abs = path.join(dir, ...file.path.split("/"));
    await mkdir(path.dirname(abs), { recursive: true });
    try {
      await writeFile(abs, file.content, { flag: "wx" });
      written.push(file.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      kept.push(file.path);
    }
  }
  return { written, kept };
}

/** This machine's IANA time zone, or UTC when it has none Curio knows. */
export function machineTimezone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isKnownZone(zone) ? zone : "UTC";
}
