import slugify from "@sindresorhus/slugify";
import { Lru } from "./lru.js";

/**
 * A URL-safe slug: lowercase ASCII words joined by hyphens (`Café Ünïcode` → `cafe-uenicode`).
 * Text with no Latin letters keeps its own letters (`日本語` → `日本語`), so it still gets a page.
 * Slugs are at most 80 characters. Returns "" when nothing usable is left; the result never
 * contains `/`, `\` or `.`.
 */
export function toSlug(text: string): string {
  let slug = slugs.get(text);
  if (slug === undefined) {
    slug = makeSlug(text);
    slugs.set(text, slug);
  }
  return slug;
}

/** Slugs already made: tags and names repeat across scoops and across rebuilds. */
const slugs = new Lru<string, string>(20_000);

function makeSlug(text: string): string {
  const ascii = slugify(text);
  if (ascii !== "") return limitLength(ascii);
  return limitLength(
    text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, ""),
  );
}

/** Longest slug, in characters: a folder name must stay far below file systems' 255 bytes. */
export const MAX_SLUG_LENGTH = 80;

/** Cuts a slug to MAX_SLUG_LENGTH characters, at a hyphen when there is one in the second half. */
function limitLength(slug: string): string {
  const chars = [...slug];
  if (chars.length <= MAX_SLUG_LENGTH) return slug;
  const cut = chars.slice(0, MAX_SLUG_LENGTH).join("");
  const hyphen = cut.lastIndexOf("-");
  return (hyphen > MAX_SLUG_LENGTH / 2 ? cut.slice(0, hyphen) : cut).replace(/-+$/, "");
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
