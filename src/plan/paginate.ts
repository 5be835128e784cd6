/** One page of a paginated list. */
export interface Pager<T> {
  /** 1-based. */
  readonly number: number;
  /** How many pages the list has (at least 1). */
  readonly count: number;
  readonly items: readonly T[];
  /** Total number of items across all pages. */
  readonly total: number;
  /** The URL of every page of the list, page 1 first. */
  readonly urls: readonly string[];
  readonly prev?: string;
  readonly next?: string;
}

/**
 * Splits a list into pages of `size` (pure). Page 1 lives at `firstUrl`, page N at
 * `firstUrl + "page/N/"`. An empty list still has one (empty) page.
 */
export function paginate<T>(items: readonly T[], size: number, firstUrl: string): Pager<T>[] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`page size must be a positive integer, got ${size}`);
  const count = Math.max(1, Math.ceil(items.length / size));
  const urls = Array.from({ length: count }, (_, i) => pageUrl(firstUrl, i + 1));
  return urls.map((url, i) => {
    const prev = urls[i - 1];
    const next = urls[i + 1];
    return {
      number: i + 1,
      count,
      items: items.slice(i * size, (i + 1) * size),
      total: items.length,
      urls,
      ...(prev === undefined ? {} : { prev }),
      ...(next === undefined ? {} : { next }),
    };
  });
}

/** `/topics/x/` for page 1, `/topics/x/page/3/` for page 3. */
export function pageUrl(firstUrl: string, n: number): string {
  return n === 1 ? firstUrl : `${firstUrl}page/${n}/`;
}

/**
 * The page numbers a pager shows: the first, the last, and two either side of the current
 * page, with `null` where numbers are skipped: 1 … 4 5 [6] 7 8 … 20.
 */
export function pageWindow(current: number, count: number, radius = 2): (number | null)[] {
  const shown: (number | null)[] = [];
  for (let n = 1; n <= count; n++) {
    if (n === 1 || n === count || Math.abs(n - current) <= radius) shown.push(n);
    else if (shown[shown.length - 1] !== null) shown.push(null);
  }
  return shown;
}
