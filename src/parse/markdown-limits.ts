/**
 * Limits that keep pathological markdown from hanging or crashing a build. Real excerpts stay
 * far below them; beyond them the markdown engine's cost grows quadratically (deep nesting,
 * thousands of emphasis markers in one paragraph) or its recursion overflows the stack.
 */
export const MARKDOWN_LIMITS = {
  /** Block quotes and list items nested in each other. */
  nesting: 100,
  /** `*` and `_` characters in one paragraph. */
  emphasisMarkers: 1000,
} as const;

const CONTAINER = /^ {0,3}(?:>[ \t]?|(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$))/;
const BLOCK_START = /^ {0,3}(?:>|[-+*][ \t]|\d{1,9}[.)][ \t]|#{1,6}[ \t]|```|~~~|\|)/;

/**
 * Scans markdown in one pass and says why it is too complex to render, or returns undefined.
 */
export function markdownLimitProblem(markdown: string): string | undefined {
  let markers = 0;
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
      if (depth > MARKDOWN_LIMITS.nesting) {
        return `it nests block quotes or lists more than ${MARKDOWN_LIMITS.nesting} levels deep`;
      }
    }

    if (line.trim() === "" || BLOCK_START.test(line)) markers = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 92 /* \ */) i++;
      else if (c === 42 /* * */ || c === 95 /* _ */) markers++;
    }
    if (markers > MARKDOWN_LIMITS.emphasisMarkers) {
      return `one paragraph has more than ${MARKDOWN_LIMITS.emphasisMarkers} \`*\` or \`_\` emphasis markers`;
    }
    if (end === markdown.length) break;
  }
  return undefined;
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
