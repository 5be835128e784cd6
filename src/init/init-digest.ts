import { execFileSync } from "node:child_process";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { toSlug } from "../util/slug.js";
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
  /**
   * How package.json asks for Curio. Default: `file:<path>` to this copy when it runs from a
   * clone (not from a `node_modules` folder), else `^<version>`.
   */
  readonly curioSpec?: string;
  /** The first curator's name when `curator` is not given (the CLI passes the user's git name). */
  readonly curatorName?: string;
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
  /** How the new package.json asks for Curio. */
  readonly curioSpec: string;
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
  const curioSpec = options.curioSpec ?? defaultCurioSpec(dir);
  // The first curator: as --curator names them, else after the user's git name.
  const name = options.curator === undefined ? options.curatorName : undefined;
  const fromName = name === undefined ? undefined : toSlug(name);
  const files = scaffold({
    folderName: path.basename(dir),
    title: options.title,
    topic: options.topic,
    curator: options.curator ?? (fromName || undefined),
    ...(fromName ? { curatorName: name! } : {}),
    curioSpec,
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
  return { written, kept, curioSpec };
}

/**
 * How a new digest in `dir` asks for this Curio: `file:<relative path>` when Curio runs from a
 * clone (its package is not inside a `node_modules` folder: the README's way, since Curio is not
 * on the npm registry), else `^<version>`.
 */
export function defaultCurioSpec(dir: string): string {
  const own = CURIO_ROOT;
  if (own.split(path.sep).includes("node_modules")) return `^${curioVersion()}`;
  const rel = path.relative(dir, own).split(path.sep).join("/");
  return `file:${rel === "" ? "." : rel}`;
}

/** The folder of Curio's own package (the one with its package.json). */
const CURIO_ROOT = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));

/**
 * The user's name as git knows it (`git config user.name`, read in `cwd` with the home folder
 * and git settings of `env`), if git is there and knows it.
 */
export function gitUserName(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): string | undefined {
  const settings = [
    "HOME",
    "XDG_CONFIG_HOME",
    "GIT_CONFIG_GLOBAL",
    "GIT_CONFIG_SYSTEM",
    "GIT_CONFIG_NOSYSTEM",
  ];
  try {
    const name = execFileSync("git", ["config", "user.name"], {
      cwd,
      encoding: "utf8",
      timeout: 2000,
      stdio: ["ignore", "pipe", "ignore"],
      env: {
        PATH: process.env.PATH,
        ...Object.fromEntries(settings.flatMap((k) => (env[k] === undefined ? [] : [[k, env[k]]]))),
      },
    }).trim();
    return name === "" ? undefined : name;
  } catch {
    return undefined;
  }
}

/** This machine's IANA time zone, or UTC when it has none Curio knows. */
export function machineTimezone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isKnownZone(zone) ? zone : "UTC";
}
