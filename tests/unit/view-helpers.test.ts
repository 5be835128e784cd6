import { describe, expect, it } from "vitest";
import { indexSite } from "../../src/index/site-index.js";
import type { SiteConfig, Topic } from "../../src/model.js";
import { createViewHelpers, paragraphs } from "../../src/render/view-helpers.js";
import { config, curator, scoop, topic } from "../helpers/factories.js";

function helpers(overrides: Partial<SiteConfig> = {}, topicOverrides: Partial<Topic> = {}) {
  const site = config({
    baseUrl: "https://example.org/digest/",
    basePath: "/digest/",
    ...overrides,
  });
  const index = indexSite(
    site,
    [curator("ann", { name: "Plus91" })],
    [topic("t", ["ann"], topicOverrides)],
    [],
  );
  return createViewHelpers(index, new Map());
}

const sourced = scoop("t/a", "2024-05-01", {
  title: "A & B",
  url: "https://www.healthcareitnews.com/news/a",
  sourceDomain: "healthcareitnews.com",
});
const unsourced = scoop("t/b", "2024-05-02");

describe("h.headline", () => {
  it("leads to the source with cards.headline: source, marked with its domain", () => {
    const h = helpers({ cards: { headline: "source", view: "full" } });
    expect(h.headline(sourced)).toEqual({
      href: "https://www.healthcareitnews.com/news/a",
      external: true,
      domain: "healthcareitnews.com",
    });
    expect(h.headline(unsourced)).toEqual({ href: "/digest/topics/t/b/", external: false });
  });

  it("leads to the scoop's page with cards.headline: page", () => {
    const h = helpers({ cards: { headline: "page", view: "full" } });
    expect(h.headline(sourced)).toEqual({
      href: "/digest/topics/t/a/",
      external: false,
      domain: "healthcareitnews.com",
    });
  });

  it("exposes the card settings", () => {
    expect(helpers({ cards: { headline: "source", view: "compact" } }).cards.view).toBe("compact");
  });
});

describe("h.insightLabel", () => {
  it("names the curator, or says Curator’s", () => {
    const h = helpers();
    expect(h.insightLabel(sourced)).toBe("Plus91’s insight");
    expect(h.insightLabel(scoop("t/c", "2024-05-01", { curatorId: "nobody" }))).toBe(
      "Curator’s insight",
    );
  });
});

describe("paragraphs", () => {
  it("keeps paragraphs apart and drops empty lines", () => {
    expect(paragraphs("One.\n\nTwo.\n", 100)).toEqual(["One.", "Two."]);
    expect(paragraphs(undefined, 100)).toEqual([]);
    expect(paragraphs("", 100)).toEqual([]);
  });

  it("shortens the paragraph that reaches the limit and drops the rest", () => {
    const long = "word ".repeat(40).trim();
    const out = paragraphs(`First paragraph here.\n${long}\nThird.`, 100);
    expect(out).toHaveLength(2);
    expect(out[0]).toBe("First paragraph here.");
    expect(out[1]!.endsWith("…")).toBe(true);
    expect(out.join("").length).toBeLessThanOrEqual(100);
  });

  it("does not start a paragraph with only a few characters left", () => {
    const first = "x".repeat(90);
    expect(paragraphs(`${first}\nA second paragraph that does not fit.`, 100)).toEqual([first]);
  });

  it("never shows a text cut at 501 characters whole", () => {
    const cut = `${"a".repeat(250)}\n${"b ".repeat(125)}`.slice(0, 501);
    const out = paragraphs(cut, 500);
    expect(out.at(-1)!.endsWith("…")).toBe(true);
  });
});

describe("h.summary", () => {
  it("is the insight on one line, else the excerpt, shortened", () => {
    const h = helpers();
    expect(h.summary({ ...sourced, insightText: "Read.\nNow.", excerptText: "Ex." }, 50)).toBe(
      "Read. Now.",
    );
    expect(h.summary({ ...sourced, excerptText: "Ex one.\nEx two." }, 50)).toBe("Ex one. Ex two.");
    expect(h.summary({ ...sourced, excerptText: "word ".repeat(30) }, 20).length).toBeLessThan(21);
  });
});

describe("h.discuss and h.suggest", () => {
  it("are undefined when neither the topic nor the site has one", () => {
    const h = helpers();
    expect(h.discuss(sourced)).toBeUndefined();
    expect(h.suggest("t")).toBeUndefined();
  });

  it("use the site's, a topic's own winning, site paths under the base path", () => {
    const site = helpers({ discuss: "https://forum.example/", suggest: "suggest/" });
    expect(site.discuss(sourced)).toEqual({ href: "https://forum.example/", external: true });
    expect(site.suggest("t")).toEqual({ href: "/digest/suggest/", external: false });
    const own = helpers(
      { discuss: "https://forum.example/", suggest: "suggest/" },
      { discuss: "mailto:t@example.org", suggest: "https://example.org/digest/form/" },
    );
    expect(own.discuss(sourced)).toEqual({
      href: "mailto:t@example.org?subject=Re%3A%20A%20%26%20B",
      external: false,
    });
    expect(own.suggest("t")).toEqual({ href: "https://example.org/digest/form/", external: false });
  });
});

describe("h.share", () => {
  it("shares the scoop page's absolute URL and title, for the configured targets", () => {
    expect(helpers().share(sourced)).toEqual([]);
    const links = helpers({ share: ["email", "bluesky"] }).share(sourced);
    expect(links.map((l) => l.href)).toEqual([
      "mailto:?subject=A%20%26%20B&body=https%3A%2F%2Fexample.org%2Fdigest%2Ftopics%2Ft%2Fa%2F",
      "https://bsky.app/intent/compose?text=A%20%26%20B%20https%3A%2F%2Fexample.org%2Fdigest%2Ftopics%2Ft%2Fa%2F",
    ]);
  });
});

describe("h.styled", () => {
  const h = helpers();

  it("puts each tag's style on its elements, keeping their attributes", () => {
    expect(
      h.styled('<p>See <a href="https://x.org/" title="a > b">x</a></p>', {
        p: "margin: 0;",
        a: "color: #0b6b55;",
      }),
    ).toBe(
      '<p style="margin: 0;">See <a style="color: #0b6b55;" href="https://x.org/" title="a > b">x</a></p>',
    );
  });

  it("turns a table cell's alignment class into text-align, for mail clients", () => {
    const table =
      '<table><thead><tr><th class="align-left">Vice</th><th class="align-right">Price</th></tr></thead>' +
      '<tbody><tr><td class="align-left">Bench</td><td class="align-center">2</td><td>x</td></tr></tbody></table>';
    expect(h.styled(table, { td: "padding: 4px;" })).toBe(
      '<table><thead><tr><th style="text-align: left;" class="align-left">Vice</th><th style="text-align: right;" class="align-right">Price</th></tr></thead>' +
        '<tbody><tr><td style="padding: 4px; text-align: left;" class="align-left">Bench</td><td style="padding: 4px; text-align: center;" class="align-center">2</td><td style="padding: 4px;">x</td></tr></tbody></table>',
    );
  });

  it("leaves a paragraph whose class only looks like alignment alone", () => {
    expect(h.styled('<p class="align-right">x</p>', {})).toBe('<p class="align-right">x</p>');
  });
});
