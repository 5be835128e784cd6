import { describe, expect, it } from "vitest";
import { indexSite } from "../../src/index/site-index.js";
import { config, curator, scoop, topic } from "../helpers/factories.js";

describe("indexSite", () => {
  const curators = [curator("ann"), curator("bob")];
  const topics = [topic("b-topic", ["ann", "bob"]), topic("a-topic")];
  const scoops = [
    scoop("a-topic/old", "2024-01-01", { tags: ["SEO"] }),
    scoop("a-topic/new", "2024-03-01", { tags: ["seo", "Café"] }),
    scoop("b-topic/mid", "2024-02-01", { curatorId: "bob", tags: ["cafe", "SEO"] }),
    scoop("b-topic/pinned", "2023-06-01", { curatorId: "bob", pinned: true }),
    scoop("b-topic/same-day-b", "2024-02-01"),
  ];
  const index = indexSite(config(), curators, topics, scoops);

  it("lists all scoops newest first, ties broken by topic then slug", () => {
    expect(index.scoops.map((s) => s.id)).toEqual([
      "a-topic/new",
      "b-topic/mid",
      "b-topic/same-day-b",
      "a-topic/old",
      "b-topic/pinned",
    ]);
  });

  it("groups scoops by topic, sorted by topic id, with the pinned scoop first in the listing only", () => {
    expect(index.topics.map((t) => t.topic.id)).toEqual(["a-topic", "b-topic"]);
    const b = index.topicById.get("b-topic")!;
    expect(b.scoops.map((s) => s.slug)).toEqual(["mid", "same-day-b", "pinned"]);
    expect(b.listing.map((s) => s.slug)).toEqual(["pinned", "mid", "same-day-b"]);
    expect(index.topicById.get("a-topic")!.listing.map((s) => s.slug)).toEqual(["new", "old"]);
  });

  it("groups scoops by curator across topics", () => {
    expect(index.curators.map((c) => [c.curator.id, c.scoops.map((s) => s.id)])).toEqual([
      ["ann", ["a-topic/new", "b-topic/same-day-b", "a-topic/old"]],
      ["bob", ["b-topic/mid", "b-topic/pinned"]],
    ]);
  });

  it("merges tags that differ only in case or accents, shown with the most used spelling (ties: code-point order)", () => {
    expect(index.tags.map((t) => [t.slug, t.name, t.scoops.map((s) => s.id)])).toEqual([
      ["cafe", "Café", ["a-topic/new", "b-topic/mid"]],
      ["seo", "SEO", ["a-topic/new", "b-topic/mid", "a-topic/old"]],
    ]);
    expect(index.tagSlug("Café")).toBe("cafe");
  });

  it("links each scoop to its newer and older neighbour in its topic", () => {
    const mid = index.scoops.find((s) => s.id === "b-topic/mid")!;
    const n = index.neighbours(mid);
    expect(n.newer).toBeUndefined();
    expect(n.older?.id).toBe("b-topic/same-day-b");
    const last = index.scoops.find((s) => s.id === "b-topic/pinned")!;
    expect(index.neighbours(last).newer?.id).toBe("b-topic/same-day-b");
    expect(index.neighbours(last).older).toBeUndefined();
  });

  it("lists a topic's curators: its own list plus anyone who scooped into it", () => {
    expect(index.topicById.get("a-topic")!.curators.map((c) => c.id)).toEqual(["ann"]);
    expect(index.topicById.get("b-topic")!.curators.map((c) => c.id)).toEqual(["ann", "bob"]);
  });
});
