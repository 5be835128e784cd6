import { UserError } from "../util/user-error.js";

/** A plausible mail address: one `@`, no spaces or angle brackets, a dotted domain. */
const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/**
 * The addresses of a recipient list: one per line; blank lines and lines starting with `#`
 * are skipped, and an address given twice is sent to once. Every line that is not an address
 * is reported at once, as `file:line:col`, and nothing is sent.
 */
export function parseRecipients(text: string, file: string): string[] {
  const out = new Set<string>();
  const bad: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    if (ADDRESS.test(line)) out.add(line);
    else
      bad.push(
        `${file}:${i + 1}:${raw.indexOf(line) + 1}: ${JSON.stringify(line)} is not a mail address`,
      );
  });
  if (bad.length > 0)
    throw new UserError(
      `${bad.join("\n")}\nhint: write one address per line (name@example.org); lines starting with # are comments`,
    );
  if (out.size === 0) throw new UserError(`${file} lists no addresses: write one per line`);
  return [...out];
}
