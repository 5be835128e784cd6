import type { Dirent } from "node:fs";
import { readFileSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

/** A file as read from disk: its path relative to the digest root (forward slashes) and bytes. */
export interface SourceFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/**
 * A content file known only by its digest: its bytes were parsed and the result is in the
 * content cache, so a builder that keeps its sources between builds need not keep the bytes.
 */
export interface DigestedFile {
  readonly path: string;
  readonly digest: string;
  readonly bytes?: undefined;
}

/** A content file as a build gets it: read, or (parsed and cached before) only digested. */
export type ContentSource = SourceFile | DigestedFile;

/** A theme file: its name inside the templates folder (`scoop.eta`, `assets/style.css`). */
export interface ThemeFile extends SourceFile {
  readonly name: string;
}

/** Everything a build reads, gathered in one place before the pure stages run. */
export interface Sources {
  readonly root: string;
  /** `curio.config.yml`, when there is one. */
  readonly config?: SourceFile;
  /** Markdown under `content/curators/` and `content/topics/<topic>/`, sorted by path. */
  readonly content: readonly ContentSource[];
  /** Folders under `content/topics/`, as root-relative paths, sorted. */
  readonly topicDirs: readonly string[];
  /** Markdown files in places Curio does not read (reported as warnings). */
  readonly strays: readonly string[];
  /** Eta templates and theme assets: the default theme overridden by the site's `templates/`. */
  readonly theme: readonly ThemeFile[];
  /** Files under `static/` (images, CNAME, …), copied to the output as they are. */
  readonly statics: readonly SourceFile[];
}

/** The default theme that ships with Curio. */
export const DEFAULT_THEME_DIR = path.resolve(import.meta.dirname, "..", "..", "templates");

/**
 * Reads a digest: the config, the content files and the theme (the default theme, with the
 * site's own `templates/` overriding any file by name). Only reads; never parses.
 */
export async function readSources(
  root: string,
  themeDir: string = DEFAULT_THEME_DIR,
): Promise<Sources> {
  const listing = await listSources(root, themeDir);
  const [config, content, theme, statics] = await Promise.all([
    listing.config ? readAll(root, [listing.config]).then((f) => f[0]) : undefined,
    readAll(root, listing.content),
    Promise.all(
      listing.theme.map(async (t) => ({
        name: t.name,
        path: t.path,
        bytes: await readFile(t.abs),
      })),
    ),
    readAll(root, listing.statics),
  ]);
  return {
    root,
    statics,
    ...(config ? { config } : {}),
    content,
    topicDirs: listing.topicDirs,
    strays: listing.strays,
    theme,
  };
}

/** Every file a build reads, without reading it: root-relative paths, sorted. */
export interface SourceListing {
  readonly config?: string;
  readonly content: readonly string[];
  readonly topicDirs: readonly string[];
  readonly strays: readonly string[];
  /** Theme files after overrides: name, shown path, absolute path. */
  readonly theme: readonly { readonly name: string; readonly path: string; readonly abs: string }[];
  readonly statics: readonly string[];
}

/** Lists what `readSources` reads (the config, content, theme with overrides, static files). */
export async function listSources(
  root: string,
  themeDir: string = DEFAULT_THEME_DIR,
): Promise<SourceListing> {
  const config = (await isFile(path.join(root, "curio.config.yml")))
    ? "curio.config.yml"
    : undefined;
  const content: string[] = [];
  const strays: string[] = [];
  const topicDirs: string[] = [];
  for (const entry of await listEntries(path.join(root, "content", "curators"))) {
    if (entry.name.endsWith(".md") && !entry.isDirectory())
      content.push(`content/curators/${entry.name}`);
  }
  for (const topic of await listEntries(path.join(root, "content", "topics"))) {
    const dir = `content/topics/${topic.name}`;
    const isDir =
      topic.isDirectory() || (topic.isSymbolicLink() && (await isDirectory(path.join(root, dir))));
    if (!isDir) {
      if (topic.name.endsWith(".md")) strays.push(dir);
      continue;
    }
    topicDirs.push(dir);
    for (const entry of await listEntries(path.join(root, dir))) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) strays.push(...(await markdownBelow(root, rel)));
      else if (entry.name.endsWith(".md")) content.push(rel);
    }
  }
  const theme = new Map<string, { name: string; path: string; abs: string }>();
  for (const dir of [themeDir, path.join(root, "templates")]) {
    for (const name of await filesBelow(dir)) {
      const abs = path.join(dir, name);
      const rel = path.relative(root, abs);
      const shown =
        rel.startsWith("..") || path.isAbsolute(rel) ? `(default theme)/${name}` : toPosix(rel);
      theme.set(name, { name, path: shown, abs });
    }
  }
  const statics = (await filesBelow(path.join(root, "static"))).map((name) => `static/${name}`);
  return {
    ...(config ? { config } : {}),
    content: content.sort(),
    topicDirs: topicDirs.sort(),
    strays: strays.sort(),
    theme: [...theme.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    statics,
  };
}

/**
 * Reads files in order: synchronously, in slices of 256 with a turn of the event loop between
 * them. For many small files that is several times faster than concurrent async reads (0.31 s
 * against 0.6 to 1.5 s for 10,000 scoops here), and a server in the same process is never held
 * up for long.
 */
async function readAll(root: string, rels: readonly string[]): Promise<SourceFile[]> {
  const out: SourceFile[] = new Array(rels.length);
  for (let i = 0; i < rels.length; i++) {
    if (i > 0 && i % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
    out[i] = { path: rels[i]!, bytes: readFileSync(path.join(root, rels[i]!)) };
  }
  return out;
}

/** A folder's entries (dot-files skipped), sorted by name; none when it does not exist. */
async function listEntries(dir: string): Promise<Dirent[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((e) => !e.name.startsWith("."))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return [];
    throw e;
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => !n.startsWith(".")).sort();
  } catch (e) {
    if (
      (e as NodeJS.ErrnoException).code === "ENOENT" ||
      (e as NodeJS.ErrnoException).code === "ENOTDIR"
    )
      return [];
    throw e;
  }
}

/** Every file below a folder, as forward-slash paths relative to it; dot-files skipped. */
async function filesBelow(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const name of await listDir(path.join(dir, prefix))) {
    const rel = prefix === "" ? name : `${prefix}/${name}`;
    if (await isDirectory(path.join(dir, rel))) out.push(...(await filesBelow(dir, rel)));
    else out.push(rel);
  }
  return out;
}

async function markdownBelow(root: string, rel: string): Promise<string[]> {
  return (await filesBelow(path.join(root, rel)))
    .filter((n) => n.endsWith(".md"))
    .map((n) => `${rel}/${n}`);
}

async function isFile(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isFile() ?? false;
}

async function isDirectory(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}
