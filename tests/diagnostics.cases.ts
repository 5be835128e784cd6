/** One case per curator mistake: the corpus file, where it goes, and the exact `curio check` output. */
export interface CorpusCase {
  readonly file: string;
  readonly place: string;
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export const CASES: CorpusCase[] = [
  {
    file: "yaml-title-hash.md",
    place: "content/topics/t/2019-04-12-hookahlife.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-12-hookahlife.md:2:8 error yaml-comment-value: the value of \`title\` starts with \`#\`, which YAML reads as a comment, so the field is empty
  1 | ---
  2 | title: #Hookahlife: Social media posts spread misleading information on hookah use
    |        ^
  hint: quote the value: title: "#Hookahlife: Social media posts spread misleading information on hookah use"

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "yaml-title-colon.md",
    place: "content/topics/t/2019-04-16-take-two.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-16-take-two.md:2:8 error yaml-syntax: the value of \`title\` contains \`: \`, which YAML reads as the start of another field
  1 | ---
  2 | title: Take two and Tweet me in the Morning: How Social Media is Reshaping Health Care
    |        ^
  hint: quote the value: title: "Take two and Tweet me in the Morning: How Social Media is Reshaping Health Care"

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "yaml-tab.md",
    place: "content/topics/t/2019-04-16-tabs.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-16-tabs.md:6:1 error yaml-syntax: this line is indented with a tab, and YAML allows only spaces
  5 | tags:
  6 |  - Strategy
    | ^
  hint: replace the tab with spaces (two per level)

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "missing-title.md",
    place: "content/topics/t/2019-04-16-untitled.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-16-untitled.md:1:1 error missing-field: missing required field \`title\`
  1 | ---
    | ^
  hint: add a line \`title: …\` to the front matter

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "wrong-type-tags.md",
    place: "content/topics/t/2019-04-16-wrong-type.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-16-wrong-type.md:5:7 error wrong-type: \`tags\` must be a list, but it is the number 5
  4 | curator: plus91
  5 | tags: 5
    |       ^
  hint: write a list, e.g. tags: [marketing, seo] or one \`- item\` per line

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "unknown-field-tittle.md",
    place: "content/topics/t/2019-04-16-tittle.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-16-tittle.md:1:1 error missing-field: missing required field \`title\`
  1 | ---
    | ^
  hint: rename \`tittle\` on line 2 to \`title\`

content/topics/t/2019-04-16-tittle.md:2:1 warning unknown-field: unknown field \`tittle\`: did you mean \`title\`?
  1 | ---
  2 | tittle: Social Media Implementation Checklist
    | ^
  hint: rename it to \`title\`

1 error, 1 warning in 1 file
`,
  },
  {
    file: "bad-date-words.md",
    place: "content/topics/t/2019-04-16-words.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-16-words.md:3:7 error bad-date: \`date\` is "April 20", which is not an ISO 8601 date such as 2019-04-19 or 2019-04-19T10:30
  2 | title: A date in words
  3 | date: April 20
    |       ^
  hint: write the date as YYYY-MM-DD (2019-04-19) or YYYY-MM-DDTHH:MM (2019-04-19T17:30), optionally with an offset (+05:30)

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "bad-date-february-30.md",
    place: "content/topics/t/2019-02-30-no-such-day.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-02-30-no-such-day.md:3:7 error bad-date: \`date\` is "2019-02-30", but February 2019 has no day 30
  2 | title: A date that does not exist
  3 | date: 2019-02-30
    |       ^
  hint: write the date as YYYY-MM-DD (2019-04-19) or YYYY-MM-DDTHH:MM (2019-04-19T17:30), optionally with an offset (+05:30)

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "bad-date-offset.md",
    place: "content/topics/t/2019-04-16-offset.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-16-offset.md:3:7 error bad-date: \`date\` is "2019-04-16T10:30+99:00", but the offset +99:00 is out of range: UTC offsets run from -12:00 to +14:00
  2 | title: An offset no place has
  3 | date: 2019-04-16T10:30+99:00
    |       ^
  hint: write an offset from -12:00 to +14:00, such as +05:30 or -08:00, or leave it out to use the site's time zone

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "unknown-timezone.config.yml",
    place: "curio.config.yml",
    code: 1,
    out: ``,
    err: `curio.config.yml:3:11 error bad-timezone: unknown time zone \`Asia/Calcuta\`: did you mean \`Asia/Kolkata\`?
  2 | baseUrl: https://digest.test/
  3 | timezone: Asia/Calcuta
    |           ^
  hint: use an IANA time zone name such as Europe/Paris, Asia/Kolkata or UTC

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "unknown-curator.md",
    place: "content/topics/t/2019-04-16-stranger.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-16-stranger.md:4:10 error unknown-curator: unknown curator \`nirp\`: did you mean \`nrip\`?
  3 | date: 2019-04-16
  4 | curator: nirp
    |          ^
  hint: the known curators are nrip, plus91; to add one, create content/curators/nirp.md with \`name: …\`

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "missing-topic-file.md",
    place: "content/topics/orphan/2019-04-16-lost.md",
    code: 1,
    out: ``,
    err: `content/topics/orphan error missing-topic-file: the topic folder \`orphan\` has no _topic.md, so its scoop has no topic
  hint: create content/topics/orphan/_topic.md with at least \`title: …\` in its front matter

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "unused-curator.md",
    place: "content/curators/ghost.md",
    code: 0,
    out: `content/curators/ghost.md:1:1 warning unused-curator: curator \`ghost\` is not named by any topic or scoop
  1 | ---
    | ^
  hint: add \`ghost\` to a topic's \`curators:\`, name them in a scoop's \`curator:\`, or delete the file
No errors: 1 scoop, 1 topic, 3 curators; 0 errors, 1 warning in 1 file
`,
    err: ``,
  },
  {
    file: "duplicate-slug.md",
    place: "content/topics/t/2019-04-17-checklist.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-18-checklist.md:1:1 error duplicate-slug: two scoops in topic \`t\` have the slug \`checklist\`: this file and content/topics/t/2019-04-17-checklist.md
  1 | ---
    | ^
  hint: give one of them another file name or a different \`slug:\`

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "tags-same-tag.md",
    place: "content/topics/t/2019-04-17-same-tags.md",
    code: 0,
    out: `No errors: 2 scoops, 1 topic, 2 curators
`,
    err: ``,
  },
  {
    file: "tag-url-collision.md",
    place: "content/topics/t/2019-04-17-cpp.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-18-checklist.md:6:18 error tag-collision: tags "C++" (content/topics/t/2019-04-17-cpp.md) and "C" (content/topics/t/2019-04-18-checklist.md) would both be published at /tags/c/
  5 | pinned: true
  6 | tags: [Strategy, C, Patient engagement]
    |                  ^
  hint: rename one of the tags so they differ in letters or digits, or use the same tag in both files

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "second-pinned.md",
    place: "content/topics/t/2019-04-17-second-pinned.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-18-checklist.md:5:1 error multiple-pinned: topic \`t\` has more than one pinned scoop: this one and content/topics/t/2019-04-17-second-pinned.md
  4 | curator: nrip
  5 | pinned: true
    | ^
  hint: keep \`pinned: true\` on one scoop of the topic and remove it from the others

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "empty-file.md",
    place: "content/topics/t/2019-04-17-empty.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-17-empty.md:1:1 error empty-file: the file is empty
  1 | 
    | ^
  hint: add front matter between \`---\` lines (at least a title), or delete the file

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "no-front-matter.md",
    place: "content/topics/t/2019-04-17-bare.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-17-bare.md:1:1 error no-front-matter: the file has no front matter
  1 | Just an excerpt, with no front matter at all.
    | ^
  hint: start the file with a line \`---\`, the fields (\`title: …\`), and another \`---\` line

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "not-utf8.md",
    place: "content/topics/t/2019-04-17-latin1.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-17-latin1.md:2:11 error not-utf8: the file is not valid UTF-8: byte 0xE9 at byte offset 14 cannot start or continue a character
  1 | ---
  2 | title: Caf� culture
    |           ^
  hint: save the file as UTF-8 in your editor (for example "Save with Encoding → UTF-8"), or retype the character

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "bom-crlf.md",
    place: "content/topics/t/2019-04-17-windows.md",
    code: 0,
    out: `No errors: 2 scoops, 1 topic, 2 curators
`,
    err: ``,
  },
  {
    file: "future-scoop.md",
    place: "content/topics/t/2030-01-01-later.md",
    code: 0,
    out: `No errors: 1 scoop, 1 topic, 2 curators (1 scheduled)
  scheduled: content/topics/t/2030-01-01-later.md goes live 2030-01-01T09:00:00+05:30 (build with --future to include it now)
`,
    err: ``,
  },
  {
    file: "draft.md",
    place: "content/topics/t/2019-04-17-draft.md",
    code: 0,
    out: `No errors: 1 scoop, 1 topic, 2 curators (1 draft left out)
`,
    err: ``,
  },
  {
    file: "unsafe-urls.md",
    place: "content/topics/t/2019-04-17-unsafe.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-17-unsafe.md:3:6 error unsafe-url: \`url\` uses the \`javascript:\` scheme, which Curio never publishes
  2 | title: Unsafe links in front matter
  3 | url: javascript:alert(1)
    |      ^
  hint: use an http:// or https:// address (or mailto: for links)

content/topics/t/2019-04-17-unsafe.md:6:8 error unsafe-url: \`image\` uses the \`data:\` scheme, which Curio never publishes
  5 | curator: nrip
  6 | image: "DATA:image/svg+xml;base64,PHN2Zz4="
    |        ^
  hint: use an http:// or https:// address (or mailto: for links)

content/topics/t/2019-04-17-unsafe.md:9:8 error unsafe-url: \`via.url\` uses the \`vbscript:\` scheme, which Curio never publishes
  8 |   name: A site
  9 |   url: " vbscript:msgbox(1)"
    |        ^
  hint: use an http:// or https:// address (or mailto: for links)

3 errors, 0 warnings in 1 file
`,
  },
  {
    file: "template-error.scoop-card.eta",
    place: "templates/scoop-card.eta",
    code: 1,
    out: ``,
    err: `templates/scoop-card.eta:7:1 error template-error: template \`scoop-card\` failed while rendering /: Cannot read properties of undefined (reading 'domain')
  6 |   <h2><%= s.title %></h2>
  7 |   <p><%= s.source.domain %></p>
    | ^
  hint: fix the template expression on that line; \`it.page\` holds the page's data

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "template-syntax.scoop-card.eta",
    place: "templates/scoop-card.eta",
    code: 1,
    out: ``,
    err: `templates/scoop-card.eta:6:32 error template-error: template \`scoop-card\` cannot be compiled: missing ) after argument list
  5 | <article class="card">
  6 |   <h2><%= h.shorten(s.title, 80 %></h2>
    |                                ^
  hint: check that every \`<%\` has a matching \`%>\` and the JavaScript inside is complete

1 error, 0 warnings in 1 file
`,
  },
  {
    file: "placeholder-base-url.config.yml",
    place: "curio.config.yml",
    code: 0,
    out: `curio.config.yml:2:10 warning placeholder-base-url: \`baseUrl\` is \`https://example.org/\`, a placeholder address: feeds, the sitemap and canonical links would point at it
  1 | title: Corpus digest
  2 | baseUrl: https://example.org/
    |          ^
  hint: set your site's address: \`baseUrl: https://your.site/\` in curio.config.yml, or pass --base-url
No errors: 1 scoop, 1 topic, 2 curators; 0 errors, 1 warning in 1 file
`,
    err: ``,
  },
  {
    file: "comma-in-tags.md",
    place: "content/topics/t/2019-04-19-patient-reviews.md",
    code: 0,
    out: `content/topics/t/2019-04-19-patient-reviews.md:5:7 warning comma-in-tags: \`tags\` is one text, so "Reviews, Patient engagement" is a single tag: a comma does not separate tags
  4 | curator: nrip
  5 | tags: Reviews, Patient engagement
    |       ^
  hint: write a list: tags: [Reviews, Patient engagement]
No errors: 2 scoops, 1 topic, 2 curators; 0 errors, 1 warning in 1 file
`,
    err: ``,
  },
  {
    file: "cta-without-url.md",
    place: "content/topics/t/_topic.md",
    code: 0,
    out: `content/topics/t/_topic.md:4:1 warning cta-without-url: \`cta\` has no \`url\`, so the topic's pages ask a question with no form or link to answer it
  3 | curators: [nrip, plus91]
  4 | cta:
    | ^
  hint: add \`url:\` under \`cta:\` (a form, a page or a mailto: address), or remove the \`cta\`
No errors: 1 scoop, 1 topic, 2 curators; 0 errors, 1 warning in 1 file
`,
    err: ``,
  },
  {
    file: "empty-comment.md",
    place: "content/topics/t/2019-04-19-checklist-two.md",
    code: 0,
    out: `content/topics/t/2019-04-19-checklist-two.md:9:5 warning empty-comment: the comment \`comments.1\` by "cctopbuilders" has no text
  8 |     text: Nice post
  9 |   - author: cctopbuilders
    |     ^
  hint: write the comment's \`text:\`, or remove the comment
No errors: 2 scoops, 1 topic, 2 curators; 0 errors, 1 warning in 1 file
`,
    err: ``,
  },
  {
    file: "long-excerpt.md",
    place: "content/topics/t/2019-04-19-listen.md",
    code: 0,
    out: `content/topics/t/2019-04-19-listen.md:8:1 warning long-excerpt: the excerpt is 320 words long, over the 300 of \`excerptWords\`: quoting a whole article is not curation
  7 | 
  8 | Hospitals that answer patients on social media learn what worries them before it becomes a complaint, Hospitals that an…
    | ^
  hint: quote the passage that matters and link to the rest, or raise \`excerptWords\` in curio.config.yml
No errors: 2 scoops, 1 topic, 2 curators; 0 errors, 1 warning in 1 file
`,
    err: ``,
  },
  {
    file: "insight-twice.md",
    place: "content/topics/t/2019-04-19-listen.md",
    code: 1,
    out: ``,
    err: `content/topics/t/2019-04-19-listen.md:11:1 error insight-twice: the insight is written twice: in \`insight:\` and under \`## Insight\` in the body
  10 | 
  11 | ## Insight
     | ^
  hint: keep one: move the \`insight:\` text under \`## Insight\`, or remove the section

1 error, 0 warnings in 1 file
`,
  },
];
