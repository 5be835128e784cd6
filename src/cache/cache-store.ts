import { readFile } from "node:fs/promises";
import { writeAtomically } from "./cache-files.js";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import type { ContentCache } from "./content-cache.js";
import { emptyContentCache } from "./content-cache.js";

/** The folder Curio keeps its caches in, inside the digest; safe to delete at any time. */
export const CACHE_DIR = ".curio-cache";

const FORMAT = "curio-content-cache";

interface StoredCache {
  readonly format: typeof FORMAT;
  readonly curio: string;
  readonly cache: ContentCache;
}

/**
 * Loads the persistent content cache. A missing, unreadable, corrupted or foreign-version
 * cache is never trusted: an empty cache is returned instead, and the build parses everything.
 */
export async function loadContentCache(dir: string, curioVersion: string): Promise<ContentCache> {
  try {
    const stored = deserialize(
      await readFile(path.join(dir, "content.bin")),
    ) as Partial<StoredCache>;
    if (
      stored?.format !== FORMAT ||
      stored.curio !== curioVersion ||
      typeof stored.cache?.key !== "string" ||
      !(stored.cache.files instanceof Map)
    ) {
      return emptyContentCache();
    }
    return stored.cache;
  } catch {
    return emptyContentCache();
  }
}

/** Saves the content cache atomically (write to a temporary file, then rename). */
export function saveContentCache(
  dir: string,
  curioVersion: string,
  cache: ContentCache,
): Promise<void> {
  const stored: StoredCache = { format: FORMAT, curio: curioVersion, cache };
  return writeAtomically(path.join(dir, "content.bin"), serialize(stored));
}
