/**
 * One link to import, whatever it came from (a feed item, a bookmark): plain data, with the
 * date already written as the scoop's `date:` will be.
 */
export interface ImportItem {
  /** The link: the feed item's link, the bookmark's address (http or https). */
  readonly url: string;
  readonly title?: string;
  /** `YYYY-MM-DDTHH:mm±HH:MM` (or with seconds), in the offset the source gave; none when it gave none. */
  readonly date?: string;
  /** The item's content as HTML (a feed's content or summary). */
  readonly html?: string;
  /** A plain-text description (a bookmark's note), when there is no HTML. */
  readonly text?: string;
  readonly tags: readonly string[];
  /** Where the item is in its file ("item 3"), for messages. */
  readonly where: string;
}

/** Items read from an import file, and the format it was read as. */
export interface ImportedItems {
  /** "RSS 2.0", "Atom 1.0", "JSON Feed 1.1", "RSS 1.0 (RDF)", "Netscape bookmarks", "Pinboard JSON". */
  readonly format: string;
  readonly items: readonly ImportItem[];
  /** Items left out, and why ("item 4: no link"). */
  readonly skipped: readonly string[];
}
