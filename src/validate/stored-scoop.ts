import type { Scoop } from "../model.js";

/**
 * A scoop as parsing keeps it (in the content cache, and between a parse worker and the main
 * thread): its excerpt's HTML and text as UTF-8 bytes. Scoops quote the web, whose typographic
 * quotes make a JavaScript string two bytes per character; as UTF-8 the excerpts of 10,000
 * scoops took 42 MB instead of 81 MB, and they are the largest thing a build holds.
 */
export type StoredScoop = Omit<Scoop, "excerptHtml" | "excerptText"> & {
  readonly excerptBytes: Uint8Array;
  readonly excerptTextBytes: Uint8Array;
};

/**
 * A scoop whose excerpt was moved out of its own fields (see `ExcerptFile`): the HTML to a file,
 * the text to a shared arena in memory. It holds where each is, and inherits `excerptHtml` and
 * `excerptText` getters that read them.
 */
export type SpilledScoop = Scoop & {
  /** Where the excerpt's UTF-8 HTML starts in the file, and its length in bytes. */
  readonly excerptAt: number;
  readonly excerptLength: number;
  /** Where the excerpt's UTF-8 text is in the file's memory arena, and its length. */
  readonly excerptTextAt: number;
  readonly excerptTextLength: number;
};

/** What the content cache and parse results hold for a scoop. */
export type KeptScoop = StoredScoop | SpilledScoop;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * What every scoop of a build inherits: `excerptHtml` and `excerptText`, decoded when read
 * (a few microseconds: the HTML is read by the scoop's page and feed entry, the text by the
 * cards that list it).
 */
const SCOOP_TEXT: object = Object.create(Object.prototype, {
  excerptHtml: {
    get(this: StoredScoop): string {
      return decoder.decode(this.excerptBytes);
    },
  },
  excerptText: {
    get(this: StoredScoop): string {
      return decoder.decode(this.excerptTextBytes);
    },
  },
});

const NOT_STORED = new Set([
  "excerptHtml",
  "excerptText",
  "excerptBytes",
  "excerptTextBytes",
  "excerptAt",
  "excerptLength",
  "excerptTextAt",
  "excerptTextLength",
]);

/** True for a scoop whose excerpt bytes are in memory. */
export function isInMemory(kept: KeptScoop): kept is StoredScoop {
  return Object.prototype.hasOwnProperty.call(kept, "excerptBytes");
}

/**
 * Stores a scoop: its excerpt as bytes (`TextEncoder` gives each its own exact buffer). A
 * spilled scoop's excerpt is read back.
 */
export function storeScoop(scoop: Scoop): StoredScoop {
  // Own fields only, but not the excerpt, nor a spilled scoop's excerpt position.
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(scoop)) {
    if (!NOT_STORED.has(key)) rest[key] = scoop[key as keyof Scoop];
  }
  return {
    ...(rest as Omit<Scoop, "excerptHtml" | "excerptText">),
    excerptBytes: encoder.encode(scoop.excerptHtml),
    excerptTextBytes: encoder.encode(scoop.excerptText),
  };
}

/** A kept scoop with its excerpt bytes in memory, as the content cache saves it. */
export function inMemory(kept: KeptScoop): StoredScoop {
  return isInMemory(kept) ? kept : storeScoop(kept);
}

/**
 * The scoop a build uses: the stored scoop itself, given `excerptHtml` and `excerptText` through
 * its prototype (set once; a stored scoop from the cache or a worker message is a plain object).
 * A spilled scoop already is one.
 */
export function scoopOf(kept: KeptScoop): Scoop {
  if (!isInMemory(kept)) return kept;
  if (Object.getPrototypeOf(kept) !== SCOOP_TEXT) Object.setPrototypeOf(kept, SCOOP_TEXT);
  return kept as unknown as Scoop;
}

/**
 * A copy of a scoop with some fields changed. A spread alone would drop a stored scoop's
 * `excerptHtml` and `excerptText`, which it inherits.
 */
export function copyScoop(scoop: Scoop, changes: Partial<Scoop> = {}): Scoop {
  const copy = { ...scoop, ...changes };
  return Object.setPrototypeOf(copy, Object.getPrototypeOf(scoop) as object) as Scoop;
}
