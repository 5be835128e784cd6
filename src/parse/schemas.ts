import { z } from "zod";

/**
 * Schemas of the curator's contract: `curio.config.yml` and the front matter of scoops,
 * topics and curators. Value checks that need context (dates in the site's time zone,
 * URL safety, known curators) are done by the validators, not here. The descriptions are
 * what editors show: `src/schemas/json-schemas.ts` turns these schemas into JSON Schemas.
 */

/** The widths of the smaller copies of a local image, unless the config says otherwise. */
export const DEFAULT_IMAGE_WIDTHS = [320, 640, 960, 1280] as const;

/** The unsubscribe link of digest emails, unless the config says otherwise: Buttondown's and others' placeholder. */
export const DEFAULT_UNSUBSCRIBE = "{{ unsubscribe_url }}";

/** Text: YAML reads `title: 1984` as a number; the curator meant text. */
const text = () => z.preprocess((v) => (typeof v === "number" ? String(v) : v), z.string());

/** A list of text values; a single text value is accepted as a list of one. */
const textList = () => z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(text()));

/** A plugin: its name, or its name and options (`[remark-emoji, {accessible: true}]`). */
const pluginSetting = () => z.union([text(), z.tuple([text(), z.record(z.string(), z.unknown())])]);

export const configSchema = z.object({
  title: text().default("Curio digest").describe("The site's name."),
  description: text()
    .optional()
    .describe("One sentence about the site, for the home page, feeds and search engines."),
  baseUrl: text()
    .optional()
    .describe(
      "Where the site will live: an absolute http(s) URL, which may have a subpath (https://example.org/digest/).",
    ),
  language: text()
    .default("en")
    .describe("The site's language, a BCP 47 tag (en, en-GB, fr): <html lang> and dates."),
  timezone: text()
    .default("UTC")
    .describe("The IANA time zone (Asia/Kolkata) for dates written without an offset."),
  pageSize: z.number().int().min(1).max(1000).default(20).describe("Scoops per list page."),
  image: text()
    .optional()
    .describe(
      "The picture social cards show for pages without their own (http(s) or a site path).",
    ),
  imageAlt: text().optional().describe("The alt text of `image`."),
  feeds: z
    .object({
      items: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .default(50)
        .describe("Scoops per feed, newest first."),
      link: z
        .enum(["page", "source"])
        .optional()
        .describe(
          "Where a feed item links: `source`, the source article (for scoops with a `url`), or `page`, the scoop's page. Default: as `cards.headline`.",
        ),
    })
    .default({ items: 50 })
    .describe("Settings of the RSS, Atom and JSON feeds."),
  cards: z
    .object({
      headline: z
        .enum(["source", "page"])
        .default("source")
        .describe(
          "Where a scoop's headline on list pages links: `source`, the article it quotes (when it has a `url`), or `page`, the scoop's own page.",
        ),
      view: z
        .enum(["full", "compact"])
        .default("full")
        .describe(
          "How list pages show scoops: `full` cards (insight, excerpt, picture) or `compact` rows (title, source, one line of insight).",
        ),
    })
    .default({ headline: "source", view: "full" })
    .describe("How list pages show scoops."),
  discuss: text()
    .optional()
    .describe(
      "Where readers discuss scoops (a forum thread, a GitHub Discussion, a Mastodon post or a mailto: address), linked beside every scoop's comments. A topic's own `discuss` wins.",
    ),
  suggest: text()
    .optional()
    .describe(
      'Where readers suggest a link (an issue form, a mailto: address): a "Suggest a link" beside the comments and on list pages. A topic\'s own `suggest` wins.',
    ),
  share: z
    .array(z.enum(["email", "mastodon", "bluesky", "linkedin"]))
    .default([])
    .describe(
      "Share links on each scoop's page, plain links that need no JavaScript: any of email, mastodon, bluesky, linkedin (none by default).",
    ),
  excerptWords: z
    .number()
    .int()
    .min(1)
    .default(300)
    .describe(
      "An excerpt longer than this many words gets a warning: quote the part that matters, not the whole article.",
    ),
  images: z
    .object({
      widths: z
        .array(z.number().int().min(16).max(4096))
        .max(12)
        .default([...DEFAULT_IMAGE_WIDTHS])
        .describe(
          "The widths in pixels of the smaller copies made of a scoop's local image (one under `static/`), for `srcset`; only those narrower than the image are made. `[]` makes none.",
        ),
    })
    .default({ widths: [...DEFAULT_IMAGE_WIDTHS] })
    .describe("How local images are published."),
  digest: z
    .union([z.enum(["weekly", "monthly"]), z.literal(false)])
    .default("weekly")
    .describe(
      "How often each topic's digest comes out: `weekly` (ISO weeks in the site's time zone), `monthly`, or `false` for none. A topic's own `digest` wins.",
    ),
  email: z
    .object({
      unsubscribe: text()
        .default(DEFAULT_UNSUBSCRIBE)
        .describe(
          "Where a digest email's unsubscribe link points: the placeholder your sending service fills, or an address.",
        ),
    })
    .default({ unsubscribe: DEFAULT_UNSUBSCRIBE })
    .describe("What digest emails link to."),
  search: z
    .boolean()
    .default(true)
    .describe(
      "Full-text search of the scoops: a /search/ page and a search box in the header (the one feature that needs JavaScript). `false` turns it off.",
    ),
  defaults: z
    .object({
      topic: text().optional().describe("The topic new scoops go into (a topic's folder name)."),
      curator: text().optional().describe("Who new scoops are by (a curator's id)."),
    })
    .strict()
    .optional()
    .describe(
      "What `curio new scoop` and `curio import` use when not told: `--topic` and `--curator`.",
    ),
  sources: z
    .array(
      z
        .object({
          feed: text().describe("The feed's address (http or https): RSS, Atom or JSON Feed."),
          topic: text()
            .optional()
            .describe(
              "The topic its candidates are for (default: `defaults.topic`, or the only topic).",
            ),
        })
        .strict(),
    )
    .default([])
    .describe("Feeds `curio inbox pull` watches for candidates."),
  markdown: z
    .object({
      gfm: z
        .boolean()
        .default(true)
        .describe(
          "GitHub-flavoured markdown: tables, ~~strikethrough~~, bare links, task lists and footnotes. `false` keeps to CommonMark.",
        ),
      remarkPlugins: z
        .array(pluginSetting())
        .default([])
        .describe(
          "remark plugins installed in the digest (`npm install remark-smartypants`), in order: a name, or `[name, {options}]`. Trusted code, like a theme.",
        ),
      rehypePlugins: z
        .array(pluginSetting())
        .default([])
        .describe(
          "rehype plugins installed in the digest (`npm install rehype-slug`), in order: a name, or `[name, {options}]`. They run before the sanitizer. Trusted code, like a theme.",
        ),
    })
    .strict()
    .default({ gfm: true, remarkPlugins: [], rehypePlugins: [] })
    .describe("How markdown is read: its flavour and the plugins it goes through."),
});

export const digestNoteSchema = z.object({
  title: text().optional().describe('The issue\'s own title, instead of "<topic>: week 16, 2019".'),
  intro: text()
    .optional()
    .describe("One sentence that opens the issue, above the note (and the email's preview text)."),
});

export const curatorSchema = z.object({
  name: text().describe("The curator's name, as readers see it."),
  url: text().optional().describe("The curator's own site or profile."),
  avatar: text().optional().describe("A picture of the curator (http(s) or a site path)."),
});

export const topicSchema = z.object({
  title: text().describe("The topic's title."),
  description: text()
    .optional()
    .describe("One sentence on what the topic collects, for its card, header and feeds."),
  audience: text().optional().describe("Who the topic is for."),
  curators: textList()
    .optional()
    .describe("The ids of the topic's curators (file names in content/curators/, without .md)."),
  cta: z
    .object({
      text: text().describe('The question, e.g. "Would you like help with …?"'),
      url: text().optional().describe("Where the link goes; without it the label is plain text."),
      label: text().optional().describe('The link text (default "Get in touch").'),
    })
    .optional()
    .describe("A call to action shown at the end of the topic's pages."),
  discuss: text()
    .optional()
    .describe("Where readers discuss this topic's scoops; overrides the config's `discuss`."),
  suggest: text()
    .optional()
    .describe("Where readers suggest a link for this topic; overrides the config's `suggest`."),
  digest: z
    .union([z.enum(["weekly", "monthly"]), z.literal(false)])
    .optional()
    .describe(
      "How often this topic's digest comes out (`weekly`, `monthly` or `false`); overrides the config's `digest`.",
    ),
});

export const commentSchema = z.object({
  author: text().describe("Who wrote the comment."),
  date: text().describe("When: 2019-04-20 or 2019-04-20T05:34, optionally with an offset."),
  text: text().default("").describe('The comment, in markdown; its links get rel="nofollow ugc".'),
});

export const scoopSchema = z.object({
  title: text().describe("The scoop's title."),
  url: text()
    .optional()
    .describe("The source article: an absolute http(s) URL, shown with its domain."),
  date: text().describe(
    "The curation date, ISO 8601: 2019-04-16, 2019-04-16T09:30 or 2019-04-16T09:30+02:00; without an offset it is in the site's time zone. A future date holds the scoop back until then.",
  ),
  curator: text()
    .optional()
    .describe("A curator id; may be left out when the topic has exactly one curator."),
  tags: textList()
    .optional()
    .describe("Tags to browse by: a list of text (one text is a list of one)."),
  image: text().optional().describe("A picture of the source: http(s) or a site path."),
  imageAlt: text()
    .optional()
    .describe("The image's alt text; leave it out for a decorative image."),
  imageWidth: z
    .number()
    .int()
    .min(1)
    .max(20000)
    .optional()
    .describe("The image's width in pixels, when known."),
  imageHeight: z
    .number()
    .int()
    .min(1)
    .max(20000)
    .optional()
    .describe("The image's height in pixels, when known."),
  insight: text()
    .optional()
    .describe("The curator's own comment (markdown), shown apart from the excerpt."),
  published: text()
    .optional()
    .describe("When the source itself was published: a date, like `date`."),
  sourceName: text().optional().describe('The name the source site gives itself ("The Verge").'),
  sourceAuthor: text().optional().describe("The source article's author, as the page names them."),
  via: z
    .object({
      name: text().describe("Where the curator found the article."),
      url: text().optional().describe("Its address."),
    })
    .optional()
    .describe("Where the curator found the article."),
  pinned: z
    .boolean()
    .optional()
    .describe("true shows the scoop first on its topic's first page (at most one per topic)."),
  draft: z
    .boolean()
    .optional()
    .describe("true leaves the scoop out unless the build runs with --drafts."),
  comments: z.array(commentSchema).optional().describe("Readers' comments."),
  slug: text().optional().describe("Overrides the slug (the URL) taken from the file name."),
});

export type ConfigData = z.output<typeof configSchema>;
export type CuratorData = z.output<typeof curatorSchema>;
export type TopicData = z.output<typeof topicSchema>;
export type ScoopData = z.output<typeof scoopSchema>;
