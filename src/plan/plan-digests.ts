import { newestOf } from "../index/compare-scoops.js";
import type { DigestIssues } from "../index/digest-issues.js";
import { plural } from "../diagnostics/format-diagnostics.js";
import type { SiteIndex } from "../index/site-index.js";
import type { DigestIssue, Scoop, Topic } from "../model.js";
import { paginate } from "./paginate.js";
import { planFeeds } from "./plan-feeds.js";
import type { EmailRoute, FeedLink, FeedRoute, IssueView, OpmlFeed, PageData } from "./routes.js";
import { outputPathFor, urls } from "./urls.js";

/** A page of a digest, as `planSite` adds it. */
export interface DigestPage {
  readonly url: string;
  readonly title: string;
  readonly description: string;
  readonly page: Extract<PageData, { kind: "digests" | "digest" }>;
  readonly feeds: readonly FeedLink[];
  readonly sources: readonly string[];
  /** The newest scoop it shows: its date is the page's `lastmod` in the sitemap. */
  readonly newest?: Scoop | undefined;
}

/** What a topic's digest adds to the site. */
export interface PlannedDigests {
  readonly pages: readonly DigestPage[];
  /** The issues' emails and the digests' feeds. */
  readonly routes: readonly (EmailRoute | FeedRoute)[];
  /** Each digest's RSS feed, for the OPML file and the subscribe page. */
  readonly opml: readonly OpmlFeed[];
}

/**
 * Plans every topic's digest (pure): its archive at `/topics/<topic>/digests/` (issues newest
 * first, paginated like scoops), a page per issue, each issue's `email.html` and `email.txt`,
 * and RSS, Atom and JSON Feed of its issues beside the archive (one item per issue, newest
 * `feeds.items`), so a feed-to-email service sends each issue as it comes out.
 */
export function planDigests(index: SiteIndex, digests: DigestIssues): PlannedDigests {
  const { config } = index;
  const pages: DigestPage[] = [];
  const routes: (EmailRoute | FeedRoute)[] = [];
  const opml: OpmlFeed[] = [];
  for (const { topic } of index.topics) {
    const issues = digests.byTopic.get(topic.id);
    if (issues === undefined) continue;
    const views = issues.map((issue) => issueView(issue, topic, config.language));
    const archiveUrl = urls.digests(topic.id);
    const sources = [topic.file];
    const weekly = issues[0]!.cadence === "weekly";
    const about = `${weekly ? "Weekly" : "Monthly"} digest of ${topic.title} on ${config.title}: each ${weekly ? "week's" : "month's"} scoops in one issue`;
    const feeds = planFeeds(
      {
        url: archiveUrl,
        sources,
        feed: {
          title: `${topic.title}: the ${weekly ? "weekly" : "monthly"} digest`,
          description: about,
          scoops: [],
        },
      },
      config.feeds.items,
      newestOf(issues[0]!.scoops),
    );
    for (const route of feeds.routes)
      routes.push({
        ...route,
        feed: { ...route.feed, issues: views.slice(0, config.feeds.items) },
      });
    opml.push(feeds.opml);
    for (const archive of paginate(views, config.pageSize, archiveUrl)) {
      pages.push({
        url: archive.urls[archive.number - 1]!,
        title:
          archive.number === 1
            ? `${topic.title}: digest issues`
            : `${topic.title}: digest issues, page ${archive.number}`,
        description: about,
        page: { kind: "digests", topic, archive },
        feeds: feeds.links,
        sources,
        newest: newestOf(archive.items[0]?.issue.scoops ?? []),
      });
    }
    views.forEach((view, i) => {
      const older = views[i + 1];
      const newer = views[i - 1];
      pages.push({
        url: view.url,
        title: view.title,
        description: `${plural(view.issue.scoops.length, "scoop")} from ${view.span}, with the curator's insight on each`,
        page: {
          kind: "digest",
          topic,
          issue: view,
          ...(older ? { older } : {}),
          ...(newer ? { newer } : {}),
        },
        feeds: feeds.links,
        sources,
        newest: newestOf(view.issue.scoops),
      });
      for (const kind of ["html", "text"] as const) {
        const url = urls.digestEmail(view.issue, kind);
        routes.push({
          format: kind === "html" ? "email-html" : "email-text",
          url,
          outputPath: outputPathFor(url),
          sources,
          topic,
          issue: view,
        });
      }
    });
  }
  return { pages, routes, opml };
}

/** An issue named and placed: its title, the days it covers, its page. */
export function issueView(issue: DigestIssue, topic: Topic, language: string): IssueView {
  const monthName = monthNames(language);
  const [fy, fm, fd] = issue.first.split("-").map(Number) as [number, number, number];
  const [ly, lm, ld] = issue.last.split("-").map(Number) as [number, number, number];
  const month = `${monthName(fm)} ${fy}`;
  const lastDay = `${ld} ${monthName(lm)} ${ly}`;
  const span =
    issue.cadence === "monthly"
      ? month
      : fm === lm
        ? `${fd}–${lastDay}`
        : fy === ly
          ? `${fd} ${monthName(fm)} – ${lastDay}`
          : `${fd} ${monthName(fm)} ${fy} – ${lastDay}`;
  const [year, week] = issue.period.split("-w");
  const name = issue.cadence === "monthly" ? month : `week ${Number(week)}, ${year}`;
  return {
    issue,
    title: issue.note?.title ?? `${topic.title}: ${name}`,
    span,
    url: urls.digest(issue),
  };
}

const monthNamesByLanguage = new Map<string, (month: number) => string>();

/**
 * The names of the months in a language, as a month stands alone ("April"): made once per
 * language (formatting each issue's dates through luxon took 114 ms for 976 issues).
 */
function monthNames(language: string): (month: number) => string {
  let names = monthNamesByLanguage.get(language);
  if (names === undefined) {
    const format = new Intl.DateTimeFormat(language, { month: "long", timeZone: "UTC" });
    const list = Array.from({ length: 12 }, (_, i) => format.format(Date.UTC(2001, i, 15)));
    names = (month) => list[month - 1]!;
    monthNamesByLanguage.set(language, names);
  }
  return names;
}
