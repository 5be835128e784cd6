import { describe, expect, it } from "vitest";
import { countWords, tagList } from "../src/parse/field-checks.js";
import { buildSite, makeSite } from "./helpers/sites.js";

/** A digest with one topic, one curator and the given scoop and topic front matter. */
function digest(scoop: string, topic = "title: T\ncurators: [ann]", config?: string) {
  return makeSite({
    ...(config === undefined ? {} : { "curio.config.yml": config }),
    "content/curators/ann.md": "---\nname: Ann\n---\n",
    "content/topics/t/_topic.md": `---\n${topic}\n---\n`,
    "content/topics/t/2024-01-01-one.md": scoop,
  });
}

const codes = async (root: string, cache = false) =>
  (await buildSite(root, { cache })).diagnostics.map((d) => d.code);

describe("the warnings of issue 14 are not given", () => {
  it("for a list of tags, one of them with a comma: a list item is meant as written", async () => {
    const root = await digest(
      "---\ntitle: One\ndate: 2024-01-01\ntags: [Reviews, 'Doctors, nurses']\n---\nText.\n",
    );
    expect(await codes(root)).toEqual([]);
  });

  it("for a cta with a url, a comment with text, or an excerpt of exactly excerptWords words", async () => {
    const words = Array.from({ length: 300 }, (_, i) => `w${i}`).join(" ");
    const root = await digest(
      `---\ntitle: One\ndate: 2024-01-01\ncomments:\n  - author: Bo\n    date: 2024-01-02\n    text: Yes\n---\n${words}\n`,
      "title: T\ncurators: [ann]\ncta:\n  text: Help?\n  url: mailto:ann@digest.test",
    );
    expect(await codes(root)).toEqual([]);
  });

  it("for an address that only looks like the placeholder", async () => {
    for (const baseUrl of [
      "https://example.org.uk/",
      "https://myexample.com/",
      "https://examples.net/",
    ]) {
      const root = await digest(
        "---\ntitle: One\ndate: 2024-01-01\n---\nText.\n",
        undefined,
        `baseUrl: ${baseUrl}\n`,
      );
      expect(await codes(root), baseUrl).toEqual([]);
    }
  });
});

describe("the placeholder baseUrl", () => {
  it("is any address on example.org, example.com or example.net, from the config or --base-url", async () => {
    const root = await digest(
      "---\ntitle: One\ndate: 2024-01-01\n---\nText.\n",
      undefined,
      "baseUrl: https://www.example.com/digest/\n",
    );
    const fromConfig = await buildSite(root, { cache: false });
    expect(fromConfig.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([
      ["placeholder-base-url", "curio.config.yml", 1, 10],
    ]);
    const fromCli = await buildSite(root, { cache: false, baseUrl: "https://EXAMPLE.NET/" });
    expect(fromCli.diagnostics).toEqual([
      {
        severity: "warning",
        code: "placeholder-base-url",
        message:
          "--base-url is `https://EXAMPLE.NET/`, a placeholder address: feeds, the sitemap and canonical links would point at it",
        hint: "set your site's address: `baseUrl: https://your.site/` in curio.config.yml, or pass --base-url",
      },
    ]);
  });
});

describe("excerptWords", () => {
  it("is the limit of the long-excerpt warning, and a new limit is seen through the content cache", async () => {
    const words = Array.from({ length: 50 }, (_, i) => `w${i}`).join(" ");
    const scoop = `---\ntitle: One\ndate: 2024-01-01\n---\n${words}\n`;
    const root = await digest(
      scoop,
      undefined,
      "baseUrl: https://digest.test/\nexcerptWords: 40\n",
    );
    const first = await buildSite(root);
    expect(first.diagnostics.map((d) => d.message)).toEqual([
      "the excerpt is 50 words long, over the 40 of `excerptWords`: quoting a whole article is not curation",
    ]);
    const { writeFile } = await import("node:fs/promises");
    await writeFile(
      `${root}/curio.config.yml`,
      "baseUrl: https://digest.test/\nexcerptWords: 50\n",
    );
    expect((await buildSite(root)).diagnostics).toEqual([]);
  });

  it("counts words with a letter or a digit, not punctuation between spaces", () => {
    expect(countWords("One, two — three.\n\nFour 5 …")).toBe(5);
  });
});

describe("the list form a comma in tags suggests", () => {
  it("quotes what YAML would not read as plain text", () => {
    expect(tagList("Reviews, Patient engagement")).toBe("[Reviews, Patient engagement]");
    expect(tagList("C++, a: b,, #x")).toBe('[C++, "a: b", "#x"]');
  });
});
