import { oneLine } from "../util/one-line.js";
import type { PageKind } from "../plan/page-templates.js";
import type { HtmlRoute, PageData } from "../plan/routes.js";
import type { ViewHelpers } from "./view-helpers.js";

/** A JSON-LD node: plain JSON with `@type` and schema.org properties. */
export type JsonLd = Record<string, unknown>;

/** What describing a page needs besides its data. */
interface Describing {
  readonly route: HtmlRoute;
  /** The page's absolute URL. */
  readonly url: string;
  /** The site as a schema.org WebSite (without `@context`). */
  readonly website: JsonLd;
  readonly h: ViewHelpers;
  readonly site: SiteText;
}

/** The site settings structured data shows. */
interface SiteText {
  readonly title: string;
  readonly description?: string;
  readonly language: string;
}

type PageOf<K extends PageKind> = Extract<PageData, { readonly kind: K }>;
type Describe<K extends PageKind> = (page: PageOf<K>, at: Describing) => JsonLd | undefined;

const CONTEXT = "https://schema.org";

/** A list of scoops, topics, curators, tags or feeds: a CollectionPage with the page's own title and description. */
const collectionPage = (_page: PageData, { route, url, website, site }: Describing): JsonLd => ({
  "@context": CONTEXT,
  "@type": "CollectionPage",
  name: route.title,
  url,
  ...(route.description ? { description: route.description } : {}),
  isPartOf: website,
  inLanguage: site.language,
});

/**
 * How each kind of page is described: a kind of `PageData` without an entry here does not
 * compile. A WebSite for the home page, a CollectionPage for lists, a ProfilePage for a
 * curator, an Article (based on the source) with its breadcrumb for a scoop; nothing for 404.
 */
const DESCRIBE: { readonly [K in PageKind]: Describe<K> } = {
  home: (_page, { website, site }) => ({
    "@context": CONTEXT,
    ...website,
    ...(site.description ? { description: site.description } : {}),
    inLanguage: site.language,
  }),
  topic: collectionPage,
  tag: collectionPage,
  topics: collectionPage,
  curators: collectionPage,
  tags: collectionPage,
  subscribe: collectionPage,
  digests: collectionPage,
  digest: collectionPage,
  search: collectionPage,
  curator: ({ entry: { curator: c } }, { url, website, h }) => ({
    "@context": CONTEXT,
    "@type": "ProfilePage",
    url,
    isPartOf: website,
    mainEntity: {
      "@type": "Person",
      name: c.name,
      ...(c.url ? { sameAs: c.url } : {}),
      ...(c.avatar ? { image: h.mediaAbs(c.avatar) } : {}),
    },
  }),
  scoop: ({ scoop: s }, { url, website, h, site }) => {
    const curator = h.curator(s.curatorId);
    const topic = h.topic(s.topicId);
    return {
      "@context": CONTEXT,
      "@graph": [
        {
          "@type": "Article",
          headline: s.title,
          url,
          mainEntityOfPage: url,
          datePublished: s.date.iso,
          ...(s.excerptText ? { description: h.shorten(oneLine(s.excerptText), 300) } : {}),
          ...(curator
            ? {
                author: {
                  "@type": "Person",
                  name: curator.name,
                  url: h.abs(h.urls.curator(curator.id)),
                },
              }
            : {}),
          ...(s.image ? { image: h.mediaAbs(s.image) } : {}),
          ...(s.url ? { isBasedOn: s.url } : {}),
          ...(s.tags.length ? { keywords: s.tags.map((t) => h.tagName(t)) } : {}),
          commentCount: s.comments.length,
          isPartOf: website,
          inLanguage: site.language,
        },
        {
          "@type": "BreadcrumbList",
          itemListElement: [
            { "@type": "ListItem", position: 1, name: site.title, item: h.abs("/") },
            {
              "@type": "ListItem",
              position: 2,
              name: topic?.title ?? s.topicId,
              item: h.abs(h.urls.topic(s.topicId)),
            },
            { "@type": "ListItem", position: 3, name: s.title, item: url },
          ],
        },
      ],
    };
  },
  "not-found": () => undefined,
};

/**
 * The schema.org description of a page, for search engines and link previews (see `DESCRIBE`
 * for each kind of page). Undefined for the 404 page.
 */
export function structuredData(
  route: HtmlRoute,
  h: ViewHelpers,
  site: SiteText,
): JsonLd | undefined {
  const website = { "@type": "WebSite", name: site.title, url: h.abs("/") };
  return describe(route.page, { route, url: h.abs(route.url), website, h, site });
}

function describe<K extends PageKind>(page: PageOf<K>, at: Describing): JsonLd | undefined {
  return DESCRIBE[page.kind as K](page, at);
}

/**
 * JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&` are escaped as
 * \u003c, \u003e, \u0026, so no text in it can close the element or start markup.
 */
export function jsonLdScript(data: JsonLd): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
