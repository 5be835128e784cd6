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

/** Stores a parsed scoop: its excerpt as bytes (`TextEncoder` gives each its own exact buffer). */
export function storeScoop(scoop: Scoop): StoredScoop {
  const { excerptHtml, excerptText, ...rest } = scoop;
  return {
    ...rest,
    excerptBytes: encoder.encode(excerptHtml),
    excerptTextBytes: encoder.encode(excerptText),
  };
}

/**
 * The scoop a build uses: the stored scoop itself, given `excerptHtml` and `excerptText` through
 * its prototype (set once; a stored scoop from the cache or a worker message is a plain object).
 */
export function scoopOf(stored: StoredScoop): Scoop {
  if (Object.getPrototypeOf(stored) !== SCOOP_TEXT) Object.setPrototypeOf(stored, SCOOP_TEXT);
  return stored as unknown as Scoop;
}

/**
 * A copy of a scoop with some fields changed. A spread alone would drop a stored scoop's
 * `excerptHtml` and `excerptText`, which it inherits.
 */
export function copyScoop(scoop: Scoop, changes: Partial<Scoop> = {}): Scoop {
  const copy = { ...scoop, ...changes };
  return Object.setPrototypeOf(copy, Object.getPrototypeOf(scoop) as object) as Scoop;
}
