/**
 * Control characters a terminal acts on instead of printing: C0 except tab (U+0000–U+0008,
 * U+000A–U+001F), DEL (U+007F) and C1 (U+0080–U+009F). ESC (U+001B) starts the escape
 * sequences that move the cursor, recolour text or retitle the window; C1's CSI (U+009B) does the
 * same on some terminals; a lone CR rewrites the line it is on.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;

/**
 * Text from a file made safe to print on a terminal: every control character is shown as an
 * escape (`\n`, `\r`, or `\xHH`: ESC is `\x1b`), so a file cannot recolour, hide or rewrite
 * what Curio prints (a fake green "Built OK"). Tabs and all other characters are kept.
 */
export function showControlChars(text: string): string {
  return text.replace(CONTROL, escapeChar);
}

/** The visible form of one control character. */
export function escapeChar(ch: string): string {
  if (ch === "\n") return "\\n";
  if (ch === "\r") return "\\r";
  return `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`;
}

/** True for a character `showControlChars` escapes. */
export function isControlChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return ch.length === 1 && ((c <= 0x1f && c !== 0x09) || (c >= 0x7f && c <= 0x9f));
}
