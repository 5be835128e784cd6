import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import type { ThemeFile } from "../src/load/read-sources.js";
import { loadTheme, RENDER_TIMEOUT_MS, TemplateError } from "../src/render/theme.js";
import { makeSite } from "./helpers/sites.js";

/** Theme files as `readSources` gives them: the digest's own under `templates/`. */
const themeFiles = (templates: Record<string, string>): ThemeFile[] =>
  Object.entries(templates).map(([name, text]) => ({
    name: `${name}.eta`,
    path: `templates/${name}.eta`,
    bytes: new TextEncoder().encode(text),
  }));

describe("a template that does not compile (issue 12, defect 13)", () => {
  it.each([
    [
      "an interpolation missing a parenthesis",
      "<ul>\n  <li><%= it.h.count(it.n, 'scoop' %></li>\n</ul>\n",
      [2, 35, "missing ) after argument list"],
    ],
    [
      "a block left open",
      "<% if (it.page.kind === 'home') { %>\n  <p>Home</p>\n",
      [3, 1, "Unexpected end of input"],
    ],
    [
      "a mistake on the third line of a code tag",
      "<%\n  const h = it.h;\n  const n = h.count(;\n%>\n",
      [3, 21, "Unexpected token ';'"],
    ],
    ["a tag that is never closed", "<p>\n<%= it.title\n</p>\n", [2, 1, "unclosed tag"]],
    [
      "Windows line endings",
      "<p>\r\n<%=\r\n  it.a +\r\n  ) %>\r\n</p>\r\n",
      [4, 3, "Unexpected token ')'"],
    ],
  ])("%s: file, line, column and the parser's message", (_name, text, [line, column, reason]) => {
    const { theme, diagnostics } = loadTheme(themeFiles({ card: text }));
    expect(theme).toBeUndefined();
    expect(diagnostics).toEqual([
      {
        severity: "error",
        code: "template-error",
        file: "templates/card.eta",
        line,
        column,
        message: `template \`card\` cannot be compiled: ${reason}`,
        hint: "check that every `<%` has a matching `%>` and the JavaScript inside is complete",
      },
    ]);
  });
});

describe("a template that loops forever (issue 12, defect 13)", () => {
  it("is stopped, named with the templates that included it, and nothing renders after it", () => {
    let calls = 0;
    const { theme } = loadTheme(
      themeFiles({
        home: "<h1><%= it.count() %></h1>\n<%~ include('@card', it) %>\n",
        card: "<% let i = 0; while (it.count() > 0) { i++; } %>\n",
      }),
      { renderTimeoutMs: 500 },
    );
    const data = { count: () => ++calls };
    let first: unknown;
    try {
      theme!.render("home", data);
    } catch (e) {
      first = e;
    }
    expect(first).toBeInstanceOf(TemplateError);
    const e = first as TemplateError;
    expect([e.template, e.file, e.line, e.code, e.reason, e.hint]).toEqual([
      "card",
      "templates/card.eta",
      undefined,
      "template-timeout",
      "it ran for more than 0.5 seconds and was stopped (included from `home`)",
      "look in `card` for a loop that never ends; a theme is code, run with the build's rights",
    ]);
    // The theme is stopped: later renders fail at once, without running any template code.
    const before = calls;
    expect(() => theme!.render("home", data)).toThrow(e);
    expect(calls).toBe(before);
  });

  it("ends `curio build` with a template-timeout error and leaves no output", async () => {
    const root = await makeSite({
      "content/curators/ann.md": "---\nname: Ann\n---\n",
      "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
      "content/topics/t/2024-01-01-x.md": "---\ntitle: X\ndate: 2024-01-01\n---\nText.\n",
      "templates/scoop-card.eta": "<%\n  for (let i = 0; ; i++) {}\n%>\n",
    });
    const { code, out, err } = await runCli(["build", "--root", root], root);
    expect(out).toBe("");
    expect(err).toBe(
      [
        `templates/scoop-card.eta error template-timeout: template \`scoop-card\` failed while rendering /: it ran for more than ${RENDER_TIMEOUT_MS / 1000} seconds and was stopped (included from \`home\`)`,
        "  hint: look in `scoop-card` for a loop that never ends; a theme is code, run with the build's rights",
        "",
        "1 error, 0 warnings in 1 file",
        "Build failed: dist was left unchanged.",
        "",
      ].join("\n"),
    );
    expect(code).toBe(1);
    expect(existsSync(path.join(root, "dist"))).toBe(false);
  }, 60_000);
});
