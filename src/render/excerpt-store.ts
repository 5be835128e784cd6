const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Where scoops' excerpt HTML is kept while a build runs. Only a scoop's own page and its feed
 * entries show the excerpt's HTML, so it is not part of the `Scoop` record (which every list
 * page and card holds): rendering asks the store for it by the scoop's file. A plain build
 * keeps excerpts in memory (`memoryExcerpts`); a large site passes a store that keeps them in
 * a scratch file (`src/large-site/excerpt-file.ts`).
 */
export interface ExcerptStore {
  /**
   * Keeps the excerpt HTML of a scoop's file, replacing the one kept before: text, or its UTF-8
   * bytes (read during the call only: the caller may reuse them).
   */
  put(file: string, html: string | Uint8Array): void;
  /** The excerpt HTML of a scoop's file; "" when none was kept. */
  get(file: string): string;
  /**
   * The excerpt HTML of a scoop's file as UTF-8 bytes (empty when none was kept), valid until
   * the store is next used: the content cache saves excerpts this way.
   */
  getBytes(file: string): Uint8Array;
  /** Forgets the excerpt of a file that is gone. */
  delete(file: string): void;
  /** Lets go of what the store holds (a scratch file is closed and deleted). */
  close(): void;
}

/** An excerpt store in memory: a map from file to HTML. */
export function memoryExcerpts(): ExcerptStore {
  const byFile = new Map<string, string>();
  return {
    put: (file, html) =>
      void byFile.set(file, typeof html === "string" ? html : decoder.decode(html)),
    get: (file) => byFile.get(file) ?? "",
    getBytes: (file) => encoder.encode(byFile.get(file) ?? ""),
    delete: (file) => void byFile.delete(file),
    close: () => byFile.clear(),
  };
}
