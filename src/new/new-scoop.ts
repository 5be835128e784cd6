import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { isHttpUrl } from "../util/safe-url.js";
import { UserError } from "../util/user-error.js";
import { authoringSettings, chooseCurator, chooseTopic, scoopUrls } from "./digest-files.js";
import type { FetchPageOptions } from "./fetch-page.js";
import { fetchPage } from "./fetch-page.js";
import type { PageMetadata } from "./page-metadata.js";
import { pageMetadata } from "./page-metadata.js";
import { readImage, saveImage } from "./scoop-image.js";
import { scoopFile, scoopSlug } from "./scoop-file.js";
import { urlKey, withoutTracking } from "./url-key.js";

/** What `curio new scoop` was asked for. */
export interface NewScoopOptions {
  /** The digest's folder, absolute. */
  readonly root: string;
  /** The article's address (http or https). */
  readonly url: string;
  readonly topic?: string;
  readonly curator?: string;
  /** Do not fetch the page: write a skeleton with the URL. */
  readonly offline?: boolean;
  /** Save the page's image under `static/images/` and point `image:` at it. */
  readonly saveImage?: boolean;
  /** The curator's insight (markdown), written under `## Insight`. */
  readonly insight?: string;
  readonly tags?: readonly string[];
  /** Mark the scoop `draft: true` (it is not published until that line goes). */
  readonly draft?: boolean;
}

/** What `curio new scoop` depends on: the clock and how pages are fetched. */
export interface NewScoopDeps {
  readonly now: () => number;
  readonly fetch?: FetchPageOptions;
}

/** The outcome: a file written (from the page, or a skeleton), or the scoop that already exists. */
export type NewScoopResult =
  | {
      readonly status: "written";
      /** The new file, absolute. */
      readonly path: string;
      /** Whether the page was read; when not, `reason` says why ("offline: wrote a skeleton"). */
      readonly fetched: boolean;
      /** The page could not be read: the skeleton was written as a draft (a failure to report). */
      readonly failed: boolean;
      readonly reason?: string;
      /** Why the page's image was not measured or saved, when it was not. */
      readonly imageReason?: string;
      /** Where the image was saved (absolute), with `saveImage`. */
      readonly savedImage?: string;
    }
  | {
      readonly status: "duplicate";
      /** The file that already has this URL, absolute. */
      readonly path: string;
    };

/**
 * Scoops a URL into a topic: checks the URL, picks the topic and curator, refuses a URL the
 * topic already has, reads the page's metadata (unless offline) and writes a new scoop file,
 * never overwriting one (`-2`, `-3`… are added to the slug). The page's image is read for its
 * size (and saved under `static/images/` with `saveImage`). When the page cannot be read, it
 * writes a skeleton with the URL as a draft, and says why (`failed`: the command exits non-zero,
 * and the skeleton is not published by accident). Problems the user can fix are `UserError`s.
 */
export async function newScoop(
  options: NewScoopOptions,
  deps: NewScoopDeps,
): Promise<NewScoopResult> {
  const given = options.url.trim();
  if (!isHttpUrl(given) || !canParse(given)) {
    throw new UserError(
      `\`${options.url}\` is not a web address: give the article's full http(s) URL, e.g. https://example.org/article`,
      2,
    );
  }
  const root = options.root;
  const { timezone, defaults } = await authoringSettings(root);
  const topic = await chooseTopic(root, options.topic, defaults.topic);
  const curator = await chooseCurator(root, topic, options.curator, defaults.curator);
  const existing = await scoopUrls(root, topic);
  const scoopedIn = (url: string): string | undefined => {
    const key = urlKey(url);
    for (const [file, u] of existing) if (urlKey(u) === key) return path.join(root, file);
    return undefined;
  };

  const before = scoopedIn(given);
  if (before !== undefined) return { status: "duplicate", path: before };

  let url = withoutTracking(given);
  let metadata: PageMetadata | undefined;
  let reason: string | undefined;
  if (options.offline) {
    reason = "offline: wrote a skeleton";
  } else {
    const page = await fetchPage(given, deps.fetch);
    if (page.ok) {
      metadata = pageMetadata(page.html, page.url);
      url = withoutTracking(articleUrl(metadata.canonical, page.url));
      const after = scoopedIn(url);
      if (after !== undefined) return { status: "duplicate", path: after };
    } else {
      reason = `fetch failed: ${page.reason}; wrote a skeleton with the URL, as a draft (remove \`draft: true\` once it is filled in)`;
    }
  }

  let image: { width: number; height: number; saved?: string } | undefined;
  let imageReason: string | undefined;
  if (metadata?.image !== undefined) {
    const read = await readImage(metadata.image, deps.fetch);
    if (!read.ok) {
      imageReason = `image not read (${read.reason}): wrote its URL without its size`;
    } else {
      image = { width: read.width, height: read.height };
      if (options.saveImage) {
        const saved = await saveImage(root, scoopSlug(url, metadata), read);
        if (saved.ok) image.saved = saved.sitePath;
        else imageReason = `image not saved (${saved.reason}): kept its URL`;
      }
    }
  } else if (options.saveImage && metadata !== undefined) {
    imageReason = "the page names no image: nothing saved";
  }

  const failed = !options.offline && metadata === undefined;
  const file = scoopFile({
    url,
    curator,
    now: deps.now(),
    timezone,
    metadata,
    image,
    ...(options.insight === undefined ? {} : { insight: options.insight }),
    ...(options.tags === undefined ? {} : { tags: options.tags }),
    draft: (options.draft ?? false) || failed,
  });
  const dir = path.join(root, "content", "topics", topic);
  await mkdir(dir, { recursive: true });
  const written = await writeNew(dir, file.fileName, file.text);
  return {
    status: "written",
    path: written,
    fetched: metadata !== undefined,
    failed,
    ...(reason === undefined ? {} : { reason }),
    ...(imageReason === undefined ? {} : { imageReason }),
    ...(image?.saved === undefined ? {} : { savedImage: path.join(root, "static", image.saved) }),
  };
}

/**
 * The address to keep for the article: the page's canonical URL when it is on the same site
 * as the page that was read (a canonical elsewhere is more often a mistake than a move; and
 * never downgraded from https), otherwise the address the redirects ended at.
 */
export function articleUrl(canonical: string | undefined, finalUrl: string): string {
  if (canonical === undefined) return finalUrl;
  const c = new URL(canonical);
  const f = new URL(finalUrl);
  const host = (u: URL) => u.hostname.toLowerCase().replace(/^www\./, "");
  if (host(c) !== host(f)) return finalUrl;
  // A page read over https that names an http canonical still lives at https.
  if (c.protocol === "http:" && f.protocol === "https:") c.protocol = "https:";
  return c.href;
}

/** Writes a file that does not exist yet: `name.md`, else `name-2.md`, `name-3.md`… */
export async function writeNew(dir: string, fileName: string, text: string): Promise<string> {
  const stem = fileName.replace(/\.md$/, "");
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, n === 1 ? fileName : `${stem}-${n}.md`);
    try {
      await writeFile(candidate, text, { flag: "wx" });
      return candidate;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || n >= 1000) throw e;
    }
  }
}

function canParse(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}
