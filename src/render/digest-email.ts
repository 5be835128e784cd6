import type { SiteIndex } from "../index/site-index.js";
import type { EmailRoute, IssueView } from "../plan/routes.js";
import { EMAIL_TEMPLATE } from "../plan/page-templates.js";
import { urls } from "../plan/urls.js";
import { displayDomain } from "../util/safe-url.js";
import type { Theme } from "./theme.js";
import type { ViewHelpers } from "./view-helpers.js";

/** What an issue's email is made from. */
export interface EmailContext {
  readonly index: SiteIndex;
  readonly theme: Theme;
  readonly helpers: ViewHelpers;
}

/**
 * An issue of a digest as an HTML email: the theme's `email` template, whose `<style>` was
 * moved onto its elements when it was first rendered (`inlineEmailStyles`), since mail clients
 * drop stylesheets. The template gets
 * `it = { site, route, topic, issue, h, unsubscribe, inFeed }` and writes every URL absolute.
 * `inFeed` is true for a digest feed's item, which a feed-to-email service wraps in its own
 * footer and unsubscribe link.
 */
export function emailHtml(
  route: Pick<EmailRoute, "topic" | "issue" | "url">,
  ctx: EmailContext,
  inFeed = false,
): string {
  const { config } = ctx.index;
  return ctx.theme.render(EMAIL_TEMPLATE, {
    site: config,
    route,
    topic: route.topic,
    issue: route.issue,
    h: ctx.helpers,
    unsubscribe: config.email.unsubscribe,
    inFeed,
  });
}

/** The body of an issue's HTML email, styles inlined: a digest feed item's content. */
export function issueBody(issue: IssueView, ctx: EmailContext): string {
  const topic = ctx.index.topicById.get(issue.issue.topicId)!.topic;
  const html = emailHtml({ topic, issue, url: urls.digestEmail(issue.issue, "html") }, ctx, true);
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
  return (body?.[1] ?? html).trim();
}

/**
 * An issue of a digest as a plain-text email, the alternative part of the HTML one: each
 * scoop's title, source address, the curator's insight and the start of the excerpt, with the
 * issue's page and the unsubscribe link at the end. Lines are kept under 78 characters where
 * the words allow (RFC 5322).
 */
export function emailText(route: EmailRoute, index: SiteIndex, h: ViewHelpers): string {
  const { config } = index;
  const { issue } = route;
  const out: string[] = [
    issue.title,
    "=".repeat(Math.min(issue.title.length, 76)),
    "",
    wrap(`${h.count(issue.issue.scoops.length, "scoop")} from ${issue.span}.`),
    `Read it on the web: ${h.abs(issue.url)}`,
    "",
  ];
  const note = issue.issue.note;
  if (note) {
    if (note.intro) out.push(wrap(note.intro), "");
    for (const p of h.paragraphs(note.bodyText, 4000)) out.push(wrap(p), "");
  }
  issue.issue.scoops.forEach((scoop, i) => {
    out.push(wrap(`${i + 1}. ${scoop.title}`).replace(/\n/g, "\n   "));
    if (scoop.insightText) {
      out.push("", wrap(`${h.insightLabel(scoop)}:`, "   "));
      for (const p of h.paragraphs(scoop.insightText, 600)) out.push(wrap(p, "   "));
    }
    for (const p of h.paragraphs(scoop.excerptText, scoop.insightText ? 240 : 400))
      out.push("", wrap(p, "   > "));
    out.push("");
    if (scoop.url) out.push(`   Read at ${displayDomain(scoop.url) ?? "the source"}: ${scoop.url}`);
    out.push(`   The scoop's page: ${h.abs(h.scoopUrl(scoop))}`, "");
  });
  out.push(
    "--",
    wrap(`You get this email because you follow ${route.topic.title} on ${config.title}.`),
    `${config.title}: ${h.abs("/")}`,
    `Unsubscribe: ${config.email.unsubscribe}`,
    "",
  );
  return out.join("\n");
}

/** Wraps text at word boundaries to lines of at most 76 characters, each after `indent`. */
function wrap(text: string, indent = ""): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== "" && indent.length + line.length + 1 + word.length > 76) {
      lines.push(indent + line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(indent + line);
  return lines.join("\n");
}
