import type { ParsedContent } from "./content-file.js";

/** One content file's parse result and the digest of the bytes it came from. */
export interface CachedParse {
  readonly digest: string;
  readonly parsed: ParsedContent;
}

/**
 * Parse results by file path, valid for one parse context (`key`: Curio's version and the
 * options that change parsing). Passed into the pipeline; the pipeline reads and updates it.
 */
export interface ContentCache {
  key: string;
  readonly files: Map<string, CachedParse>;
  /** Set when the pipeline changed the cache since it was last saved. */
  dirty?: boolean;
}

/** An empty cache. */
export function emptyContentCache(): ContentCache {
  return { key: "", files: new Map() };
}
