/** The line that starts a scoop's insight section in its body: `## Insight`, on its own. */
export const INSIGHT_MARKER = "## Insight";

const MARKER = /^ {0,3}##[ \t]+insight[ \t]*#*[ \t]*$/i;

/** A scoop file's body split into the excerpt and the curator's insight section. */
export interface BodySections {
  /** The excerpt: the body above the marker (all of it, without one). */
  readonly excerpt: string;
  /** The insight's markdown, below the marker; undefined without a marker. */
  readonly insight?: string;
  /** The file line the insight's text starts on (1-based), for diagnostics. */
  readonly insightLine?: number;
  /** The marker's own line in the file. */
  readonly markerLine?: number;
}

/**
 * Splits a scoop's body at its insight section (pure): the last line that reads `## Insight`
 * (any case, as an ATX heading, outside code fences) starts the curator's insight, which runs
 * to the end of the file; everything above it is the excerpt. So a multi-paragraph insight is
 * plain markdown, without YAML's block indentation. `bodyLine` is the body's first line in the
 * file.
 */
export function splitInsight(body: string, bodyLine: number): BodySections {
  const lines = body.split("\n");
  let fence: string | undefined;
  let marker = -1;
  lines.forEach((line, i) => {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (open !== undefined && open[0] === fence[0] && open.length >= fence.length)
        fence = undefined;
      return;
    }
    if (open !== undefined) fence = open;
    else if (MARKER.test(line.replace(/\r$/, ""))) marker = i;
  });
  if (marker < 0) return { excerpt: body };
  const insight = lines.slice(marker + 1).join("\n");
  const blank = /^\s*$/;
  let first = marker + 1;
  while (first < lines.length && blank.test(lines[first]!)) first++;
  return {
    excerpt: lines.slice(0, marker).join("\n"),
    insight,
    insightLine: bodyLine + Math.min(first, lines.length - 1),
    markerLine: bodyLine + marker,
  };
}
