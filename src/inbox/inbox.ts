import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { writeAtomically } from "../util/cache-files.js";
import { UserError } from "../util/user-error.js";
import { isHttpUrl } from "../util/safe-url.js";
import {
  authoringSettings,
  chooseCurator,
  chooseTopic,
  scoopedLinks,
} from "../new/digest-files.js";
import type { FetchPageOptions } from "../new/fetch-page.js";
import { writeNew } from "../new/new-scoop.js";
import { scoopFile, titleFromUrl } from "../new/scoop-file.js";
import { urlKey, withoutTracking } from "../new/url-key.js";
import { partsOf, readSource } from "../import/import-scoops.js";
import { readItems } from "../import/read-items.js";

/** The folder of candidates, at the digest's root: never read by a build, never published. */
export const INBOX_DIR = "inbox";
const DROPPED = "dropped.json";

/** A link a watched feed brought, waiting for the curator to take or drop it. */
export interface Candidate {
  /** Short and stable: from the link, so the same link always has the same id. */
  readonly id: string;
  readonly topic: string;
  /** The feed it came from. */
  readonly feed: string;
  readonly url: string;
  readonly title: string;
  /** As the feed dated it, with its offset; none when it did not. */
  readonly date?: string;
  readonly tags: readonly string[];
  /** The item's content as a markdown excerpt. */
  readonly excerpt: string;
  readonly insight?: string;
}

/** What `pullInbox` did. */
export interface PullReport {
  readonly added: readonly Candidate[];
  /** Items already scooped, already waiting, or dropped before. */
  readonly known: number;
  /** Feeds that could not be read, and why. */
  readonly failures: readonly { readonly feed: string; readonly reason: string }[];
}

/** A link's candidate id: 10 hex digits of a digest of its normalised form. */
export function candidateId(url: string): string {
  return createHash("sha256").update(urlKey(url)).digest("hex").slice(0, 10);
}

/**
 * Fetches every feed of `sources:` (within the same limits as `curio import`) and keeps each new
 * item as a candidate in `inbox/<id>.json`. Idempotent: a link already scooped in any topic,
 * already waiting, or dropped before is not added again. A feed that fails is reported and the
 * others are still read.
 */
export async function pullInbox(
  root: string,
  deps: { readonly fetch?: FetchPageOptions },
): Promise<PullReport> {
  const { defaults, sources } = await authoringSettings(root);
  if (sources.length === 0)
    throw new UserError(
      "no feeds to watch: list them in curio.config.yml, e.g.\n  sources:\n    - { feed: https://example.org/feed.xml, topic: my-topic }",
    );
  const scooped = await scoopedLinks(root);
  const waiting = new Set((await listInbox(root)).map((c) => c.id));
  const dropped = await droppedIds(root);
  const added: Candidate[] = [];
  const failures: { feed: string; reason: string }[] = [];
  let known = 0;
  await mkdir(path.join(root, INBOX_DIR), { recursive: true });
  for (const source of sources) {
    const topic = await chooseTopic(root, source.topic, defaults.topic);
    if (!isHttpUrl(source.feed)) {
      failures.push({ feed: source.feed, reason: "not an http(s) address" });
      continue;
    }
    let items;
    try {
      items = readItems(
        await readSource({ source: source.feed, cwd: root }, deps),
        source.feed,
      ).items;
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      failures.push({
        feed: source.feed,
        reason: e.message.replace(/[:;] nothing was imported$/, ""),
      });
      continue;
    }
    for (const item of items) {
      const id = candidateId(item.url);
      if (scooped.has(urlKey(item.url)) || waiting.has(id) || dropped.has(id)) {
        known++;
        continue;
      }
      const parts = partsOf(item);
      const candidate: Candidate = {
        id,
        topic,
        feed: source.feed,
        url: withoutTracking(item.url),
        title: item.title?.trim() || titleFromUrl(item.url),
        ...(item.date === undefined ? {} : { date: item.date }),
        tags: item.tags,
        excerpt: parts.excerpt,
        ...(parts.insight === undefined ? {} : { insight: parts.insight }),
      };
      await writeFile(
        path.join(root, INBOX_DIR, `${id}.json`),
        `${JSON.stringify(candidate, null, 2)}\n`,
        { flag: "wx" },
      );
      waiting.add(id);
      added.push(candidate);
    }
  }
  return { added, known, failures };
}

/** The candidates waiting, newest first. */
export async function listInbox(root: string): Promise<Candidate[]> {
  const dir = path.join(root, INBOX_DIR);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const out: Candidate[] = [];
  for (const name of names) {
    if (!/^[0-9a-f]{10}\.json$/.test(name)) continue;
    try {
      out.push(JSON.parse(await readFile(path.join(dir, name), "utf8")) as Candidate);
    } catch {
      // A file someone broke by hand: left alone, not listed.
    }
  }
  return out.sort((a, b) => (b.date ?? "").localeCompare(a.date ?? "") || a.id.localeCompare(b.id));
}

/** What `takeCandidate` writes the scoop with. */
export interface TakeOptions {
  readonly insight?: string;
  readonly tags?: readonly string[];
  readonly curator?: string;
  readonly draft?: boolean;
}

/**
 * Turns a candidate into a scoop of its topic (the insight and tags given, its own tags when no
 * tags are given) and takes it out of the inbox. Returns the new file's path.
 */
export async function takeCandidate(
  root: string,
  id: string,
  options: TakeOptions,
  deps: { readonly now: () => number },
): Promise<string> {
  const candidate = await findCandidate(root, id);
  const { timezone, defaults } = await authoringSettings(root);
  const topic = await chooseTopic(root, candidate.topic);
  const curator = await chooseCurator(root, topic, options.curator, defaults.curator);
  const now = deps.now();
  const insight = options.insight ?? candidate.insight;
  const file = scoopFile({
    url: candidate.url,
    curator,
    now,
    timezone,
    metadata: {
      title: candidate.title,
      ...(candidate.date === undefined ? {} : { published: candidate.date }),
    },
    tags: options.tags ?? candidate.tags,
    draft: options.draft ?? false,
    // A scoop is dated when it is scooped; the article's own date is `published`.
    date: DateTime.fromMillis(now, { zone: timezone }).toFormat("yyyy-MM-dd'T'HH:mm"),
    excerpt: candidate.excerpt,
    ...(insight === undefined ? {} : { insight }),
  });
  const dir = path.join(root, "content", "topics", topic);
  await mkdir(dir, { recursive: true });
  const written = await writeNew(dir, file.fileName, file.text);
  await rm(path.join(root, INBOX_DIR, `${candidate.id}.json`), { force: true });
  return written;
}

/** Forgets a candidate for good: it is deleted, and its link never comes back. */
export async function dropCandidate(root: string, id: string): Promise<Candidate> {
  const candidate = await findCandidate(root, id);
  const dropped = await droppedIds(root);
  dropped.add(candidate.id);
  await writeAtomically(
    path.join(root, INBOX_DIR, DROPPED),
    `${JSON.stringify([...dropped].sort(), null, 1)}\n`,
  );
  await rm(path.join(root, INBOX_DIR, `${candidate.id}.json`), { force: true });
  return candidate;
}

/** The candidate with this id, or the only one whose id starts with it. */
async function findCandidate(root: string, id: string): Promise<Candidate> {
  const all = await listInbox(root);
  const exact = all.find((c) => c.id === id);
  if (exact) return exact;
  const matches = id.length >= 3 ? all.filter((c) => c.id.startsWith(id)) : [];
  if (matches.length === 1) return matches[0]!;
  throw new UserError(
    matches.length > 1
      ? `\`${id}\` starts ${matches.length} candidates' ids: give more of it (\`curio inbox\` lists them)`
      : `no candidate \`${id}\` in ${INBOX_DIR}/: \`curio inbox\` lists them`,
    2,
  );
}

async function droppedIds(root: string): Promise<Set<string>> {
  try {
    const list = JSON.parse(await readFile(path.join(root, INBOX_DIR, DROPPED), "utf8")) as unknown;
    return new Set(
      Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : [],
    );
  } catch {
    return new Set();
  }
}
