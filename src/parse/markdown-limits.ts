/**
 * Limits that keep pathological markdown from hanging or crashing a build. Real excerpts stay
 * far below them; beyond them the markdown engine's cost grows quadratically (deep nesting,
 * thousands of emphasis markers in one paragraph, backticks that never close) or its recursion
 * overflows the stack, or it needs gigabytes (about 20 KB per link while parsing: 50,000 link
 * definitions took 1.3 GB).
 */
export const MARKDOWN_LIMITS = {
  /** Block quotes and list items nested in each other. */
  nesting: 100,
  /** `*` and `_` characters in one paragraph. */
  emphasisMarkers: 1000,
  /**
   * Tokens (words, spaces, backtick runs; a line ending counts 4) the markdown engine reads
   * looking for the end of code spans that never close, in one text. A run of backticks that
   * no run of the same length follows is matched against the rest of its paragraph, so 1.1 MB
   * of runs of different lengths took 29 s, and 16 open backticks before a 2 MB paragraph 36 s.
   */
  backtickScan: 200_000,
  /** `[` in one text: links, images, link reference definitions. */
  links: 5000,
  /**
   * Blocks (paragraphs, list items, quoted lines, headings…) and inline markup (`[`, `<`, `&`,
   * `\`, runs of backticks, `*` and `_`) in one text, plus one per 8 lines that continue a
   * paragraph: the engine spends up to half a millisecond and 10 KB on each (a line that
   * continues a paragraph costs about an eighth of that).
   */
  elements: 20_000,
} as const;

/** Why a piece of markdown is refused, and how to fix it. */
export interface MarkdownLimitProblem {
  readonly reason: string;
  readonly hint: string;
}

/** The hint for markdown nested too deeply or with too many emphasis markers. */
export const SIMPLIFY_HINT =
  "simplify the markdown: fewer nested quotes or lists, fewer `*`/`_` in one paragraph";
const SHORTEN_HINT = "shorten the text: quote the passage that matters and link to the rest";
const BACKTICK_HINT =
  "close each code span with as many backticks as opened it, write other backticks as \\`, or split the paragraph";

/** The characters the scan counts: backticks, backslashes, emphasis, links, tags, entities. */
const MARKUP = /[`\\*_[<&]/;
const CONTAINER = /^ {0,3}(?:>[ \t]?|(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$))/;
const BLOCK_START = /^ {0,3}(?:>|[-+*][ \t]|\d{1,9}[.)][ \t]|#{1,6}[ \t]|```|~~~|\|)/;

/** A run of backticks: where it starts (in tokens from its paragraph's start) and how long. */
interface BacktickRun {
  readonly at: number;
  readonly length: number;
  /** Preceded by a backslash: outside code its first backtick is escaped. */
  readonly escaped: boolean;
}

/**
 * Scans markdown in one pass and says why it is too complex to render, or returns undefined.
 */
export function markdownLimitProblem(markdown: string): MarkdownLimitProblem | undefined {
  const L = MARKDOWN_LIMITS;
  let markers = 0;
  let links = 0;
  let elements = 0;
  let scan = 0;
  let continued = 0;
  let afterBlank = true;
  // The current paragraph (lines since the last blank one): its backtick runs and its length
  // in the tokens the engine reads inside a code span.
  let runs: BacktickRun[] = [];
  let tokens = 0;
  let start = 0;
  while (start <= markdown.length) {
    let end = markdown.indexOf("\n", start);
    if (end === -1) end = markdown.length;
    const line = markdown.slice(start, end);
    start = end + 1;

    let depth = Math.floor(indentWidth(line) / 2);
    let rest = line.trimStart();
    for (let m = CONTAINER.exec(rest); m !== null && m[0] !== ""; m = CONTAINER.exec(rest)) {
      depth++;
      rest = rest.slice(m[0].length);
      if (depth > L.nesting) {
        return {
          reason: `it nests block quotes or lists more than ${L.nesting} levels deep`,
          hint: SIMPLIFY_HINT,
        };
      }
    }

    const blank = line.trim() === "";
    const block = !blank && (afterBlank || BLOCK_START.test(line));
    if (blank) {
      scan += unclosedScan(runs, tokens);
      runs = [];
      tokens = 0;
    } else {
      if (block) elements++;
      else if (++continued % 8 === 0) elements++;
      tokens += 4; // the line ending
    }
    afterBlank = blank;
    if (blank || block) markers = 0;
    let inData = false;
    // A line with no markup before any backtick run of its paragraph adds nothing to count:
    // token positions matter only after a run (most lines of most excerpts; this skip took the
    // scan from 0.5 s to 0.1 s of a 10,000-scoop build).
    const plain = runs.length === 0 && !MARKUP.test(line);
    // Past the element limit the rest of the line is not looked at (nor kept: a 2 MB line).
    for (let i = 0; !plain && i < line.length && elements <= L.elements; i++) {
      const c = line.charCodeAt(i);
      const escapedTick = c === 92 /* \ */ && line.charCodeAt(i + 1) === 96;
      if (c === 96 /* ` */ || escapedTick) {
        const from = i;
        if (escapedTick) i++;
        while (line.charCodeAt(i + 1) === 96) i++;
        runs.push({
          at: tokens,
          length: i + 1 - from - (escapedTick ? 1 : 0),
          escaped: escapedTick,
        });
        tokens++;
        elements++;
        inData = false;
        continue;
      }
      if (c === 32 /* space */) {
        tokens++;
        inData = false;
      } else if (!inData) {
        tokens++;
        inData = true;
      }
      if (c === 92 /* \ */) {
        elements++;
        i++;
      } else if (c === 42 /* * */ || c === 95 /* _ */) {
        markers++;
        if (line.charCodeAt(i - 1) !== c) elements++;
      } else if (c === 91 /* [ */) {
        links++;
        elements++;
      } else if (c === 60 /* < */ || c === 38 /* & */) {
        elements++;
      }
    }
    if (end === markdown.length) scan += unclosedScan(runs, tokens);
    if (markers > L.emphasisMarkers) {
      return {
        reason: `one paragraph has more than ${L.emphasisMarkers} \`*\` or \`_\` emphasis markers`,
        hint: SIMPLIFY_HINT,
      };
    }
    if (scan > L.backtickScan) {
      return {
        reason:
          "it has too many backticks that open code spans and never close in a long paragraph",
        hint: BACKTICK_HINT,
      };
    }
    if (links > L.links) {
      return {
        reason: `it has more than ${L.links} links, images or link definitions (\`[\`)`,
        hint: SHORTEN_HINT,
      };
    }
    if (elements > L.elements) {
      return {
        reason: `it has more than ${L.elements} blocks and markup elements (paragraphs, list items, links, code spans, emphasis, entities)`,
        hint: SHORTEN_HINT,
      };
    }
    if (end === markdown.length) break;
  }
  return undefined;
}

/**
 * How many tokens the markdown engine reads in vain in one paragraph: a run of backticks opens
 * a code span that the next run of the same length closes (the runs between are its content);
 * when none follows, the engine has read to the paragraph's end (`end`, in tokens) for nothing.
 */
function unclosedScan(runs: readonly BacktickRun[], end: number): number {
  if (runs.length === 0) return 0;
  const byLength = new Map<number, number[]>();
  runs.forEach((r, i) => {
    const list = byLength.get(r.length);
    if (list) list.push(i);
    else byLength.set(r.length, [i]);
  });
  let cost = 0;
  for (let i = 0; i < runs.length;) {
    const run = runs[i]!;
    // Outside code a backslash escapes the run's first backtick; inside, it is plain text.
    const size = run.escaped ? run.length - 1 : run.length;
    const close = size === 0 ? undefined : firstAfter(byLength.get(size), i);
    if (close === undefined) {
      if (size > 0) cost += end - run.at;
      i++;
    } else {
      i = close + 1;
    }
  }
  return cost;
}

/** The first index in the ascending `list` greater than `i`. */
function firstAfter(list: readonly number[] | undefined, i: number): number | undefined {
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! <= i) lo = mid + 1;
    else hi = mid;
  }
  return list[lo];
}

function indentWidth(line: string): number {
  let width = 0;
  for (const ch of line) {
    if (ch === " ") width++;
    else if (ch === "\t") width += 4 - (width % 4);
    else break;
  }
  return width;
}
