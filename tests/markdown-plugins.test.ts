import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { largeSiteWings } from "../src/large-site/large-site.js";
import { readSources } from "../src/load/read-sources.js";
import type { ParseMany } from "../src/parse/parse-content.js";
import type { DevServer } from "../src/serve/dev-server.js";
import { startDevServer } from "../src/serve/dev-server.js";
import { runCli } from "./helpers/run-cli.js";
import {
  buildInMemory,
  buildSite,
  expectSameFiles,
  makeSite,
  readOut,
  REPO_ROOT,
  TEST_NOW,
} from "./helpers/sites.js";
import { connectEvents } from "./helpers/sse.js";

/**
 * Markdown plugins from the config, with two real plugins from the registry installed in the
 * digest (remark-smartypants for typographic quotes and dashes, rehype-slug for heading ids;
 * linked from Curio's own node_modules, as `npm install` in the digest would place them), and
 * plugins of the digest's own for the ways a plugin goes wrong.
 */
const SCOOP = "topics/tools/2024-05-02-vices.md";
const SCOOP_PAGE = "topics/tools/vices/index.html";

const CONFIG = (prefix: string) => `title: Plugins
baseUrl: https://plugins.example/
timezone: UTC
search: false
digest: false
markdown:
  remarkPlugins:
    - remark-smartypants
  rehypePlugins:
    - [rehype-slug, { prefix: ${prefix} }]
`;

async function pluginDigest(config = CONFIG("part-"), extra: Record<string, string> = {}) {
  const root = await makeSite({
    "curio.config.yml": config,
    "content/curators/ada.md": "---\nname: Ada\n---\n",
    "content/topics/tools/_topic.md": "---\ntitle: Tools\ncurators: [ada]\n---\n",
    [`content/${SCOOP}`]: `---
title: Vices
url: https://workshop.example/vices
date: 2024-05-02
---
The makers call it "the best vice" -- and they tested nine.

## Insight

### Background

Worth a read... if you own a bench.
`,
    "content/topics/tools/2024-05-01-pliers.md": `---
title: Pliers
url: https://workshop.example/pliers
date: 2024-05-01
---
Plain text, no quotes.
`,
    ...extra,
  });
  await mkdir(path.join(root, "node_modules"));
  for (const name of ["remark-smartypants", "rehype-slug"]) {
    await symlink(
      path.join(REPO_ROOT, "node_modules", name),
      path.join(root, "node_modules", name),
    );
  }
  return root;
}

let dev: DevServer | undefined;
afterEach(async () => {
  await dev?.close();
  dev = undefined;
});

describe("markdown plugins from the config", () => {
  it("runs remark and rehype plugins installed in the digest, before the sanitizer", async () => {
    const root = await pluginDigest();
    const result = await buildSite(root);
    expect(result.diagnostics).toEqual([]);
    const page = await readOut(path.join(root, "dist"), SCOOP_PAGE);
    // remark-smartypants: curly quotes, a dash, an ellipsis.
    expect(page).toContain("The makers call it “the best vice” — and they tested nine.");
    expect(page).toContain("Worth a read… if you own a bench.");
    // rehype-slug with its option: the id, which the sanitizer then gives the field's prefix.
    expect(page).toMatch(/<h3 id="c-[0-9a-f]{8}-part-background">Background<\/h3>/);
    // The plain text (meta description, feeds) went through the remark plugin too.
    const feed = await readOut(path.join(root, "dist"), "feed.json");
    expect(feed).toContain("The makers call it “the best vice” — and they tested nine.");
  });

  it("re-renders the pages a plugin's options change on the next build, and only those", async () => {
    const root = await pluginDigest();
    expect((await buildSite(root)).ok).toBe(true);
    await writeFile(path.join(root, "curio.config.yml"), CONFIG("section-"));
    const again = await buildSite(root);
    expect(again.ok).toBe(true);
    expect(again.written).toEqual(expect.arrayContaining([SCOOP_PAGE]));
    // Pages that show no heading of that scoop are left as they were.
    expect(again.written).not.toContain("topics/tools/pliers/index.html");
    expect(again.written).not.toContain("subscribe/index.html");
    const page = await readOut(path.join(root, "dist"), SCOOP_PAGE);
    expect(page).toMatch(/<h3 id="c-[0-9a-f]{8}-section-background">/);
    expect(page).not.toContain("part-background");
    // Unchanged options: nothing is parsed or written again.
    const third = await buildSite(root);
    expect(third.written).toEqual([]);
  });

  it("re-renders the page in curio serve when the options change", async () => {
    const root = await pluginDigest();
    dev = await startDevServer(
      {
        root,
        port: 0,
        debounceMs: 50,
        themeDir: path.join(REPO_ROOT, "templates"),
        now: () => TEST_NOW,
        curioVersion: "test",
      },
      () => {},
    );
    expect(dev.initial.result.ok).toBe(true);
    const url = `${dev.url}topics/tools/vices/`;
    expect(await (await fetch(url)).text()).toMatch(/id="c-[0-9a-f]{8}-part-background"/);
    const events = await connectEvents(`${dev.server.url}/__curio/events`);
    await writeFile(path.join(root, "curio.config.yml"), CONFIG("serve-"));
    await events.next("reload");
    const page = await (await fetch(url)).text();
    expect(page).toMatch(/id="c-[0-9a-f]{8}-serve-background"/);
    events.close();
  });

  it("runs the plugins in the parse workers too: the same output as on the main thread", async () => {
    const root = await pluginDigest();
    const sources = await readSources(root, path.join(REPO_ROOT, "templates"));
    let onWorkers = 0;
    const workers = largeSiteWings({ scratchDir: root, jobs: 2, parallelFrom: 1 });
    const parseMany: ParseMany = (list, setup, parseHere, keep) => {
      onWorkers += list.length;
      return workers.parseMany(list, setup, parseHere, keep);
    };
    const here = await buildInMemory(sources);
    const there = await buildInMemory(sources, TEST_NOW, { parseMany });
    expect(onWorkers).toBe(sources.content.length);
    expect(here.result.ok && there.result.ok).toBe(true);
    expectSameFiles(there.files, here.files);
    const page = Buffer.from(there.files.get(SCOOP_PAGE)!).toString("utf8");
    expect(page).toContain("“the best vice”");
  });

  it("turns GitHub-flavoured markdown off with `gfm: false`", async () => {
    const root = await makeSite({
      "curio.config.yml": "title: T\nbaseUrl: https://t.example/\nmarkdown:\n  gfm: false\n",
      "content/curators/ada.md": "---\nname: Ada\n---\nA ~~struck~~ word and www.plain.example.\n",
    });
    expect((await buildSite(root)).ok).toBe(true);
    const page = await readOut(path.join(root, "dist"), "curators/ada/index.html");
    expect(page).toContain("<p>A ~~struck~~ word and www.plain.example.</p>");
  });
});

describe("markdown plugins that go wrong", () => {
  it("reports a plugin that is not installed, or is not a plugin, at its line of the config", async () => {
    const root = await makeSite({
      "curio.config.yml": `title: T
baseUrl: https://t.example/
markdown:
  remarkPlugins:
    - remark-emoji-not-installed
    - ./plugins/not-a-plugin.js
  rehypePlugins:
    - [./plugins/picky.js, { level: 9 }]
`,
      "plugins/not-a-plugin.js": "export const answer = 42;\n",
      "plugins/picky.js":
        "export default function picky(options) {\n  if (options.level > 3) throw new Error(`level must be 1 to 3, not ${options.level}`);\n}\n",
    });
    const run = await runCli(["check"], root);
    expect(run.code).toBe(1);
    expect(run.err)
      .toBe(`curio.config.yml:5:7 error markdown-plugin-missing: remark plugin \`remark-emoji-not-installed\` is not installed in this digest
  4 |   remarkPlugins:
  5 |     - remark-emoji-not-installed
    |       ^
  hint: run \`npm install remark-emoji-not-installed\` in the digest's folder, or remove it from \`markdown.remarkPlugins\`

curio.config.yml:6:7 error markdown-plugin-invalid: remark plugin \`./plugins/not-a-plugin.js\` cannot be loaded: its module has no default export that is a function
  5 |     - remark-emoji-not-installed
  6 |     - ./plugins/not-a-plugin.js
    |       ^
  hint: check that \`./plugins/not-a-plugin.js\` is a remark plugin, or remove it from \`markdown.remarkPlugins\`

curio.config.yml:8:7 error markdown-plugin-invalid: rehype plugin \`./plugins/picky.js\` cannot be loaded: level must be 1 to 3, not 9
  7 |   rehypePlugins:
  8 |     - [./plugins/picky.js, { level: 9 }]
    |       ^
  hint: check that \`./plugins/picky.js\` is a rehype plugin, or remove it from \`markdown.rehypePlugins\`

3 errors, 0 warnings in 1 file
`);
  });

  it("names the plugin and the file when a plugin throws, and writes nothing", async () => {
    const root = await makeSite({
      "curio.config.yml": `title: T
baseUrl: https://t.example/
markdown:
  remarkPlugins: [./plugins/no-shouting.js]
`,
      "plugins/no-shouting.js": `export default function noShouting() {
  return (tree, file) => {
    if (JSON.stringify(tree).includes("SHOUT")) throw new Error("no shouting, please");
  };
}
`,
      "content/curators/ada.md": "---\nname: Ada\n---\n",
      "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ada]\n---\n",
      "content/topics/t/2024-01-02-calm.md": "---\ntitle: Calm\ndate: 2024-01-02\n---\nQuiet.\n",
      "content/topics/t/2024-01-03-loud.md":
        "---\ntitle: Loud\ndate: 2024-01-03\ninsight: Fine.\n---\nA SHOUT.\n",
    });
    const run = await runCli(["build"], root);
    expect(run.code).toBe(1);
    expect(run.err)
      .toBe(`content/topics/t/2024-01-03-loud.md:6:1 error markdown-plugin-failed: remark plugin \`./plugins/no-shouting.js\` failed on the excerpt (the file's body): no shouting, please
  5 | ---
  6 | A SHOUT.
    | ^
  hint: fix the markdown the plugin chokes on, update \`./plugins/no-shouting.js\`, or remove it from \`markdown.remarkPlugins\` in curio.config.yml

1 error, 0 warnings in 1 file
Build failed: dist was left unchanged.
`);
    await expect(readFile(path.join(root, "dist", "index.html"))).rejects.toThrow();
  });
});
