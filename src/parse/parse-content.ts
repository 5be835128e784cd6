import type { ContentSource, SourceFile } from "../load/read-sources.js";
import type { SiteConfig } from "../model.js";
import type { ContentCache } from "./content-cache.js";
import type { PluginRef } from "../load/markdown-plugins.js";
import { digest } from "../util/digest.js";
import type { ExcerptStore } from "../render/excerpt-store.js";
import type { ParseContext, ParsedContent } from "./content-file.js";
import { keepExcerpt } from "./content-file.js";
import { parseFileSafely } from "./parse-file-safely.js";

/**
 * Parses many files at once; what a large site passes in to use worker threads
 * (`src/large-site/parse-pool.ts`). It must give one result per file, in order, each passed
 * through `keep` as it arrives.
 */
export type ParseMany = (
  files: readonly SourceFile[],
  setup: ParseSetup,
  parseHere: (file: SourceFile) => ParsedContent,
  keep: (parsed: ParsedContent) => ParsedContent,
) => Promise<ParsedContent[]>;

/** What a parse worker needs to parse as this thread does: the config and the plugins to load. */
export interface ParseSetup {
  readonly config: SiteConfig;
  readonly plugins: readonly PluginRef[];
}

/** The content files' parse results, in the order of the sources, and their digests. */
export interface ParsedFiles {
  readonly parsed: readonly ParsedContent[];
  /** The digest of every content file's bytes, by path. */
  readonly versions: ReadonlyMap<string, string>;
}

/** What parsing content can be given besides the files. */
export interface ParseContentOptions {
  /** Excerpt HTML goes here as files are parsed. */
  readonly excerpts: ExcerptStore;
  /** Earlier parse results by file: unchanged files are not parsed again (read and updated). */
  readonly cache?: ContentCache | undefined;
  /** The key the cache must have to be used (Curio's version and the settings parsing uses). */
  readonly cacheKey: string;
  /** Parses the files the cache does not answer (default: here, one by one). */
  readonly parseMany?: ParseMany | undefined;
}

/**
 * Parses every content file: decode, front matter, schema, markdown, one file at a time and
 * independently of the others. Files whose bytes the cache knows are not parsed again.
 */
export async function parseContent(
  files: readonly ContentSource[],
  ctx: ParseContext,
  options: ParseContentOptions,
): Promise<ParsedFiles> {
  const { cache, excerpts } = options;
  if (cache && cache.key !== options.cacheKey) {
    cache.key = options.cacheKey;
    cache.files.clear();
    cache.dirty = true;
  }
  const versions = new Map<string, string>();
  const misses: SourceFile[] = [];
  for (const source of files) {
    const version = source.bytes ? digest(source.bytes) : source.digest;
    versions.set(source.path, version);
    const hit = cache?.files.get(source.path);
    if (hit && hit.digest === version) continue;
    if (!source.bytes) {
      // Only a rebuilder whose cache holds the file passes it without bytes.
      throw new Error(`${source.path} was passed without its bytes, and is not in the cache`);
    }
    misses.push(source);
  }
  const parseHere = (source: SourceFile) => parseFileSafely(source, ctx);
  const keep = (parsed: ParsedContent) => keepExcerpt(parsed, excerpts);
  const fresh = options.parseMany
    ? await options.parseMany(
        misses,
        { config: ctx.config, plugins: ctx.plugins ?? [] },
        parseHere,
        keep,
      )
    : misses.map((source) => keep(parseHere(source)));
  if (!cache) return { parsed: fresh, versions };

  misses.forEach((source, i) =>
    cache.files.set(source.path, { digest: versions.get(source.path)!, parsed: fresh[i]! }),
  );
  if (misses.length > 0) cache.dirty = true;
  for (const path of cache.files.keys()) {
    if (!versions.has(path)) {
      cache.files.delete(path);
      excerpts.delete(path);
      cache.dirty = true;
    }
  }
  return { parsed: files.map((source) => cache.files.get(source.path)!.parsed), versions };
}
