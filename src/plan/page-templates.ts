import type { ListKindName } from "./list-kinds.js";
import { LIST_KIND_NAMES, LIST_KINDS } from "./list-kinds.js";
import type { PageData } from "./routes.js";

/** The kinds of pages (`it.page.kind` in templates). */
export type PageKind = PageData["kind"];

/** The templates of the list kinds, from their rows. */
const listTemplates = Object.fromEntries(
  LIST_KIND_NAMES.map((name) => [name, LIST_KINDS[name].template]),
) as { readonly [K in ListKindName]: string };

/**
 * The template each kind of page is rendered with (`templates/<name>.eta`): a list kind's from
 * its row, the others' here. A kind of `PageData` without a template does not compile.
 */
export const PAGE_TEMPLATES: { readonly [K in PageKind]: string } = {
  ...listTemplates,
  scoop: "scoop",
  topics: "topics",
  curators: "curators",
  tags: "tags",
  subscribe: "subscribe",
  digests: "digests",
  digest: "digest",
  search: "search",
  "not-found": "404",
};

/** The template of a digest issue's HTML email (`email.html`). */
export const EMAIL_TEMPLATE = "email";

/** The templates every theme must have: one for each kind of page, and the email's. */
export const REQUIRED_TEMPLATES: readonly string[] = [
  ...new Set([...Object.values(PAGE_TEMPLATES), EMAIL_TEMPLATE]),
];
