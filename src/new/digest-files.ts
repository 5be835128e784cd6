import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseFrontMatter, parseYamlFields } from "../parse/front-matter.js";
import { closest } from "../util/closest.js";
import { UserError } from "../util/user-error.js";
import { CONFIG_FILE, validateConfig } from "../parse/config-file.js";
import { urlKey } from "./url-key.js";

/**
 * What the `curio new` commands need to know about an existing digest: its topics, curators,
 * time zone and scoops, read from the files (never built).
 */

/** Topic ids: folders under `content/topics/` that have a `_topic.md`, sorted. */
export async function listTopics(root: string): Promise<string[]> {
  const dir = path.join(root, "content", "topics");
  const out: string[] = [];
  for (const name of await names(dir)) {
    if (await isFile(path.join(dir, name, "_topic.md"))) out.push(name);
  }
  return out.sort();
}

/** Curator ids: `content/curators/<id>.md`, sorted. */
export async function listCurators(root: string): Promise<string[]> {
  const dir = path.join(root, "content", "curators");
  const out: string[] = [];
  for (const name of await names(dir)) {
    if (name.endsWith(".md") && (await isFile(path.join(dir, name)))) out.push(name.slice(0, -3));
  }
  return out.sort();
}

/** The curator ids a topic's `_topic.md` names in `curators:` (a list, or one id). */
export async function topicCurators(root: string, topic: string): Promise<string[]> {
  const file = `content/topics/${topic}/_topic.md`;
  const text = await readFile(path.join(root, file), "utf8").catch(() => "");
  const value = parseFrontMatter(file, text).data.curators;
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((v) => typeof v === "string" || typeof v === "number").map(String);
}

/** What the `curio new` commands read from `curio.config.yml`. */
export interface AuthoringSettings {
  /** The site's time zone (UTC without a config). */
  readonly timezone: string;
  /** `defaults:`, the topic and curator to use when not told. */
  readonly defaults: { readonly topic?: string; readonly curator?: string };
  /** `sources:`, the feeds `curio inbox pull` watches. */
  readonly sources: readonly { readonly feed: string; readonly topic?: string }[];
}

/**
 * The settings new content files are written with, from `curio.config.yml`. A config with
 * errors is refused: the new file's date would be in the wrong zone.
 */
export async function authoringSettings(root: string): Promise<AuthoringSettings> {
  const file = path.join(root, CONFIG_FILE);
  if (!(await isFile(file))) return { timezone: "UTC", defaults: {}, sources: [] };
  const parsed = parseYamlFields(CONFIG_FILE, await readFile(file, "utf8"));
  const { config, diagnostics } = validateConfig(
    parsed.diagnostics.length ? undefined : parsed,
    {},
  );
  const problem = [...parsed.diagnostics, ...diagnostics].find((d) => d.severity === "error");
  if (problem || !config) {
    throw new UserError(
      `${CONFIG_FILE} has an error${problem ? ` (${problem.message})` : ""}: run \`curio check\` to see it`,
    );
  }
  return {
    timezone: config.timezone,
    defaults: config.defaults ?? {},
    sources: config.sources ?? [],
  };
}

/** The topic to use: the one named, else the config's `defaults.topic`, else the digest's only one. */
export async function chooseTopic(
  root: string,
  named: string | undefined,
  fallback?: string,
): Promise<string> {
  const topics = await listTopics(root);
  const given = named ?? fallback;
  if (given !== undefined) {
    if (topics.includes(given)) return given;
    const guess = closest(given, topics);
    throw new UserError(
      `no topic \`${given}\` (content/topics/${given}/_topic.md)${named === undefined ? `, named by \`defaults.topic\` in ${CONFIG_FILE}` : ""}${guess ? `: did you mean \`${guess}\`?` : ""}${listing("topics", topics)}`,
      2,
    );
  }
  if (topics.length === 1) return topics[0]!;
  if (topics.length === 0) {
    throw new UserError(
      "the digest has no topic yet (content/topics/<topic>/_topic.md): create one with `curio new topic <slug>`",
    );
  }
  throw new UserError(`choose a topic with --topic${listing("topics", topics)}`, 2);
}

/**
 * The curator to credit: the one named, else the config's `defaults.curator`, else the topic's
 * only curator, else the digest's only one.
 */
export async function chooseCurator(
  root: string,
  topic: string,
  named: string | undefined,
  fallback?: string,
): Promise<string> {
  const all = await listCurators(root);
  const check = (id: string, how: string): string => {
    if (all.includes(id)) return id;
    const guess = closest(id, all);
    throw new UserError(
      `no curator \`${id}\`${how} (content/curators/${id}.md)${guess ? `: did you mean \`${guess}\`?` : ""}${listing("curators", all)}`,
      how === "" ? 2 : 1,
    );
  };
  if (named !== undefined) return check(named, "");
  if (fallback !== undefined)
    return check(fallback, ` (named by \`defaults.curator\` in ${CONFIG_FILE})`);
  const ofTopic = await topicCurators(root, topic);
  if (ofTopic.length === 1)
    return check(ofTopic[0]!, ` (named in content/topics/${topic}/_topic.md)`);
  if (ofTopic.length > 1) {
    throw new UserError(
      `topic \`${topic}\` has ${ofTopic.length} curators: choose one with --curator${listing("curators", ofTopic)}`,
      2,
    );
  }
  if (all.length === 1) return all[0]!;
  if (all.length === 0) {
    throw new UserError(
      "the digest has no curator yet (content/curators/<id>.md): create one with `curio new curator <id>`",
    );
  }
  throw new UserError(`choose a curator with --curator${listing("curators", all)}`, 2);
}

/** The `url:` of every scoop file in a topic: root-relative path → url. */
export async function scoopUrls(root: string, topic: string): Promise<Map<string, string>> {
  const dir = `content/topics/${topic}`;
  const out = new Map<string, string>();
  for (const name of (await names(path.join(root, dir))).sort()) {
    if (!name.endsWith(".md") || name === "_topic.md") continue;
    const file = `${dir}/${name}`;
    const text = await readFile(path.join(root, file), "utf8").catch(() => "");
    const url = parseFrontMatter(file, text).data.url;
    if (typeof url === "string") out.set(file, url);
  }
  return out;
}

/**
 * Every scoop of the digest that has a `url:`, in every topic, by the link's normalised key
 * (`urlKey`): the root-relative file that has it. What import, the inbox and the scooping desk
 * check a new link against.
 */
export async function scoopedLinks(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const topic of await listTopics(root))
    for (const [file, url] of await scoopUrls(root, topic)) out.set(urlKey(url), file);
  return out;
}

/** "; topics: a, b" (or "" for none). */
function listing(what: string, ids: readonly string[]): string {
  return ids.length ? `; ${what}: ${ids.join(", ")}` : "";
}

async function names(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** True for an existing regular file. */
export async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
