import { describe, expect, it } from "vitest";
import { encodeText, shareLinks, shareUrl, withMailSubject } from "../../src/render/share-links.js";

const page = { url: "https://example.org/topics/t/a/", title: `Apps & "care" — it's 🩺` };
const URL_ = "https%3A%2F%2Fexample.org%2Ftopics%2Ft%2Fa%2F";
const TITLE = "Apps%20%26%20%22care%22%20%E2%80%94%20it's%20%F0%9F%A9%BA";

describe("shareUrl", () => {
  it("builds each network's share URL with the title and URL encoded", () => {
    expect(shareUrl("email", page)).toBe(`mailto:?subject=${TITLE}&body=${URL_}`);
    expect(shareUrl("mastodon", page)).toBe(`https://mastodonshare.com/?text=${TITLE}%20${URL_}`);
    expect(shareUrl("bluesky", page)).toBe(
      `https://bsky.app/intent/compose?text=${TITLE}%20${URL_}`,
    );
    expect(shareUrl("linkedin", page)).toBe(
      `https://www.linkedin.com/sharing/share-offsite/?url=${URL_}`,
    );
  });

  it("decodes back to the title and URL", () => {
    const bluesky = new URL(shareUrl("bluesky", page));
    expect(bluesky.searchParams.get("text")).toBe(`${page.title} ${page.url}`);
    const linkedin = new URL(shareUrl("linkedin", page));
    expect(linkedin.searchParams.get("url")).toBe(page.url);
  });

  it("survives a lone surrogate (encodeURIComponent would throw)", () => {
    expect(encodeText("a\uD800b")).toBe("a%EF%BF%BDb");
    expect(() => shareUrl("email", { ...page, title: "x\uDC00" })).not.toThrow();
  });
});

describe("shareLinks", () => {
  it("gives one link per target, in the order given, with its label", () => {
    expect(shareLinks([], page)).toEqual([]);
    const links = shareLinks(["linkedin", "email"], page);
    expect(links.map((l) => [l.target, l.label])).toEqual([
      ["linkedin", "LinkedIn"],
      ["email", "Email"],
    ]);
    expect(links[1]!.href).toBe(shareUrl("email", page));
  });
});

describe("withMailSubject", () => {
  it("adds a subject to a bare mailto: address only", () => {
    expect(withMailSubject("mailto:ed@example.org", "Re: A & B")).toBe(
      "mailto:ed@example.org?subject=Re%3A%20A%20%26%20B",
    );
    expect(withMailSubject("mailto:ed@example.org?subject=Hi", "x")).toBe(
      "mailto:ed@example.org?subject=Hi",
    );
    expect(withMailSubject("https://forum.example/", "x")).toBe("https://forum.example/");
  });
});
