/**
 * Where scoops' excerpt HTML is kept while a build runs. Only a scoop's own page and its feed
 * entries show the excerpt's HTML, so it is not part of the `Scoop` record (which every list
 * page and card holds): rendering asks the store for it by the scoop's file. A plain build
 * keeps excerpts in memory (`memoryExcerpts`); a large site passes a store that keeps them in
 * a scratch file (`src/large-site/excerpt-file.ts`).
 */
export interface ExcerptStore {
  /** Keeps the excerpt HTML of a scoop's file, replacing the one kept before. */
  put(file: string, html: string): void;
  /** The excerpt HTML of a scoop's file; "" when none was kept. */
  get(file: string): string;
  /** Forgets the excerpt of a file that is gone. */
  delete(file: string): void;
  /** Lets go of what the store holds (a scratch file is closed and deleted). */
  close(): void;
}

/** An excerpt store in memory: a map from file to HTML. */
export function memoryExcerpts(): ExcerptStore {
  const byFile = new Map<string, string>();
  return {
    put: (file, html) => void byFile.set(file, html),
    get: (file) => byFile.get(file) ?? "",
    delete: (file) => void byFile.delete(file),
    close: () => byFile.clear(),
  };
}
