import type { Curator, Scoop, SiteConfig, Topic } from "../../src/model.js";
import { parseSiteDate } from "../../src/util/site-date.js";

/** A site config literal for pure-stage tests. */
export function config(overrides: Partial<SiteConfig> = {}): SiteConfig {
  return {
    title: "Test digest",
    baseUrl: "https://example.org/",
    origin: "https://example.org",
    basePath: "/",
    language: "en",
    timezone: "UTC",
    pageSize: 20,
    feeds: { items: 50, link: "page" },
    cards: { headline: "page", view: "full" },
    share: [],
    excerptWords: 300,
    images: { widths: [320, 640, 960, 1280] },
    digest: "weekly",
    email: { unsubscribe: "{{ unsubscribe_url }}" },
    search: true,
    markdown: { gfm: true, remarkPlugins: [], rehypePlugins: [] },
    ...overrides,
  };
}

/** A scoop literal: `scoop("t/slug", "2024-05-01", {...})`. */
export function scoop(id: string, date: string, overrides: Partial<Scoop> = {}): Scoop {
  const [topicId, slug] = id.split("/") as [string, string];
  const parsed = parseSiteDate(date, "UTC");
  if (!parsed.ok) throw new Error(parsed.reason);
  return {
    id,
    topicId,
    slug,
    file: `content/topics/${topicId}/${date.slice(0, 10)}-${slug}.md`,
    title: `Title of ${slug}`,
    date: parsed.date,
    curatorId: "ann",
    tags: [],
    excerptText: "Excerpt",
    pinned: false,
    draft: false,
    comments: [],
    ...overrides,
  };
}

/** A topic literal. */
export function topic(
  id: string,
  curatorIds: string[] = ["ann"],
  overrides: Partial<Topic> = {},
): Topic {
  return {
    id,
    file: `content/topics/${id}/_topic.md`,
    title: `Topic ${id}`,
    curatorIds,
    bodyHtml: "",
    ...overrides,
  };
}

/** A curator literal. */
export function curator(id: string, overrides: Partial<Curator> = {}): Curator {
  return {
    id,
    file: `content/curators/${id}.md`,
    name: id.toUpperCase(),
    bioHtml: "",
    ...overrides,
  };
}
