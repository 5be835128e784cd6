import { describe, expect, it } from "vitest";
import type { SourceFile } from "../../src/load/read-sources.js";
import type { ContentCache } from "../../src/parse/content-cache.js";
import { emptyContentCache } from "../../src/parse/content-cache.js";
import { createMarkdownRenderer } from "../../src/parse/markdown.js";
import type { ParseMany } from "../../src/parse/parse-content.js";
import { parseContent } from "../../src/parse/parse-content.js";
import { memoryExcerpts } from "../../src/render/excerpt-store.js";
import { config } from "../helpers/factories.js";

const site = config();
const ctx = { config: site, markdown: createMarkdownRenderer(site.origin, site.basePath) };
const scoop = (name: string, excerpt: string): SourceFile => ({
  path: `content/topics/t/2024-01-01-${name}.md`,
  bytes: Buffer.from(`---\ntitle: ${name}\ndate: 2024-01-01\ncurator: ann\n---\n${excerpt}\n`),
});

/** Parses with a counting `parseMany`, so a test sees which files were parsed. */
async function parse(files: SourceFile[], cache?: ContentCache, excerpts = memoryExcerpts()) {
  const parsedNow: string[] = [];
  const parseMany: ParseMany = (list, _config, here, keep) => {
    parsedNow.push(...list.map((f) => f.path));
    return Promise.resolve(list.map((f) => keep(here(f))));
  };
  const result = await parseContent(files, ctx, { excerpts, cache, cacheKey: "k", parseMany });
  return { ...result, parsedNow, excerpts };
}

describe("parseContent", () => {
  it("moves each scoop's excerpt HTML to the excerpt store; parse results keep none", async () => {
    const { parsed, excerpts } = await parse([scoop("a", "*Hello*"), scoop("b", "World")]);
    expect(parsed.map((p) => p.entity?.kind)).toEqual(["scoop", "scoop"]);
    for (const p of parsed) expect(Object.keys(p)).not.toContain("excerptHtml");
    expect(excerpts.get("content/topics/t/2024-01-01-a.md")).toBe("<p><em>Hello</em></p>");
    expect(excerpts.get("content/topics/t/2024-01-01-b.md")).toBe("<p>World</p>");
  });

  it("parses only files whose bytes the cache does not know, and forgets files that are gone", async () => {
    const cache = emptyContentCache();
    const excerpts = memoryExcerpts();
    const [a, b, c] = [scoop("a", "A"), scoop("b", "B"), scoop("c", "C")];
    expect((await parse([a, b, c], cache, excerpts)).parsedNow).toHaveLength(3);
    const edited = scoop("b", "B, edited");
    const again = await parse([a, edited], cache, excerpts);
    expect(again.parsedNow).toEqual([edited.path]);
    expect(excerpts.get(edited.path)).toBe("<p>B, edited</p>");
    expect([...cache.files.keys()].sort()).toEqual([a.path, b.path].sort());
    expect(excerpts.get(c.path)).toBe("");
    expect(cache.dirty).toBe(true);
  });

  it("starts the cache afresh when its key is another one (another version or settings)", async () => {
    const cache = emptyContentCache();
    const files = [scoop("a", "A")];
    await parse(files, cache);
    cache.key = "other";
    expect((await parse(files, cache)).parsedNow).toEqual([files[0]!.path]);
    expect(cache.key).toBe("k");
  });
});
