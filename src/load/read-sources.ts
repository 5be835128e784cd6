import { realpathSync } from "node:fs";
import path from "node:path";
import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";
import { error, warning } from "../diagnostics/diagnostic.js";
import { fileTooLarge, MAX_FILE_BYTES } from "./file-limits.js";
import { FileRefused, inspect, isInside, namesIn, readRegularFile } from "./safe-files.js";
import { ICON_SOURCE, missingThemeIcons, THEME_ICONS } from "./theme-icons.js";

/** The config file's name, at the digest's root. */
export const CONFIG_FILE = "curio.config.yml";
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
  /**
   * Markdown under `content/curators/`, `content/topics/<topic>/` and its `digests/` (editor's
   * notes), sorted by path.
   */
  readonly content: readonly ContentSource[];
  /** Folders under `content/topics/`, as root-relative paths, sorted. */
  readonly topicDirs: readonly string[];
  /** Markdown files in places Curio does not read (reported as warnings). */
  readonly strays: readonly string[];
  /** Eta templates and theme assets: the default theme overridden by the site's `templates/`. */
  readonly theme: readonly ThemeFile[];
  /** Files under `static/` (images, CNAME, …), copied to the output as they are. */
  readonly statics: readonly SourceFile[];
  /**
   * What was not read, and why: links out of the digest, special files, names that are not
   * UTF-8, oversized content (errors for the config and content, warnings for the rest).
   */
  readonly problems: readonly Diagnostic[];
}

/** The default theme that ships with Curio. */
export const DEFAULT_THEME_DIR = path.resolve(import.meta.dirname, "..", "..", "templates");

/**
 * Reads a digest: the config, the content files and the theme (the default theme, with the
 * site's own `templates/` overriding any file by name). Only reads; never parses. Only regular
 * files whose real path is inside the digest (or the default theme) are read.
 */
export async function readSources(
  root: string,
  themeDir: string = DEFAULT_THEME_DIR,
): Promise<Sources> {
  const listing = await listSources(root, themeDir);
  const problems = [...listing.problems];
  const read = async (rels: readonly string[], limit: number, severity: Severity) => {
    const out: SourceFile[] = [];
    for (let i = 0; i < rels.length; i++) {
      if (i > 0 && i % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
      const rel = rels[i]!;
      const bytes = readChecked(path.join(root, rel), rel, limit, severity, problems);
      if (bytes) out.push({ path: rel, bytes });
    }
    return out;
  };
  const config = listing.config
    ? (await read([listing.config], MAX_FILE_BYTES, "error"))[0]
    : undefined;
  const content = await read(listing.content, MAX_FILE_BYTES, "error");
  const theme: ThemeFile[] = [];
  for (const t of listing.theme) {
    const bytes = readChecked(t.abs, t.path, Infinity, "warning", problems);
    if (bytes) theme.push({ name: t.name, path: t.path, bytes });
  }
  const drawn = await themeIcons(theme, problems);
  const themeFiles = drawn.length
    ? [...theme.filter((f) => !drawn.some((d) => d.name === f.name)), ...drawn]
    : theme;
  const statics = await read(listing.statics, Infinity, "warning");
  return {
    root,
    statics,
    ...(config ? { config } : {}),
    content,
    topicDirs: listing.topicDirs,
    strays: listing.strays,
    theme: themeFiles,
    problems,
  };
}

/**
 * Reads one file of the digest as `readSources` would (`curio serve` after a save): a regular
 * file whose real path is inside the digest, of at most `maxBytes`. Undefined for anything else,
 * which a full `readSources` then reports.
 */
export function readDigestFile(
  root: string,
  rel: string,
  maxBytes = Infinity,
): SourceFile | undefined {
  try {
    const real = realpathSync.native(path.join(root, rel));
    if (!isInside(real, realOrSelf(root))) return undefined;
    return { path: rel, bytes: readRegularFile(real, maxBytes) };
  } catch {
    return undefined;
  }
}

/** Reads one listed file, or records why it could not be read and gives undefined. */
function readChecked(
  abs: string,
  shown: string,
  limit: number,
  severity: Severity,
  problems: Diagnostic[],
): Uint8Array | undefined {
  try {
    return readRegularFile(abs, limit);
  } catch (e) {
    if (e instanceof FileRefused && e.size !== undefined) {
      problems.push(fileTooLarge(shown, e.size));
    } else {
      const reason =
        e instanceof FileRefused
          ? e.reason
          : `it cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
      problems.push(skipped(shown, reason, severity));
    }
    return undefined;
  }
}

/** The diagnostic for a file or folder that is not read. */
function skipped(shown: string, reason: string, severity: Severity): Diagnostic {
  return severity === "error"
    ? error(
        "unsafe-file",
        `this file is not read: ${reason}`,
        { file: shown },
        "make it a regular file inside the digest (copy the file instead of linking to it)",
      )
    : warning(
        "skipped-file",
        `this file is not published: ${reason}`,
        { file: shown },
        "make it a regular file inside the digest (copy the file instead of linking to it), or remove it",
      );
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
  /** What was left out while listing, and why. */
  readonly problems: readonly Diagnostic[];
}

/**
 * Names in `static/` that are never published: version-control folders, editors' and
 * systems' droppings, and environment files that hold secrets. Other dot-files (`.well-known/`,
 * `.nojekyll`, `.htaccess`) are published like any file.
 */
const NEVER_PUBLISHED =
  /^(\.git|\.svn|\.hg|\.DS_Store|\.gitignore|\.gitkeep|\.gitattributes|\.env(\..*)?|Thumbs\.db|desktop\.ini)$/;

/** Lists what `readSources` reads (the config, content, theme with overrides, static files). */
export async function listSources(
  root: string,
  themeDir: string = DEFAULT_THEME_DIR,
): Promise<SourceListing> {
  const problems: Diagnostic[] = [];
  const rootReal = realOrSelf(root);
  const walker = new Walker(root, rootReal, problems);
  let config: string | undefined;
  const configAt = inspect(path.join(root, CONFIG_FILE), rootReal);
  if (configAt.kind === "file") config = CONFIG_FILE;
  else if (configAt.kind === "skip" && !configAt.reason.startsWith("it cannot be read"))
    problems.push(skipped(CONFIG_FILE, configAt.reason, "error"));
  const content: string[] = [];
  const strays: string[] = [];
  const topicDirs: string[] = [];
  const markdown = (rel: string, name: string): boolean => {
    if (name.endsWith(".md")) return true;
    if (/\.md$/i.test(name)) {
      problems.push(
        warning(
          "stray-file",
          `this file is ignored: its extension is ${name.slice(-3)}, and Curio reads only .md files`,
          { file: rel },
          `rename it to ${name.slice(0, -3)}.md`,
        ),
      );
    }
    return false;
  };
  for (const entry of await walker.entries("content/curators", "error")) {
    if (entry.kind === "file" && markdown(entry.rel, entry.name)) content.push(entry.rel);
  }
  for (const topic of await walker.entries("content/topics", "error")) {
    if (topic.kind !== "dir") {
      if (markdown(topic.rel, topic.name)) strays.push(topic.rel);
      continue;
    }
    topicDirs.push(topic.rel);
    for (const entry of await walker.entries(topic.rel, "error")) {
      if (entry.kind === "dir" && entry.name === "digests") {
        // Editor's notes of the topic's digest issues: digests/<period>.md.
        for (const note of await walker.entries(entry.rel, "warning")) {
          if (note.kind === "file" && markdown(note.rel, note.name)) content.push(note.rel);
          else if (note.kind === "dir")
            for (const f of await walker.filesBelow(note.rel, "warning"))
              if (markdown(f, path.posix.basename(f))) strays.push(f);
        }
      } else if (entry.kind === "dir") {
        for (const f of await walker.filesBelow(entry.rel, "warning"))
          if (markdown(f, path.posix.basename(f))) strays.push(f);
      } else if (markdown(entry.rel, entry.name)) content.push(entry.rel);
    }
  }
  // The default theme first, then the digest's templates/, which override it by name.
  const theme = new Map<string, { name: string; path: string; abs: string }>();
  const themeReal = realOrSelf(themeDir);
  const themeShown = isInside(themeReal, rootReal)
    ? toPosix(path.relative(root, themeDir))
    : "(default theme)";
  for (const name of await new Walker(themeDir, themeReal, problems).filesBelow(
    "",
    "warning",
    themeShown === "" ? undefined : themeShown,
  )) {
    const shown = themeShown === "" ? name : `${themeShown}/${name}`;
    theme.set(name, { name, path: shown, abs: path.join(themeDir, name) });
  }
  for (const rel of await walker.filesBelow("templates", "warning")) {
    const name = rel.slice("templates/".length);
    theme.set(name, { name, path: rel, abs: path.join(root, rel) });
  }
  const statics = await walker.filesBelow("static", "warning", undefined, NEVER_PUBLISHED);
  return {
    ...(config ? { config } : {}),
    content: content.sort(),
    topicDirs: topicDirs.sort(),
    strays: strays.sort(),
    theme: [...theme.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    statics,
    problems,
  };
}

/** One entry of a listed folder. */
interface Entry {
  readonly kind: "file" | "dir";
  readonly name: string;
  /** Relative to the walker's base, forward slashes. */
  readonly rel: string;
}

/**
 * Walks folders below a base (the digest, or the default theme), reading only regular files and
 * folders whose real paths stay inside the base's real path, never visiting a folder twice (so
 * link loops end), and recording everything it leaves out.
 */
class Walker {
  private readonly visited = new Set<string>();

  constructor(
    private readonly base: string,
    private readonly baseReal: string,
    private readonly problems: Diagnostic[],
  ) {}

  /**
   * The entries of the folder `rel` (dot-files left out unless `keepDots`), files and folders
   * only; the folder itself and each entry are checked. `shownBase` replaces `rel` in messages.
   */
  async entries(
    rel: string,
    severity: Severity,
    options: { keepDots?: boolean; shownBase?: string | undefined; never?: RegExp } = {},
  ): Promise<Entry[]> {
    const abs = rel === "" ? this.base : path.join(this.base, ...rel.split("/"));
    const shown = (r: string) =>
      options.shownBase === undefined ? r : `${options.shownBase}${r === "" ? "" : `/${r}`}`;
    if (rel !== "") {
      const self = inspect(abs, this.baseReal);
      if (self.kind === "skip") {
        if (!self.reason.startsWith("it cannot be read (ENOENT"))
          this.problems.push(skipped(shown(rel), self.reason, severity));
        return [];
      }
      if (self.kind === "file") return [];
      if (this.visited.has(self.real)) {
        this.problems.push(
          skipped(shown(rel), "it is a link to a folder already read (a loop)", "warning"),
        );
        return [];
      }
      this.visited.add(self.real);
    }
    const out: Entry[] = [];
    for (const n of await namesIn(abs)) {
      if (!n.ok) {
        this.problems.push(
          skipped(shown(join(rel, n.shown)), "its name is not valid UTF-8", "warning"),
        );
        continue;
      }
      const name = n.name;
      if (!options.keepDots && name.startsWith(".")) continue;
      if (options.never?.test(name)) continue;
      const childRel = join(rel, name);
      // A regular file in a folder already checked is inside the base: no stat needed (10,000
      // lstat calls were 0.2 s of a build). Links and anything else are looked at closely.
      if (n.regular) {
        out.push({ kind: "file", name, rel: childRel });
        continue;
      }
      const child = inspect(path.join(abs, name), this.baseReal);
      if (child.kind === "skip") {
        this.problems.push(skipped(shown(childRel), child.reason, severity));
        continue;
      }
      out.push({ kind: child.kind, name, rel: childRel });
    }
    return out;
  }

  /** Every file below the folder `rel`, as base-relative forward-slash paths, sorted. */
  async filesBelow(
    rel: string,
    severity: Severity,
    shownBase?: string,
    never?: RegExp,
  ): Promise<string[]> {
    const out: string[] = [];
    const keepDots = never !== undefined;
    const options = { keepDots, shownBase, ...(never ? { never } : {}) };
    for (const e of await this.entries(rel, severity, options)) {
      if (e.kind === "dir") out.push(...(await this.filesBelow(e.rel, severity, shownBase, never)));
      else out.push(e.rel);
    }
    return out.sort();
  }
}

function join(rel: string, name: string): string {
  return rel === "" ? name : `${rel}/${name}`;
}

function realOrSelf(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return path.resolve(p);
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

/** The PNG icons drawn from the theme's mark, when it needs them; a warning if they cannot be. */
async function themeIcons(
  theme: readonly ThemeFile[],
  problems: Diagnostic[],
): Promise<ThemeFile[]> {
  try {
    return await missingThemeIcons(theme);
  } catch (e) {
    problems.push(
      warning(
        "icons-not-drawn",
        `the PNG icons could not be drawn from ${ICON_SOURCE}: ${(e as Error).message}`,
        { file: theme.find((f) => f.name === ICON_SOURCE)?.path ?? ICON_SOURCE },
        `make ${ICON_SOURCE} a valid SVG, or put the PNG icons (${Object.keys(THEME_ICONS).join(", ")}) beside it`,
      ),
    );
    return [];
  }
}
