import slugify from "@sindresorhus/slugify";

/**
 * A URL-safe slug: lowercase ASCII words joined by hyphens (`Café Ünïcode` → `cafe-uenicode`).
 * Text with no Latin letters keeps its own letters (`日本語` → `日本語`), so it still gets a page.
 * Returns "" when nothing usable is left; the result never contains `/`, `\` or `.`.
 */
export function toSlug(text: string): string {
  const ascii = slugify(text);
  if (ascii !== "") return ascii;
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** True when a string is already a slug as `toSlug` makes them. */
export function isSlug(text: string): boolean {
  return text !== "" && toSlug(text) === text;
}

/**
 * The form under which two tags count as the same tag: accents, case and spacing removed
 * (`Patient Engagement`, `patient-engagement` and `Patient  engagement` are one tag).
 */
export function foldTag(tag: string): string {
  return tag
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .trim();
}
