import * as cheerio from "cheerio";
import fc from "fast-check";
import type { Root } from "hast";
import { describe, expect, it } from "vitest";
import type { LoadedPlugin } from "../../src/load/markdown-plugins.js";
import { createMarkdownRenderer, MarkdownPluginError } from "../../src/parse/markdown.js";
import { fieldIdPrefix } from "../../src/parse/render-field.js";

const md = createMarkdownRenderer("https://example.org");
const content = (prefix = "c-1-") => ({
  kind: "content" as const,
  headingBase: 2,
  idPrefix: prefix,
});

/** A plugin as `loadMarkdownPlugins` gives it, made here from a function. */
const plugin = (
  kind: "remark" | "rehype",
  name: string,
  code: (options?: never) => unknown,
  options?: unknown,
): LoadedPlugin => ({
  kind,
  name,
  url: `file:///plugins/${name}.js`,
  version: "1.0.0",
  ...(options === undefined ? {} : { options }),
  plugin: code as unknown as LoadedPlugin["plugin"],
});

describe("GitHub-flavoured markdown", () => {
  it("renders a table with its columns aligned by class, not by the obsolete align attribute", () => {
    const { html } = md("| a | b | c |\n| :- | :-: | -: |\n| 1 | 2 | 3 |", content());
    expect(html).toContain(
      '<th class="align-left">a</th>\n<th class="align-center">b</th>\n<th class="align-right">c</th>',
    );
    expect(html).not.toContain("align=");
  });

  it("strikes text and links bare addresses with the field's link policy", () => {
    expect(md("~~old~~ at www.a.example", content()).html).toBe(
      '<p><del>old</del> at <a href="http://www.a.example" rel="noopener">www.a.example</a></p>',
    );
    expect(md("see https://b.example/x", { kind: "comment" }).html).toBe(
      '<p>see <a href="https://b.example/x" rel="nofollow ugc noopener">https://b.example/x</a></p>',
    );
  });

  it("labels each task's checkbox with its text, in tight and loose lists, keeping sublists out", () => {
    expect(md("- [x] done\n- [ ] todo\n  - inner", content()).html).toBe(
      '<ul class="contains-task-list">\n<li class="task-list-item"><label><input type="checkbox" checked disabled> done</label></li>\n<li class="task-list-item"><label><input type="checkbox" disabled> todo</label>\n<ul>\n<li>inner</li>\n</ul>\n</li>\n</ul>',
    );
    const loose = md("- [x] one *two*\n\n- [ ] three", content()).html;
    expect(loose).toContain(
      '<li class="task-list-item">\n<p><label><input type="checkbox" checked disabled> one <em>two</em></label></p>',
    );
  });

  it("numbers footnotes per field, with ids of the field's prefix and links that reach them", () => {
    const { html, text } = md(
      "Claim[^a] and more[^b].\n\n[^a]: Source A.\n[^b]: Source B.",
      content("c-x-"),
    );
    const $ = cheerio.load(html);
    expect(
      $("[data-footnote-ref]")
        .map((_, a) => $(a).text())
        .get(),
    ).toEqual(["1", "2"]);
    for (const a of $("a[href^='#']").toArray()) {
      expect($(`[id="${a.attribs.href!.slice(1)}"]`).length, a.attribs.href).toBe(1);
    }
    expect(
      $("[id]")
        .map((_, e) => e.attribs.id)
        .get()
        .every((id) => id.startsWith("c-x-")),
    ).toBe(true);
    expect($("h2.visually-hidden").text()).toBe("Footnotes");
    expect(text).toBe("Claim and more.\nSource A.\nSource B.");
  });

  it("puts the footnotes' hidden heading at the field's heading level", () => {
    const html = md("a[^1]\n\n[^1]: b", { kind: "comment", headingBase: 3 }).html;
    expect(html).toContain(
      '<h3 class="visually-hidden" id="user-content-footnote-label">Footnotes</h3>',
    );
  });

  it("two fields on one page never share an id, whatever their footnote labels (property)", () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,8}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(label, { minLength: 1, maxLength: 4 }),
        fc.uniqueArray(label, { minLength: 1, maxLength: 4 }),
        (one, two) => {
          const field = (labels: string[], file: string, name: string) =>
            md(
              `${labels.map((l) => `x[^${l}]`).join(" ")}\n\n${labels.map((l) => `[^${l}]: note ${l}`).join("\n")}`,
              {
                kind: "content",
                idPrefix: fieldIdPrefix({ file, label: name }),
              },
            ).html;
          const $ = cheerio.load(
            field(one, "content/topics/t/a.md", "the excerpt") +
              field(two, "content/topics/t/a.md", "the insight"),
          );
          const ids = $("[id]")
            .map((_, e) => e.attribs.id)
            .get();
          expect(new Set(ids).size).toBe(ids.length);
          for (const a of $("a[href^='#']").toArray())
            expect($(`[id="${a.attribs.href!.slice(1)}"]`).length).toBe(1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("keeps to CommonMark with gfm off", () => {
    const plain = createMarkdownRenderer("https://example.org", "/", { gfm: false });
    expect(plain("~~a~~ www.b.example", content()).html).toBe("<p>~~a~~ www.b.example</p>");
  });
});

describe("markdown plugins", () => {
  it("runs remark plugins before the link policy and rehype plugins before the sanitizer", () => {
    const render = createMarkdownRenderer("https://example.org", "/", {
      plugins: [
        plugin("remark", "add-link", () => (tree: { children: unknown[] }) => {
          tree.children.push({
            type: "paragraph",
            children: [
              {
                type: "link",
                url: "javascript:alert(1)",
                children: [{ type: "text", value: "bad" }],
              },
            ],
          });
        }),
        plugin("rehype", "add-script", () => (tree: Root) => {
          tree.children.push(
            {
              type: "element",
              tagName: "script",
              properties: {},
              children: [{ type: "text", value: "alert(1)" }],
            },
            {
              type: "element",
              tagName: "p",
              properties: { onClick: "alert(1)", id: "mine", style: "color:red" },
              children: [{ type: "text", value: "kept" }],
            },
          );
        }),
      ],
    });
    expect(render("text", content("c-p-")).html).toBe(
      '<p>text</p>\n<p>bad</p><p id="c-p-mine">kept</p>',
    );
  });

  it("passes a plugin its options", () => {
    const render = createMarkdownRenderer("https://example.org", "/", {
      plugins: [
        plugin(
          "remark",
          "shout",
          (options?: unknown) => (tree: { children: { children?: { value?: string }[] }[] }) => {
            const word = (options as { word: string }).word;
            for (const p of tree.children)
              for (const t of p.children ?? []) if (t.value) t.value += word;
          },
          { word: "!" },
        ),
      ],
    });
    expect(render("hey", content()).html).toBe("<p>hey!</p>");
  });

  it("names the plugin that throws, on a file or on its options", () => {
    const boom = plugin("rehype", "boom", () => () => {
      throw new Error("it went wrong\nwith a second line");
    });
    const render = createMarkdownRenderer("https://example.org", "/", {
      plugins: [plugin("remark", "fine", () => () => {}), boom],
    });
    expect(() => render("x", content())).toThrow(
      new MarkdownPluginError("rehype", "boom", "it went wrong"),
    );
    const picky = plugin("remark", "picky", () => {
      throw new Error("bad options");
    });
    expect(() => createMarkdownRenderer("https://example.org", "/", { plugins: [picky] })).toThrow(
      new MarkdownPluginError("remark", "picky", "bad options"),
    );
  });
});
