import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

/** A file as read from disk: its path relative to the digest root (forward slashes) and bytes. */
export interface SourceFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

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
  readonly content: readonly SourceFile[];
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
  const configPath = path.join(root, "curio.config.yml");
  const config = (await isFile(configPath))
    ? { path: "curio.config.yml", bytes: await readFile(configPath) }
    : undefined;

  const content: SourceFile[] = [];
  const strays: string[] = [];
  const topicDirs: string[] = [];
  for (const name of await listDir(path.join(root, "content", "curators"))) {
    const rel = `content/curators/${name}`;
    if (name.endsWith(".md") && (await isFile(path.join(root, rel))))
      content.push(await readSource(root, rel));
  }
  for (const topic of await listDir(path.join(root, "content", "topics"))) {
    const dir = `content/topics/${topic}`;
    if (!(await isDirectory(path.join(root, dir)))) {
      if (topic.endsWith(".md")) strays.push(dir);
      continue;
    }
    topicDirs.push(dir);
    for (const name of await listDir(path.join(root, dir))) {
      const rel = `${dir}/${name}`;
      if (await isDirectory(path.join(root, rel))) {
        strays.push(...(await markdownBelow(root, rel)));
      } else if (name.endsWith(".md")) {
        content.push(await readSource(root, rel));
      }
    }
  }

  const themeFiles = new Map<string, ThemeFile>();
  const siteTemplates = path.join(root, "templates");
  for (const dir of [themeDir, siteTemplates]) {
    for (const name of await filesBelow(dir)) {
      const abs = path.join(dir, name);
      const rel = path.relative(root, abs);
      const shown =
        rel.startsWith("..") || path.isAbsolute(rel) ? `(default theme)/${name}` : toPosix(rel);
      themeFiles.set(name, { name, path: shown, bytes: await readFile(abs) });
    }
  }
  const statics: SourceFile[] = [];
  for (const name of await filesBelow(path.join(root, "static"))) {
    statics.push(await readSource(root, `static/${name}`));
  }
  return {
    root,
    statics,
    ...(config ? { config } : {}),
    content: content.sort(byPath),
    topicDirs: topicDirs.sort(),
    strays: strays.sort(),
    theme: [...themeFiles.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    ),
  };
}

async function readSource(root: string, rel: string): Promise<SourceFile> {
  return { path: rel, bytes: await readFile(path.join(root, rel)) };
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

function byPath(a: SourceFile, b: SourceFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
