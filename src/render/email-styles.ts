import { createRequire } from "node:module";
import type Juice from "juice";

/**
 * Moves the CSS of an email template's `<style>` onto its elements, in the template's own text,
 * once per build: juice leaves Eta's `<% %>` tags as they are (its code blocks), so every email
 * rendered from the result has its styles inline, as mail clients need, at the cost of a page
 * render. Inlining each rendered email instead took 7–8 ms per email: with an email per issue
 * and in every digest feed, a 1,000-scoop build took 2.8 times as long with digests as without. Rules for elements a
 * template prints from data (an insight's paragraphs) cannot reach them; a `<style>` block is
 * kept for media queries, which cannot be inlined.
 */
export function inlineEmailStyles(template: string): string {
  return juice()(template, { preserveMediaQueries: true, removeStyleTags: true });
}

let loaded: typeof Juice | undefined;

/** The CSS inliner, loaded on the first email: it brings an HTML parser (0.3 s to load). */
function juice(): typeof Juice {
  return (loaded ??= createRequire(import.meta.url)("juice") as typeof Juice);
}
