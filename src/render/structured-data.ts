import type { HtmlRoute } from "../plan/routes.js";
import type { ViewHelpers } from "./view-helpers.js";

/** A JSON-LD node: plain JSON with `@type` and schema.org properties. */
export type JsonLd = Record<string, unknown>;

/**
 * The schema.org description of a page, for search engines and link previews: a WebSite for
 * the home page, CollectionPage for lists, an Article (based on the source) with its
 * breadcrumb for a scoop, a ProfilePage for a curator. Undefined for the 404 page.
 */
export function structuredData(
  route: HtmlRoute,
  h: ViewHelpers,
  site: { title: string; description?: string; language: string },
): JsonLd | undefined {
  const url = h.abs(route.url);
  const website = { "@type": "WebSite", name: site.title, url: h.abs("/") };
  const page = route.page;
  switch (page.kind) {
    case "home":
      return {
        "@context": "https://schema.org",
        ...website,
        ...(site.description ? { description: site.description } : {}),
        inLanguage: site.language,
      };
    case "topic":
    case "tag":
    case "tags":
      return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        name: route.title,
        url,
        ...(route.description ? { description: route.description } : {}),
        isPartOf: website,
        inLanguage: site.language,
      };
    case "curator": {
      const c = page.entry.curator;
      return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        url,
        isPartOf: website,
        mainEntity: {
          "@type": "Person",
          name: c.name,
          ...(c.url ? { sameAs: c.url } : {}),
          ...(c.avatar ? { image: h.mediaAbs(c.avatar) } : {}),
        },
      };
    }
    case "scoop": {
      const s = page.scoop;
      const curator = h.curator(s.curatorId);
      const topic = h.topic(s.topicId);
      return {
        "@context": "https://schema.org",
        "@graph": [
          {
            "@type": "Article",
            headline: s.title,
            url,
            mainEntityOfPage: url,
            datePublished: s.date.iso,
            ...(s.excerptText ? { description: h.shorten(s.excerptText, 300) } : {}),
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
    }
    case "not-found":
      return undefined;
  }
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
