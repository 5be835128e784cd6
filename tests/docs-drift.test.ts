import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GENERATED_DOCS, REPO_ROOT, generatedDocs, slug } from "../scripts/reference-docs.js";

/**
 * The reference pages generated from code (docs/errors.md from the diagnostic catalog,
 * docs/front-matter.md from the schemas) are committed; they must be what the generator makes
 * now. And every relative link between the README and the docs must lead somewhere.
 */
describe("generated reference docs", () => {
  const expected = generatedDocs();

  it.each(GENERATED_DOCS)("%s is what `npm run schemas` writes now", async (doc) => {
    const file = path.join(REPO_ROOT, doc);
    const committed = existsSync(file) ? readFileSync(file, "utf8") : "(no such file)";
    expect(
      committed,
      `${doc} is out of date: run npm run schemas (after changing src/diagnostics/catalog.ts or src/parse/schemas.ts) and commit the result`,
    ).toBe((await expected)[doc]);
  });

  it("are the same text however often they are generated", async () => {
    expect(await generatedDocs()).toEqual(await expected);
  });
});

/** The markdown pages whose links are checked: the README, docs/ and the bench's README. */
const PAGES = [
  "README.md",
  "bench/README.md",
  ...readdirSync(path.join(REPO_ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`),
].filter((p) => existsSync(path.join(REPO_ROOT, p)));

/** A page's text without fenced code blocks, where `#` and `[x](y)` mean nothing. */
function withoutFences(text: string): string {
  return text.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, "");
}

/** A page's text without code blocks and code spans. */
function prose(text: string): string {
  return withoutFences(text).replace(/`[^`\n]*`/g, "``");
}

/** The anchors GitHub gives a page's headings (a repeated heading gets `-1`, `-2`…). */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of withoutFences(text).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = slug(m[1]!.replace(/`/g, ""));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Where the relative links of a page lead: `[text](target)`, targets without a scheme. */
function links(text: string): string[] {
  const out: string[] = [];
  for (const m of prose(text).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1]!;
    if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) out.push(target);
  }
  return out;
}

describe("links between the README and the docs", () => {
  it("checks the pages it should", () => {
    expect(PAGES).toContain("README.md");
    expect(PAGES).toEqual(expect.arrayContaining([...GENERATED_DOCS]));
  });

  it.each(PAGES)("every relative link in %s leads to a file (and heading) that exists", (page) => {
    const text = readFileSync(path.join(REPO_ROOT, page), "utf8");
    const broken: string[] = [];
    for (const target of links(text)) {
      const [file = "", anchor] = target.split("#");
      const abs =
        file === "" ? path.join(REPO_ROOT, page) : path.join(REPO_ROOT, path.dirname(page), file);
      if (!existsSync(abs)) {
        broken.push(`${target}: no such file`);
        continue;
      }
      if (
        anchor !== undefined &&
        abs.endsWith(".md") &&
        !anchors(readFileSync(abs, "utf8")).has(anchor)
      )
        broken.push(`${target}: no such heading`);
    }
    expect(broken).toEqual([]);
  });
});
