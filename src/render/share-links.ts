import type { ShareTarget } from "../model.js";

/** A plain link that shares a page: no JavaScript, no script from the network. */
export interface ShareLink {
  readonly target: ShareTarget;
  /** The network's name, "Email", "Mastodon", "Bluesky", "LinkedIn": the link's visible text. */
  readonly label: string;
  /** The share URL, every value encoded (escape it as any attribute when printing). */
  readonly href: string;
}

/** What a share link shares: a page's absolute URL and its title. */
export interface SharedPage {
  readonly url: string;
  readonly title: string;
}

/** URI-encodes text; a lone surrogate (which `encodeURIComponent` refuses) becomes U+FFFD. */
export function encodeText(text: string): string {
  return encodeURIComponent(text.toWellFormed());
}

/**
 * The share URL of one target. Each one needs no knowledge of the reader's account:
 * - `email`: `mailto:?subject=<title>&body=<url>`, for the reader's own mail program;
 * - `mastodon`: `https://mastodonshare.com/?text=<title url>`: Mastodon has no central
 *   share-intent address (every server has its own), and mastodonshare.com asks the reader for
 *   their server and forwards to its `/share` page;
 * - `bluesky`: `https://bsky.app/intent/compose?text=<title url>`, Bluesky's own;
 * - `linkedin`: `https://www.linkedin.com/sharing/share-offsite/?url=<url>`, LinkedIn's own (it
 *   reads the title from the page).
 */
export function shareUrl(target: ShareTarget, page: SharedPage): string {
  const text = encodeText(`${page.title} ${page.url}`);
  switch (target) {
    case "email":
      return `mailto:?subject=${encodeText(page.title)}&body=${encodeText(page.url)}`;
    case "mastodon":
      return `https://mastodonshare.com/?text=${text}`;
    case "bluesky":
      return `https://bsky.app/intent/compose?text=${text}`;
    case "linkedin":
      return `https://www.linkedin.com/sharing/share-offsite/?url=${encodeText(page.url)}`;
  }
}

const LABELS: Readonly<Record<ShareTarget, string>> = {
  email: "Email",
  mastodon: "Mastodon",
  bluesky: "Bluesky",
  linkedin: "LinkedIn",
};

/** The share links of a page, one per target in the order given. */
export function shareLinks(targets: readonly ShareTarget[], page: SharedPage): ShareLink[] {
  return targets.map((target) => ({
    target,
    label: LABELS[target],
    href: shareUrl(target, page),
  }));
}

/**
 * A `mailto:` address with a subject added when it has no query of its own (so "Discuss this
 * scoop" by mail says which scoop); any other URL as it is.
 */
export function withMailSubject(url: string, subject: string): string {
  return /^mailto:/i.test(url.trim()) && !url.includes("?")
    ? `${url.trim()}?subject=${encodeText(subject)}`
    : url;
}
