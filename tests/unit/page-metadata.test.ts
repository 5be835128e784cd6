import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pageMetadata } from "../../src/new/page-metadata.js";

const URL_ = "https://news.example/section/story.html";

/** A page with the given tags in its head. */
const page = (head: string, body = "") =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

const og = `<meta property="og:title" content="OG title">
<meta property="og:description" content="OG description">
<meta property="og:image" content="https://img.example/og.jpg">
<meta property="og:image:alt" content="OG alt">
<meta property="og:site_name" content="OG Site">
<meta property="og:url" content="https://news.example/story">
<meta property="article:published_time" content="2024-03-02T10:00:00Z">
<meta property="article:author" content="OG Author">`;
const twitter = `<meta name="twitter:title" content="Twitter title">
<meta name="twitter:description" content="Twitter description">
<meta name="twitter:image" content="https://img.example/tw.jpg">
<meta name="twitter:image:alt" content="Twitter alt">`;
const jsonLd = (data: unknown) =>
  `<script type="application/ld+json">${JSON.stringify(data)}</script>`;
const article = {
  "@context": "https://schema.org",
  "@type": "NewsArticle",
  headline: "LD headline",
  description: "LD description",
  image: { "@type": "ImageObject", url: "https://img.example/ld.jpg", caption: "LD caption" },
  author: { "@type": "Person", name: "LD Author" },
  datePublished: "2024-03-01",
  publisher: { "@type": "Organization", name: "LD Publisher" },
  url: "https://news.example/ld-url",
};
const plain = `<title>Plain title</title>
<meta name="description" content="Plain description">
<meta name="author" content="Plain Author">
<link rel="canonical" href="https://news.example/canonical">`;

describe("pageMetadata: which source wins", () => {
  it("Open Graph first", () => {
    expect(pageMetadata(page(plain + jsonLd(article) + twitter + og), URL_)).toEqual({
      title: "OG title",
      description: "OG description",
      image: "https://img.example/og.jpg",
      imageAlt: "OG alt",
      siteName: "OG Site",
      author: "OG Author",
      published: "2024-03-02T10:00:00Z",
      canonical: "https://news.example/story",
    });
  });

  it("then Twitter cards (an image's alt text comes with the image)", () => {
    expect(pageMetadata(page(plain + jsonLd(article) + twitter), URL_)).toEqual({
      title: "Twitter title",
      description: "Twitter description",
      image: "https://img.example/tw.jpg",
      imageAlt: "Twitter alt",
      siteName: "LD Publisher",
      author: "LD Author",
      published: "2024-03-01",
      canonical: "https://news.example/ld-url",
    });
  });

  it("then JSON-LD", () => {
    expect(pageMetadata(page(plain + jsonLd(article)), URL_)).toEqual({
      title: "LD headline",
      description: "LD description",
      image: "https://img.example/ld.jpg",
      imageAlt: "LD caption",
      siteName: "LD Publisher",
      author: "LD Author",
      published: "2024-03-01",
      canonical: "https://news.example/ld-url",
    });
  });

  it("then plain HTML", () => {
    expect(
      pageMetadata(page(plain, '<p>By <time datetime="2024-02-01">Feb 1</time></p>'), URL_),
    ).toEqual({
      title: "Plain title",
      description: "Plain description",
      author: "Plain Author",
      published: "2024-02-01",
      canonical: "https://news.example/canonical",
    });
  });

  it("an image's alt text never comes from another source than the image", () => {
    const m = pageMetadata(
      page(
        '<meta property="og:image" content="/a.png"><meta name="twitter:image:alt" content="B">',
      ),
      URL_,
    );
    expect(m).toEqual({ image: "https://news.example/a.png" });
  });

  it("skips an `article:author` that is a profile URL", () => {
    const m = pageMetadata(
      page(
        '<meta property="article:author" content="https://facebook.com/someone"><meta name="author" content="Jo">',
      ),
      URL_,
    );
    expect(m.author).toBe("Jo");
  });

  it("prefers a <time> marked as the publication date over the first one", () => {
    const m = pageMetadata(
      page(
        "",
        '<time datetime="2024-05-05">updated</time><time itemprop="datePublished" datetime="2024-01-01">x</time>',
      ),
      URL_,
    );
    expect(m.published).toBe("2024-01-01");
  });
});

describe("pageMetadata: JSON-LD", () => {
  it("finds the article in an @graph and follows @id references to its author and publisher", () => {
    const graph = {
      "@context": "https://schema.org",
      "@graph": [
        { "@type": "WebSite", "@id": "https://news.example/#site", name: "News Site" },
        { "@type": "Organization", "@id": "https://news.example/#org", name: "News Org" },
        { "@type": "Person", "@id": "https://news.example/#ann", name: "Ann" },
        {
          "@type": ["Article", "BlogPosting"],
          headline: "Graph headline",
          author: [{ "@id": "https://news.example/#ann" }, "Bo", { name: "Cy" }, { name: "Ann" }],
          publisher: { "@id": "https://news.example/#org" },
          image: ["/one.jpg", "/two.jpg"],
        },
      ],
    };
    expect(pageMetadata(page(jsonLd(graph)), URL_)).toEqual({
      title: "Graph headline",
      image: "https://news.example/one.jpg",
      siteName: "News Org",
      author: "Ann, Bo, Cy",
    });
  });

  it("reads a top-level array, an author given as text, and the WebSite's name for the site", () => {
    const blocks = [
      { "@type": "WebSite", name: "The Site" },
      {
        "@type": "BlogPosting",
        name: "Post name",
        author: "Dee",
        image: "https://i.example/x.png",
      },
    ];
    expect(pageMetadata(page(jsonLd(blocks)), URL_)).toEqual({
      title: "Post name",
      image: "https://i.example/x.png",
      siteName: "The Site",
      author: "Dee",
    });
  });

  it("decodes entities and drops tags inside JSON-LD text; ignores broken blocks", () => {
    const html = page(
      `<script type="application/ld+json">{ broken </script>` +
        jsonLd({ "@type": "Article", headline: "Caf&eacute; &amp; <b>bar</b>&#8217;s" }),
    );
    expect(pageMetadata(html, URL_)).toEqual({ title: "Café & bar’s" });
  });

  it("ignores JSON-LD that describes no article, except for the site's name", () => {
    const html = page(jsonLd({ "@type": "Product", name: "A phone" }) + "<title>T</title>");
    expect(pageMetadata(html, URL_)).toEqual({ title: "T" });
  });
});

describe("pageMetadata: cleaning", () => {
  it("decodes entities and collapses whitespace", () => {
    const m = pageMetadata(
      page(
        '<title>\n  A &amp; B\t&mdash;  C  </title><meta name="description" content="  one\n two &quot;three&quot; ">',
      ),
      URL_,
    );
    expect(m).toEqual({ title: "A & B — C", description: 'one two "three"' });
  });

  it("resolves relative image and canonical URLs against the page, or its <base href>", () => {
    expect(
      pageMetadata(
        page('<meta property="og:image" content="../img/a.png"><link rel=canonical href="/c">'),
        URL_,
      ),
    ).toEqual({ image: "https://news.example/img/a.png", canonical: "https://news.example/c" });
    expect(
      pageMetadata(
        page('<base href="https://cdn.example/assets/"><meta property="og:image" content="a.png">'),
        URL_,
      ),
    ).toEqual({ image: "https://cdn.example/assets/a.png" });
    expect(
      pageMetadata(page('<meta property="og:image" content="//cdn.example/p.jpg">'), URL_).image,
    ).toBe("https://cdn.example/p.jpg");
  });

  it("keeps only http(s) images and canonical URLs", () => {
    const m = pageMetadata(
      page(
        '<meta property="og:image" content="data:image/png;base64,AAAA"><meta name="twitter:image" content="https://i.example/t.png"><link rel="canonical" href="javascript:alert(1)">',
      ),
      URL_,
    );
    expect(m).toEqual({ image: "https://i.example/t.png" });
  });

  it("ignores empty values and an SVG's <title>", () => {
    const m = pageMetadata(
      page(
        '<meta property="og:title" content="  "><meta property="og:description" content="">',
        "<svg><title>Icon</title></svg>",
      ) + "<title>Real</title>",
      URL_,
    );
    expect(m).toEqual({ title: "Real" });
  });

  it("reads meta tags given with name= instead of property=, in any case", () => {
    const m = pageMetadata(page('<META NAME="OG:Title" CONTENT="Shouting">'), URL_);
    expect(m.title).toBe("Shouting");
  });

  it("tolerates broken HTML", () => {
    const html =
      "<html><head><title>Half <b>open</title><meta name=description content=unquoted><body><div><p>x<meta property=og:image content=/i.png></span></table>";
    expect(pageMetadata(html, URL_)).toEqual({
      title: "Half <b>open",
      description: "unquoted",
      image: "https://news.example/i.png",
    });
  });

  it("an unclosed <title> still gives its text", () => {
    expect(pageMetadata("<title>Never closed", URL_)).toEqual({ title: "Never closed" });
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        pageMetadata(s, URL_);
        pageMetadata(`<script type="application/ld+json">${s}</script><meta content="${s}">`, URL_);
      }),
      { numRuns: 300 },
    );
  });
});
