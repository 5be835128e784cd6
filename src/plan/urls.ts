import type { Scoop } from "../model.js";

/**
 * Site-relative URLs (they start with `/` and ignore the base path; the renderer adds it).
 * Every page is a folder with an index.html.
 */
export const urls = {
  home: () => "/",
  topic: (id: string) => `/topics/${id}/`,
  topicFeed: (id: string) => `/topics/${id}/feed.xml`,
  scoop: (s: Pick<Scoop, "topicId" | "slug">) => `/topics/${s.topicId}/${s.slug}/`,
  curator: (id: string) => `/curators/${id}/`,
  curatorFeed: (id: string) => `/curators/${id}/feed.xml`,
  tags: () => "/tags/",
  tag: (slug: string) => `/tags/${slug}/`,
  feed: () => "/feed.xml",
  sitemap: () => "/sitemap.xml",
  robots: () => "/robots.txt",
  notFound: () => "/404.html",
  asset: (name: string) => `/assets/${name}`,
};

/** The file a URL is written to, relative to the output folder: `/topics/x/` → `topics/x/index.html`. */
export function outputPathFor(url: string): string {
  const rel = url.replace(/^\//, "");
  return rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel;
}

/** A site-relative URL as an href under the site's base path, percent-encoded: `/digest/topics/x/`. */
export function hrefFor(url: string, basePath: string): string {
  return encodeURI(basePath + url.replace(/^\//, ""));
}

/** A site-relative URL as an absolute URL: `https://example.org/digest/topics/x/`. */
export function absoluteUrlFor(url: string, origin: string, basePath: string): string {
  return origin + hrefFor(url, basePath);
}
