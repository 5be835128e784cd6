import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { isHttpUrl } from "../util/safe-url.js";
import { UserError } from "../util/user-error.js";
import {
  authoringSettings,
  chooseCurator,
  chooseTopic,
  scoopedLinks,
} from "../new/digest-files.js";
import type { FetchPageOptions, WantedResource } from "../new/fetch-page.js";
import { decode, fetchBytes } from "../new/fetch-page.js";
import { writeNew } from "../new/new-scoop.js";
import { plainTextAsMarkdown, scoopFile, titleFromUrl } from "../new/scoop-file.js";
import { urlKey, withoutTracking } from "../new/url-key.js";
import type { ImportItem } from "./import-item.js";
import { readItems } from "./read-items.js";
import type { ScoopParts } from "./scoop-parts.js";
import { scoopParts } from "./scoop-parts.js";

/** What `curio import` was asked for. */
export interface ImportOptions {
  /** The digest's folder, absolute. */
  readonly root: string;
  /** A file (relative to `cwd`) or an http(s) URL. */
  readonly source: string;
  readonly cwd: string;
  readonly topic?: string;
  readonly curator?: string;
  /** List what would be written, and write nothing. */
  readonly dryRun?: boolean;
  /** Mark every imported scoop `draft: true`. */
  readonly draft?: boolean;
}

/** What `curio import` depends on: the clock and how a URL is fetched. */
export interface ImportDeps {
  readonly now: () => number;
  readonly fetch?: FetchPageOptions;
}

/** What an import did (or, with `dryRun`, would do). */
export interface ImportReport {
  /** The format the source was read as ("RSS 2.0"). */
  readonly format: string;
  readonly topic: string;
  /** New scoop files (absolute paths; with `dryRun`, the names they would get). */
  readonly written: readonly { readonly path: string; readonly title: string }[];
  /** Items whose link the digest already has (or that came twice), and where. */
  readonly duplicates: readonly { readonly title: string; readonly where: string }[];
  /** Items without a date, dated at the time of the import. */
  readonly undated: readonly string[];
  /** Items left out (no http(s) link). */
  readonly skipped: readonly string[];
}

/** Limits for an import fetched from a URL: feeds and exports are bigger than pages. */
const IMPORT_LIMITS = { timeoutMs: 30_000, maxBytes: 20 * 1024 * 1024 };

const ANY_FEED: WantedResource = {
  accept:
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1",
  accepts: () => true,
  what: "a feed",
  the: "the feed",
};

/**
 * Imports the links of a feed or an export into a topic, each as a new scoop file: the item's
 * link as `url`, its title (safe YAML, whatever it holds), its date with its offset, its
 * categories or tags, and its content as a clean markdown excerpt (with the insight, when the
 * content is a curated scoop's). Idempotent: an item whose link (normalised: scheme, host case,
 * `www.`, tracking parameters, fragment) any topic of the digest already has is skipped and
 * reported, so importing a feed every day adds only its new items. The source is read and
 * checked before anything is written; a source Curio cannot read is a `UserError`, and no file
 * is ever overwritten.
 */
export async function importScoops(
  options: ImportOptions,
  deps: ImportDeps,
): Promise<ImportReport> {
  const root = options.root;
  const { timezone, defaults } = await authoringSettings(root);
  const topic = await chooseTopic(root, options.topic, defaults.topic);
  const curator = await chooseCurator(root, topic, options.curator, defaults.curator);
  const shown = options.source;
  const text = await readSource(options, deps);
  const { format, items, skipped } = readItems(text, shown);

  const known = await scoopedLinks(root);

  const now = deps.now();
  const importedAt = DateTime.fromMillis(now, { zone: timezone }).toFormat("yyyy-MM-dd'T'HH:mmZZ");
  const planned: { fileName: string; text: string; title: string }[] = [];
  const duplicates: { title: string; where: string }[] = [];
  const undated: string[] = [];
  for (const item of items) {
    const title = item.title?.trim() || titleFromUrl(item.url);
    const key = urlKey(item.url);
    const before = known.get(key);
    if (before !== undefined) {
      duplicates.push({ title, where: before });
      continue;
    }
    known.set(key, `${item.where} of ${shown}`);
    if (item.date === undefined) undated.push(`${item.where} ("${title}")`);
    const parts = partsOf(item);
    const file = scoopFile({
      url: withoutTracking(item.url),
      curator,
      now,
      timezone,
      metadata: { title },
      tags: item.tags,
      draft: options.draft ?? false,
      date: item.date ?? importedAt,
      excerpt: parts.excerpt,
      ...(parts.insight === undefined ? {} : { insight: parts.insight }),
    });
    planned.push({ fileName: file.fileName, text: file.text, title });
  }

  const dir = path.join(root, "content", "topics", topic);
  const written: { path: string; title: string }[] = [];
  if (options.dryRun) {
    for (const p of planned) written.push({ path: path.join(dir, p.fileName), title: p.title });
  } else if (planned.length > 0) {
    await mkdir(dir, { recursive: true });
    for (const p of planned)
      written.push({ path: await writeNew(dir, p.fileName, p.text), title: p.title });
  }
  return { format, topic, written, duplicates, undated, skipped };
}

/** An item's body: its HTML as markdown (split into excerpt and insight), or its plain note. */
export function partsOf(item: ImportItem): ScoopParts {
  if (item.html !== undefined) return scoopParts(item.html);
  if (item.text !== undefined) return { excerpt: plainTextAsMarkdown(item.text) };
  return { excerpt: "" };
}

/** The source's text: a file, or a URL fetched within limits, decoded as it declares. */
export async function readSource(
  options: Pick<ImportOptions, "source" | "cwd">,
  deps: Pick<ImportDeps, "fetch">,
): Promise<string> {
  if (isHttpUrl(options.source)) {
    const fetched = await fetchBytes(options.source, ANY_FEED, { ...IMPORT_LIMITS, ...deps.fetch });
    if (!fetched.ok)
      throw new UserError(
        `could not read ${options.source}: ${fetched.reason}; nothing was imported`,
      );
    return decode(fetched.bytes, fetched.contentType);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(options.source))
    throw new UserError(
      `${options.source}: only http and https addresses can be imported (or a file)`,
      2,
    );
  let bytes: Buffer;
  try {
    bytes = await readFile(path.resolve(options.cwd, options.source));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code === "ENOENT"
        ? `no file ${options.source}: give a feed file, an export, or an http(s) URL`
        : `cannot read ${options.source} (${code ?? String(e)})`,
    );
  }
  return decode(bytes, "");
}
