import { DateTime } from "luxon";
import { stringify } from "yaml";
import { curatorText } from "../new/new-curator.js";
import { titleCase, topicText } from "../new/new-topic.js";
import { toSlug } from "../util/slug.js";

/** What a new digest is made from. */
export interface ScaffoldOptions {
  /** The folder's name: the default title and the package name come from it. */
  readonly folderName: string;
  /** The site's title (default: from the folder's name). */
  readonly title?: string;
  /** The first topic's id (default `my-topic`). */
  readonly topic?: string;
  /** The first curator's id (default `curator`). */
  readonly curator?: string;
  /** The first curator's name (default: the id in Title Case). */
  readonly curatorName?: string;
  /** How package.json asks for Curio (default `^<version>`). */
  readonly curioSpec: string;
  /** The site's time zone (an IANA name). */
  readonly timezone: string;
  /** Now, in milliseconds since the epoch: the example scoop's date. */
  readonly now: number;
}

/** A file of the new digest: its path relative to the digest's folder, and its text. */
export interface ScaffoldFile {
  readonly path: string;
  readonly content: string;
}

export const DEFAULT_TOPIC = "my-topic";
export const DEFAULT_CURATOR = "curator";

/** Where the JSON Schemas are once Curio is installed in the digest. */
const SCHEMAS = "./node_modules/curio/schemas";

/**
 * The files of a new digest, ready to build: the config, one curator, one topic, one example
 * scoop dated now that explains the format, `.gitignore`, a `package.json` that depends on
 * Curio, a GitHub Actions workflow that builds on push and daily and deploys to GitHub Pages,
 * and VS Code settings that hook up the config's JSON Schema. Pure: nothing is written here.
 */
export function scaffold(options: ScaffoldOptions): ScaffoldFile[] {
  const topic = options.topic ?? DEFAULT_TOPIC;
  const curator = options.curator ?? DEFAULT_CURATOR;
  const title = options.title ?? titleFromFolder(options.folderName);
  const now = DateTime.fromMillis(options.now, { zone: options.timezone });
  const scoopName = `${now.toFormat("yyyy-MM-dd")}-write-your-scoops-in-markdown.md`;
  return [
    { path: "curio.config.yml", content: configText(title, options.timezone) },
    {
      path: `content/curators/${curator}.md`,
      content: curatorText(options.curatorName ?? titleCase(curator)),
    },
    { path: `content/topics/${topic}/_topic.md`, content: topicText(titleCase(topic), [curator]) },
    {
      path: `content/topics/${topic}/${scoopName}`,
      content: exampleScoop(curator, now.toFormat("yyyy-MM-dd'T'HH:mm")),
    },
    {
      path: ".gitignore",
      // .dist.curio-staging-*: what a build killed mid-way leaves (the next build removes it).
      content: "node_modules/\ndist/\n.curio-cache/\n.*.curio-staging-*\n",
    },
    { path: "package.json", content: packageJson(options.folderName, options.curioSpec) },
    { path: ".github/workflows/publish.yml", content: WORKFLOW },
    {
      path: ".vscode/settings.json",
      content: `${JSON.stringify({ "yaml.schemas": { [`${SCHEMAS}/curio.config.schema.json`]: "curio.config.yml" } }, null, 2)}\n`,
    },
  ];
}

/** "my-digest" → "My Digest"; a name with capitals or spaces is kept as it is. */
function titleFromFolder(name: string): string {
  if (/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/.test(name)) return titleCase(name.replace(/_/g, "-"));
  return name.trim() || "Curio digest";
}

function configText(title: string, timezone: string): string {
  return [
    `# yaml-language-server: $schema=${SCHEMAS}/curio.config.schema.json`,
    stringify({ title }, { lineWidth: 0 }).trimEnd(),
    "# description: one sentence about the digest, for the home page, feeds and search engines",
    "baseUrl: https://example.org/ # where the site will live; the GitHub workflow passes the real address with --base-url",
    "language: en",
    stringify({ timezone }).trimEnd() + " # dates without an offset are in this zone",
    "",
  ].join("\n");
}

function exampleScoop(curator: string, date: string): string {
  return `---
title: Write your scoops in Markdown
url: https://commonmark.org/help/
date: ${date}
curator: ${curator}
tags: [getting started]
sourceName: CommonMark
insight: |
  This is the **insight**: your own take, shown apart from the quote. Keep the Markdown
  reference open while you write, then replace this scoop with your first real one.
---

A scoop is one Markdown file in its topic's folder, named by its date and a few words of its title. The front matter at the top says what the article is (\`title\`, \`url\`), when you scooped it (\`date\`), who did (\`curator\`) and how readers can find it again (\`tags\`).

The body, this text, is the **excerpt**: the passage you quote from the article. \`npx curio new scoop <url>\` starts a scoop from any article's address, with its title, description and picture filled in.
`;
}

function packageJson(folderName: string, curioSpec: string): string {
  const pkg = {
    name: toSlug(folderName) || "digest",
    private: true,
    type: "module",
    scripts: { build: "curio build", check: "curio check", serve: "curio serve" },
    devDependencies: { curio: curioSpec },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const WORKFLOW = `# Builds the digest and publishes it on GitHub Pages (Settings → Pages → Source: GitHub Actions).
name: Publish
on:
  push:
    branches: [main]
  schedule:
    - cron: "17 5 * * *" # daily (UTC), so scheduled scoops go live
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: false
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      # Curio's parse cache: unchanged scoops are not parsed again (safe to drop at any time).
      - uses: actions/cache@v4
        with:
          path: .curio-cache
          key: curio-\${{ runner.os }}-\${{ github.sha }}
          restore-keys: curio-\${{ runner.os }}-
      - id: pages
        uses: actions/configure-pages@v5
      - run: npx curio build --base-url "\${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: dist
      # Email each new digest issue yourself (README, "Digests"): uncomment, set the
      # CURIO_SMTP_* secrets, keep the address list out of a public repository, and give this
      # job \`contents: write\` so the record of who got which issue is committed back.
      # - run: npx curio digest send --topic my-topic --to subscribers.txt
      #   env:
      #     CURIO_SMTP_HOST: \${{ secrets.CURIO_SMTP_HOST }}
      #     CURIO_SMTP_USER: \${{ secrets.CURIO_SMTP_USER }}
      #     CURIO_SMTP_PASS: \${{ secrets.CURIO_SMTP_PASS }}
      #     CURIO_SMTP_FROM: \${{ secrets.CURIO_SMTP_FROM }}
      # - run: |
      #     git config user.name curio && git config user.email curio@users.noreply.github.com
      #     git add digest-sends.json && git commit -m "Record sent digest issues" && git push
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`;
