/** Terminal styling: ANSI colours when wanted, plain text otherwise. */
export interface Style {
  readonly error: (s: string) => string;
  readonly warning: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly ok: (s: string) => string;
}

const plain = (s: string) => s;

/** No styling: for files, pipes, NO_COLOR and tests. */
export const PLAIN: Style = { error: plain, warning: plain, dim: plain, bold: plain, ok: plain };

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

/** ANSI colours. */
export const COLOR: Style = {
  error: ansi(31, 39),
  warning: ansi(33, 39),
  dim: ansi(2, 22),
  bold: ansi(1, 22),
  ok: ansi(32, 39),
};

/**
 * Colours only on a terminal, never with NO_COLOR set (https://no-color.org), and always with
 * FORCE_COLOR set to something other than 0.
 */
export function chooseStyle(
  isTTY: boolean,
  env: Readonly<Record<string, string | undefined>>,
): Style {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return PLAIN;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR === "0" ? PLAIN : COLOR;
  return isTTY ? COLOR : PLAIN;
}
