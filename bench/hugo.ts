import { spawn, spawnSync } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DateTime } from "luxon";
import { parse as parseYaml } from "yaml";

/**
 * Hugo as a yardstick: converts a bench corpus (see `corpus.ts`) into an equivalent Hugo site and
 * times a cold `hugo` build of it in a child process, so the bench can report Curio and Hugo
 * measured in the same run on the same machine. Hugo is optional: `hugoVersion()` says whether it
 * is installed, and nothing here runs it otherwise.
 *
 * The Hugo site writes what Curio writes, like for like: scoop pages, paginated topic, curator and
 * tag lists, the tags index, the sitemap, and RSS 2.0, Atom and JSON Feed for the site and every
 * topic, curator and tag (the newest 50 scoops each, with their full content). Curio also writes
 * an OPML file, robots.txt, a 404 page and its subscribe and index pages; the Hugo site does not
 * (a few pages against thousands). Hugo, for its part, writes a redirect page at `page/1/`
 * of every paginated list (271 of them for the default corpus). Otherwise the HTML pages are
 * Curio's, one for one. Layouts are minimal but do the work Curio's theme does on the same
 * pages: a card with an excerpt per scoop on lists, the full body, insight, tags, comments and
 * neighbours on a scoop's page. They are written the fast way where Hugo offers two.
 */

/** What one measured Hugo build cost. */
export interface HugoMeasurement {
  /** Wall time of the child process, spawn to exit (includes Hugo's start-up), in ms. */
  readonly wallMs: number;
  /** User + system CPU time of the child, in ms (10 ms resolution); NaN when unknown. */
  readonly cpuMs: number;
  /** The child's peak resident set size, in MB (MiB); NaN when unknown. */
  readonly maxRssMB: number;
  /** How many files Hugo wrote into the destination. */
  readonly files: number;
  /**
   * How CPU and RSS were measured: `gnu-time` (`/usr/bin/time`, exact), `proc` (CPU from this
   * process's reaped-children times, peak RSS from polling the child's `VmHWM`: may miss the
   * last few ms) or `none` (neither available: both are NaN).
   */
  readonly method: "gnu-time" | "proc" | "none";
}

/** Options of {@link measureHugo}. */
export interface MeasureHugoOptions {
  /**
   * Where Hugo writes the site (default `<hugoRoot>/public`, Hugo's own default). It is deleted
   * before the build and kept after it. Keep it on the same file system as Curio's output: on a
   * slow disk, writing the files is a good part of the build (1,000 scoops: 1.4 s more wall time
   * on this VM's ext4 than on tmpfs).
   */
  readonly destination?: string;
  /** The Hugo executable (default `hugo`, from the PATH). */
  readonly hugo?: string;
  /**
   * GNU time, for CPU and peak RSS (default `/usr/bin/time`, used when it is executable); `false`
   * measures through `/proc` instead.
   */
  readonly time?: string | false;
}

/**
 * The installed Hugo's version line (`hugo v0.111.3+extended linux/amd64 …`), or undefined when
 * `hugo` is not on the PATH or does not run.
 */
export function hugoVersion(hugo = "hugo"): string | undefined {
  const result = spawnSync(hugo, ["version"], { encoding: "utf8", timeout: 10_000 });
  if (result.error || result.status !== 0) return undefined;
  const line = result.stdout.split("\n")[0]?.trim();
  return line ? line : undefined;
}

// ---------------------------------------------------------------------------------------------
// The corpus → a Hugo site

interface CurioConfig {
  readonly title: string;
  readonly description: string;
  readonly baseUrl: string;
  readonly timezone: string;
  readonly pageSize: number;
  readonly language: string;
}

type FrontMatter = Record<string, unknown>;

/** Splits a content file into its YAML front matter (YAML 1.2: dates stay strings) and body. */
function splitFrontMatter(text: string, file: string): { data: FrontMatter; body: string } {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) throw new Error(`${file}: no front matter`);
  const data: unknown = parseYaml(match[1]!);
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new Error(`${file}: front matter is not a mapping`);
  }
  return { data: data as FrontMatter, body: text.slice(match[0].length) };
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function strList(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** A Curio date (`2019-04-16`, `2019-04-16T09:30`, or with an offset) → ISO 8601 with its offset. */
function withOffset(value: unknown, zone: string, file: string): string {
  const text = typeof value === "string" ? value : String(value);
  const date = DateTime.fromISO(text, { zone, setZone: /(?:Z|[+-]\d\d:?\d\d)$/.test(text) });
  if (!date.isValid) throw new Error(`${file}: bad date ${JSON.stringify(text)}`);
  return date.toISO({ suppressMilliseconds: true })!;
}

/** YAML front matter whose values are JSON (a subset of YAML that Hugo's parser reads as is). */
function frontMatter(fields: Record<string, unknown>): string {
  const lines = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `---\n${lines.join("\n")}\n---\n`;
}

async function readCurioConfig(corpusRoot: string): Promise<CurioConfig> {
  const file = path.join(corpusRoot, "curio.config.yml");
  const data: unknown = parseYaml(await readFile(file, "utf8"));
  const c = (typeof data === "object" && data !== null ? data : {}) as FrontMatter;
  const pageSize = c["pageSize"];
  return {
    title: str(c["title"]) ?? "Curio digest",
    description: str(c["description"]) ?? "",
    baseUrl: str(c["baseUrl"]) ?? "https://example.org/",
    timezone: str(c["timezone"]) ?? "UTC",
    pageSize: typeof pageSize === "number" ? pageSize : 20,
    language: str(c["language"]) ?? "en",
  };
}

/** Hugo's configuration (`config.toml`, which every Hugo version reads). */
function config(c: CurioConfig): string {
  const q = (s: string): string => JSON.stringify(s); // a JSON string is a TOML basic string
  return `# Generated by bench/hugo.ts from curio.config.yml: the Hugo twin of a bench corpus.
baseURL = ${q(c.baseUrl)}
title = ${q(c.title)}
languageCode = ${q(c.language)}
timeZone = ${q(c.timezone)}
paginate = ${c.pageSize}
paginatePath = "page"
# No robots.txt (Curio writes one; it is not in the issue's comparison set). The sitemap is on
# by default.
enableRobotsTXT = false

[params]
description = ${q(c.description)}

# Hugo 0.128+ reads the page size from here (and warns about \`paginate\`); 0.111 ignores it.
[pagination]
pagerSize = ${c.pageSize}

[taxonomies]
tag = "tags"
curator = "curators"

# Like for like: the feeds Curio writes. RSS 2.0, Atom and JSON Feed for the site, every topic,
# every curator and every tag, each with the newest 50 scoops and their full content.
[outputs]
home = ["HTML", "RSS", "Atom", "JSONFeed"]
section = ["HTML", "RSS", "Atom", "JSONFeed"]
taxonomy = ["HTML"]
term = ["HTML", "RSS", "Atom", "JSONFeed"]

[mediaTypes."application/atom+xml"]
suffixes = ["xml"]

[mediaTypes."application/feed+json"]
suffixes = ["json"]

# Curio's feeds are feed.xml, atom.xml and feed.json, not Hugo's index.xml.
[outputFormats.RSS]
baseName = "feed"

[outputFormats.Atom]
mediaType = "application/atom+xml"
baseName = "atom"
isPlainText = false
rel = "alternate"

[outputFormats.JSONFeed]
mediaType = "application/feed+json"
baseName = "feed"
isPlainText = true
rel = "alternate"

# Curio's feeds carry the newest 50 scoops (Hugo's default is every page).
[services.rss]
limit = 50

# Curio drops raw HTML too. Hugo's other markdown defaults (typographer, GFM extensions, heading
# ids) are kept, as a Hugo user would have them.
[markup.goldmark.renderer]
unsafe = false
`;
}

/** A section or taxonomy index that Curio has no page for: listed, never rendered. */
const UNRENDERED = frontMatter({ _build: { render: "never" } });

/**
 * Converts the Curio corpus at `corpusRoot` (as `writeCorpus` writes it) into an equivalent Hugo
 * site at `hugoRoot`, replacing what is there: `config.toml`, `layouts/`, and `content/` with
 *
 * - each scoop as `content/topics/<topic>/<slug>.md`: the same body; front matter `title`, `date`
 *   (with the site time zone's offset, so Hugo does not shift it), `tags`, `curators` (the
 *   taxonomy, holding the curator id) and the params `source` (Curio's `url`, a reserved key in
 *   Hugo), `image`, `imageAlt`, `insight`, `comments`;
 * - each topic as `content/topics/<topic>/_index.md` (title, description, curators as
 *   `topicCurators`, cta; body = long description);
 * - each curator as the term page `content/curators/<id>/_index.md` (title = name, `website`;
 *   body = bio), so a curator's list shows their profile as Curio's does.
 */
export async function writeHugoSite(corpusRoot: string, hugoRoot: string): Promise<void> {
  const site = await readCurioConfig(corpusRoot);
  const zone = site.timezone;
  await mkdir(hugoRoot, { recursive: true });
  for (const name of ["content", "layouts", "resources", "public", "config.toml", "hugo.toml"]) {
    await rm(path.join(hugoRoot, name), { recursive: true, force: true });
  }
  await writeFile(path.join(hugoRoot, "config.toml"), config(site));
  for (const [name, text] of Object.entries(LAYOUTS)) {
    const file = path.join(hugoRoot, "layouts", name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }

  const content = path.join(hugoRoot, "content");
  await mkdir(path.join(content, "curators"), { recursive: true });
  // Curio has no /topics/ or /curators/ page: keep both out of the output.
  await writeFile(path.join(content, "curators", "_index.md"), UNRENDERED);
  await mkdir(path.join(content, "topics"), { recursive: true });
  await writeFile(path.join(content, "topics", "_index.md"), UNRENDERED);

  const curatorDir = path.join(corpusRoot, "content", "curators");
  for (const name of (await readdir(curatorDir)).filter((n) => n.endsWith(".md")).sort()) {
    const file = path.join(curatorDir, name);
    const { data, body } = splitFrontMatter(await readFile(file, "utf8"), file);
    const dir = path.join(content, "curators", name.slice(0, -3));
    await mkdir(dir, { recursive: true });
    const fields = { title: str(data["name"]), website: str(data["url"]) };
    await writeFile(path.join(dir, "_index.md"), frontMatter(fields) + body);
  }

  const topicsDir = path.join(corpusRoot, "content", "topics");
  const topics = await readdir(topicsDir, { withFileTypes: true });
  for (const topic of topics.filter((d) => d.isDirectory()).map((d) => d.name)) {
    const from = path.join(topicsDir, topic);
    const to = path.join(content, "topics", topic);
    await mkdir(to, { recursive: true });
    const names = (await readdir(from)).filter((n) => n.endsWith(".md"));
    const jobs = names.map(async (name) => {
      const file = path.join(from, name);
      const { data, body } = splitFrontMatter(await readFile(file, "utf8"), file);
      if (name === "_topic.md") {
        const fields = {
          title: str(data["title"]),
          description: str(data["description"]),
          // Not `curators`: that is the taxonomy, which would list the topic among the scoops.
          topicCurators: strList(data["curators"]),
          cta: data["cta"],
        };
        await writeFile(path.join(to, "_index.md"), frontMatter(fields) + body);
        return;
      }
      const curator = str(data["curator"]);
      const comments = Array.isArray(data["comments"])
        ? (data["comments"] as FrontMatter[]).map((c) => ({
            author: str(c["author"]),
            date: withOffset(c["date"], zone, file),
            text: str(c["text"]),
          }))
        : undefined;
      const fields = {
        title: str(data["title"]),
        date: withOffset(data["date"], zone, file),
        draft: data["draft"] === true ? true : undefined,
        tags: strList(data["tags"]),
        curators: curator ? [curator] : [],
        source: str(data["url"]),
        image: str(data["image"]),
        imageAlt: str(data["imageAlt"]),
        insight: str(data["insight"]),
        comments,
      };
      const slug = str(data["slug"]) ?? name.slice(0, -3).replace(/^\d{4}-\d{2}-\d{2}-/, "");
      await writeFile(path.join(to, `${slug}.md`), frontMatter(fields) + body);
    });
    await Promise.all(jobs);
  }
}

// ---------------------------------------------------------------------------------------------
// Measuring a build

async function executable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).length;
}

/** User + system CPU of this process's reaped children, in clock ticks (Linux); else undefined. */
async function childrenCpuTicks(): Promise<number | undefined> {
  try {
    const stat = await readFile("/proc/self/stat", "utf8");
    // Fields after the command name (which may hold spaces): state is field 3, cutime 16, cstime 17.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[13]) + Number(fields[14]);
  } catch {
    return undefined;
  }
}

/** The peak RSS so far of a running process (`VmHWM`, Linux), in kB; undefined when gone. */
async function peakRssKb(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Clock ticks per second, for `/proc` times (100 on every common Linux). */
function clockTicks(): number {
  const result = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  const ticks = Number(result.stdout?.trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
}

/**
 * Runs one cold build of the Hugo site at `hugoRoot` in a child process and measures it: wall
 * time (`performance.now()` around the child, so Hugo's start-up counts, as a CLI user would
 * see it), CPU time and peak RSS of the child, and the number of files written.
 *
 * Cold: the destination and `resources/` are deleted first, and Hugo is given an empty cache
 * folder and told to ignore it (the site uses no cached resources anyway). The operating system's file cache stays warm, as
 * it does for Curio's measured builds.
 *
 * CPU and RSS come from GNU time (`/usr/bin/time`, Debian package `time`) when it is installed;
 * otherwise, on Linux, from `/proc` (see {@link HugoMeasurement.method}); elsewhere they are
 * NaN. Rejects when Hugo fails, with the end of its error output.
 */
export async function measureHugo(
  hugoRoot: string,
  options: MeasureHugoOptions = {},
): Promise<HugoMeasurement> {
  const hugo = options.hugo ?? "hugo";
  const temp = await mkdtemp(path.join(os.tmpdir(), "curio-hugo-"));
  const destination = path.resolve(options.destination ?? path.join(hugoRoot, "public"));
  await rm(destination, { recursive: true, force: true });
  await rm(path.join(hugoRoot, "resources"), { recursive: true, force: true });
  const hugoArgs = [
    "--source",
    path.resolve(hugoRoot),
    "--destination",
    destination,
    "--cleanDestinationDir",
    "--quiet",
    "--minify=false",
    "--ignoreCache",
    "--cacheDir",
    path.join(temp, "cache"),
    "--noBuildLock",
  ];
  const timeFile = path.join(temp, "time.txt");
  const time = options.time ?? "/usr/bin/time";
  const gnuTime = time !== false && (await executable(time));
  const [command, args] = gnuTime
    ? [time, ["-o", timeFile, "-f", "%e %U %S %M", hugo, ...hugoArgs]]
    : [hugo, hugoArgs];

  try {
    const cpuBefore = gnuTime ? undefined : await childrenCpuTicks();
    let peakKb: number | undefined;
    let stderr = "";
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    let polling = !gnuTime && child.pid !== undefined;
    const poller = (async () => {
      while (polling) {
        const kb = await peakRssKb(child.pid!);
        if (kb !== undefined) peakKb = Math.max(peakKb ?? 0, kb);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (exitCode) => resolve(exitCode));
    });
    const wallMs = performance.now() - t0;
    polling = false;
    await poller;
    if (code !== 0) {
      throw new Error(
        `hugo exited with ${code}: ${stderr.trim().split("\n").slice(-10).join("\n")}`,
      );
    }

    let cpuMs = Number.NaN;
    let maxRssMB = Number.NaN;
    let method: HugoMeasurement["method"] = "none";
    if (gnuTime) {
      const lines = (await readFile(timeFile, "utf8")).trim().split("\n");
      const [, user, system, rssKb] = (lines[lines.length - 1] ?? "").split(" ").map(Number);
      if (user !== undefined && system !== undefined && rssKb !== undefined) {
        cpuMs = (user + system) * 1000;
        maxRssMB = rssKb / 1024;
        method = "gnu-time";
      }
    } else {
      const cpuAfter = await childrenCpuTicks();
      if (cpuBefore !== undefined && cpuAfter !== undefined) {
        cpuMs = ((cpuAfter - cpuBefore) / clockTicks()) * 1000;
        method = "proc";
      }
      if (peakKb !== undefined) maxRssMB = peakKb / 1024;
    }
    const files = await countFiles(destination);
    return { wallMs, cpuMs, maxRssMB, files, method };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Layouts: Curio's default theme's structure and work, as Hugo templates.

const DATE_ISO = `"2006-01-02T15:04:05-07:00"`;
const DATE_LONG = `"January 2, 2006 at 3:04 PM"`;
const DATE_SHORT = `"January 2, 2006"`;
const RFC822 = `"Mon, 02 Jan 2006 15:04:05 -0700"`;

/** The files of `layouts/`, by path. */
const LAYOUTS: Readonly<Record<string, string>> = {
  // The head: title, description, canonical, rel prev/next, feeds, Open Graph (like Curio's,
  // minus Twitter cards and JSON-LD).
  "_default/baseof.html": `<!doctype html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
{{- $description := "" }}
{{- if .IsPage }}{{ $description = .Summary | plainify }}{{ else }}{{ $description = .Description | default site.Params.description }}{{ end }}
{{- with $description }}
<meta name="description" content="{{ truncate 200 . }}">
{{- end }}
{{- $url := .Permalink }}
{{- if or .IsHome (eq .Kind "section") (eq .Kind "term") }}
{{- $pager := partial "paginator.html" . }}
{{- $url = absURL $pager.URL }}
{{- with $pager.Prev }}
<link rel="prev" href="{{ .URL }}">
{{- end }}
{{- with $pager.Next }}
<link rel="next" href="{{ .URL }}">
{{- end }}
{{- end }}
<link rel="canonical" href="{{ $url }}">
{{- $scope := . }}{{ if .IsPage }}{{ $scope = .Parent }}{{ end }}
{{- if not $scope.IsHome }}{{ with $scope.OutputFormats.Get "RSS" }}
<link rel="alternate" type="application/rss+xml" title="{{ $scope.Title }}" href="{{ .RelPermalink }}">
{{- end }}{{ end }}
{{- with site.Home.OutputFormats.Get "RSS" }}
<link rel="alternate" type="application/rss+xml" title="{{ site.Title }}" href="{{ .RelPermalink }}">
{{- end }}
<link rel="stylesheet" href="{{ "assets/style.css" | relURL }}">
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:title" content="{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }}{{ end }}">
{{- with $description }}
<meta property="og:description" content="{{ truncate 200 . }}">
{{- end }}
<meta property="og:url" content="{{ $url }}">
{{- with .Params.image }}
<meta property="og:image" content="{{ . }}">
{{- end }}
{{- if .IsPage }}
<meta property="article:published_time" content="{{ .Date.Format ${DATE_ISO} }}">
{{- range .Params.tags }}
<meta property="article:tag" content="{{ . }}">
{{- end }}
{{- end }}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="wrap site-header__inner">
    <a class="site-title" href="{{ "/" | relURL }}">{{ site.Title }}</a>
    <nav class="site-nav" aria-label="Site">
      <ul>
        <li><a href="{{ "/" | relURL }}">Topics</a></li>
        <li><a href="{{ "/tags/" | relURL }}">Tags</a></li>
        <li><a href="{{ "/feed.xml" | relURL }}">RSS</a></li>
      </ul>
    </nav>
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p><strong>{{ site.Title }}</strong>{{ with site.Params.description }}: {{ . }}{{ end }}</p>
    <p>Follow along with <a href="{{ "/feed.xml" | relURL }}">RSS</a>. Built with Hugo.</p>
  </div>
</footer>
</body>
</html>
`,

  // One paginator per list page (Hugo caches it: the head and the body share it). The home page
  // lists every scoop, as Curio's does: every regular page is one, so no `where` (which Hugo
  // would evaluate again on each of the home page's pager pages).
  "partials/paginator.html": `{{- $pages := .Pages }}
{{- if .IsHome }}{{ $pages = site.RegularPages }}{{ end }}
{{- return .Paginate $pages }}
`,

  // A scoop on a list page: Curio's scoop-card.eta. Context: dict "page" "showTopic".
  "partials/card.html": `{{- $p := .page }}
<article class="card">
  <h2 class="card__title"><a href="{{ $p.RelPermalink }}">{{ $p.Title }}</a></h2>
{{- with $p.Params.source }}
  <p class="card__source"><a href="{{ . }}" rel="noopener">{{ (urls.Parse .).Host }}</a></p>
{{- end }}
{{- with $p.Params.image }}
  <img class="card__image" src="{{ . }}" alt="{{ $p.Params.imageAlt }}" loading="lazy" decoding="async">
{{- end }}
  <p class="card__excerpt">{{ $p.Summary | plainify | truncate 320 }}</p>
{{- with $p.Params.insight }}
  <div class="card__insight prose"><p class="label">Curator’s insight</p>{{ $p.RenderString (dict "display" "block") . }}</div>
{{- end }}
  <footer class="card__meta">
    <span>Scooped by {{ partial "curator-link.html" $p }}
    {{- if .showTopic }} into <a href="{{ $p.Parent.RelPermalink }}">{{ $p.Parent.Title }}</a>{{ end }}</span>
    <time datetime="{{ $p.Date.Format ${DATE_ISO} }}">{{ $p.Date.Format ${DATE_SHORT} }}</time>
    <a class="card__comments" href="{{ $p.RelPermalink }}#comments">{{ with $p.Params.comments }}{{ len . }} comment{{ if ne (len .) 1 }}s{{ end }}{{ else }}No comment yet{{ end }}</a>
  </footer>
{{- partial "tag-list.html" $p }}
</article>
`,

  // Tag and curator links from the front matter, not `.GetTerms`: the same output (the corpus'
  // tag names urlize to their term's path) for about 20% less build time in Hugo 0.111, whose
  // GetTerms walks every term of the taxonomy on each call.
  "partials/tag-list.html": `{{- with .Params.tags }}
<ul class="tag-list" aria-label="Tags">
{{- range . }}
  <li><a class="tag" href="{{ printf "/tags/%s/" (urlize .) | relURL }}">{{ . }}</a></li>
{{- end }}
</ul>
{{- end }}
`,

  "partials/curator-link.html": `{{- range .Params.curators }}{{ with site.GetPage (printf "/curators/%s" .) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end -}}
`,

  "partials/pager.html": `{{ template "_internal/pagination.html" . }}
`,

  // A scoop in full: Curio's scoop.eta.
  "_default/single.html": `{{ define "main" }}
{{- $curator := "" }}{{ range first 1 .Params.curators }}{{ $curator = site.GetPage (printf "/curators/%s" .) }}{{ end }}
<article class="scoop">
  <header class="scoop__header">
    <p class="scoop__topic"><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></p>
    <h1>{{ .Title }}</h1>
{{- with .Params.source }}
    <p class="scoop__source">Source: <a href="{{ . }}" rel="noopener">{{ (urls.Parse .).Host }}</a></p>
{{- end }}
    <p class="scoop__byline">Scooped by {{ with $curator }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} on <time datetime="{{ .Date.Format ${DATE_ISO} }}">{{ .Date.Format ${DATE_LONG} }}</time></p>
  </header>
{{- with .Params.image }}
  <figure class="scoop__figure"><img src="{{ . }}" alt="{{ $.Params.imageAlt }}" loading="lazy" decoding="async"></figure>
{{- end }}
  <blockquote class="excerpt prose"{{ with .Params.source }} cite="{{ . }}"{{ end }}>
{{ .Content }}
  </blockquote>
{{- with .Params.source }}
  <p class="scoop__more"><a href="{{ . }}" rel="noopener">Read the full article at {{ (urls.Parse .).Host }}</a></p>
{{- end }}
{{- with .Params.insight }}
  <section class="insight prose" aria-labelledby="insight-heading">
    <h2 id="insight-heading">{{ with $curator }}{{ .Title }}’s{{ else }}Curator’s{{ end }} insight</h2>
{{ $.RenderString (dict "display" "block") . }}
  </section>
{{- end }}
{{- partial "tag-list.html" . }}
  <section class="comments" id="comments" aria-labelledby="comments-heading">
    <h2 id="comments-heading">Comments{{ with .Params.comments }} ({{ len . }}){{ end }}</h2>
{{- with .Params.comments }}
    <ol class="comment-list">
{{- range . }}
      <li class="comment">
        <p class="comment__meta"><span class="comment__author">{{ .author }}</span>’s comment, <time datetime="{{ (time .date).Format ${DATE_ISO} }}">{{ (time .date).Format ${DATE_LONG} }}</time></p>
        <div class="comment__body prose">{{ $.RenderString (dict "display" "block") .text }}</div>
      </li>
{{- end }}
    </ol>
{{- else }}
    <p class="empty">No comment yet.</p>
{{- end }}
  </section>
{{- if or .NextInSection .PrevInSection }}
  <nav class="scoop-nav" aria-label="More in {{ .Parent.Title }}">
{{- with .NextInSection }}
    <a class="scoop-nav__newer" href="{{ .RelPermalink }}" rel="prev"><span class="label">Newer scoop</span> {{ .Title }}</a>
{{- end }}
{{- with .PrevInSection }}
    <a class="scoop-nav__older" href="{{ .RelPermalink }}" rel="next"><span class="label">Older scoop</span> {{ .Title }}</a>
{{- end }}
  </nav>
{{- end }}
</article>
{{ end }}
`,

  // A topic, paginated: Curio's topic.eta.
  "_default/list.html": `{{ define "main" }}
{{- $pager := partial "paginator.html" . }}
<header class="page-header topic-header">
  <h1>{{ .Title }}{{ if gt $pager.PageNumber 1 }} <span class="page-number">page {{ $pager.PageNumber }} of {{ $pager.TotalPages }}</span>{{ end }}</h1>
{{- with .Description }}
  <p class="lede">{{ . }}</p>
{{- end }}
  <p class="topic-header__meta">
{{- with .Params.topicCurators }}
    Curated by {{ range $i, $id := . }}{{ if $i }}, {{ end }}{{ with site.GetPage (printf "/curators/%s" $id) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }} ·
{{- end }}
    {{ len .RegularPages }} scoop{{ if ne (len .RegularPages) 1 }}s{{ end }} ·
    {{ with .OutputFormats.Get "RSS" }}<a href="{{ .RelPermalink }}">RSS feed</a>{{ end }}
  </p>
{{- if and .Content (eq $pager.PageNumber 1) }}
  <div class="prose topic-body">{{ .Content }}</div>
{{- end }}
</header>
<section class="scoops" aria-label="Scoops">
{{- range $pager.Pages }}
{{ partial "card.html" (dict "page" . "showTopic" false) }}
{{- else }}
  <p class="empty">No scoops in this topic yet.</p>
{{- end }}
</section>
{{ partial "pager.html" . }}
{{- with .Params.cta }}
<aside class="cta" aria-labelledby="cta-heading">
  <h2 id="cta-heading">{{ .text }}</h2>
{{- with .url }}
  <p><a class="button" href="{{ . }}" rel="noopener">{{ $.Params.cta.label | default "Get in touch" }}</a></p>
{{- end }}
</aside>
{{- end }}
{{ end }}
`,

  // The home page: Curio's home.eta (topic cards on page 1, then the latest scoops, paginated).
  "index.html": `{{ define "main" }}
{{- $pager := partial "paginator.html" . }}
<header class="page-header">
  <h1>{{ site.Title }}</h1>
{{- with site.Params.description }}
  <p class="lede">{{ . }}</p>
{{- end }}
</header>
{{- if eq $pager.PageNumber 1 }}
<section class="topics" aria-labelledby="topics-heading">
  <h2 id="topics-heading">Topics</h2>
  <ul class="topic-grid">
{{- range (site.GetPage "/topics").Sections }}
    <li class="topic-card">
      <h3 class="topic-card__title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
{{- with .Description }}
      <p>{{ . }}</p>
{{- end }}
      <p class="topic-card__meta">
        Curated by {{ range $i, $id := .Params.topicCurators }}{{ if $i }}, {{ end }}{{ with site.GetPage (printf "/curators/%s" $id) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}
        · {{ len .RegularPages }} scoops
      </p>
{{- range first 1 .RegularPages }}
      <p class="topic-card__latest">Latest: <a href="{{ .RelPermalink }}">{{ .Title }}</a>, <time datetime="{{ .Date.Format ${DATE_ISO} }}">{{ .Date.Format ${DATE_SHORT} }}</time></p>
{{- end }}
    </li>
{{- end }}
  </ul>
</section>
{{- end }}
<section class="scoops" aria-labelledby="latest-heading">
  <h2 id="latest-heading">Latest scoops{{ if gt $pager.PageNumber 1 }}, page {{ $pager.PageNumber }} of {{ $pager.TotalPages }}{{ end }}</h2>
{{- range $pager.Pages }}
{{ partial "card.html" (dict "page" . "showTopic" true) }}
{{- else }}
  <p class="empty">No scoops yet.</p>
{{- end }}
</section>
{{ partial "pager.html" . }}
{{ end }}
`,

  // /tags/: every tag with its count (Curio's tags.eta).
  "_default/terms.html": `{{ define "main" }}
<header class="page-header">
  <h1>{{ .Title }}</h1>
  <p class="lede">{{ len .Data.Terms }} {{ lower .Title }} across all topics.</p>
</header>
<ul class="tag-cloud">
{{- range .Data.Terms.Alphabetical }}
  <li><a class="tag" href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }} <span class="tag__count">{{ .Count }}</span></a></li>
{{- end }}
</ul>
{{ end }}
`,

  // A tag's or a curator's scoops, paginated (Curio's tag.eta and curator.eta); a curator's
  // page starts with their profile.
  "_default/term.html": `{{ define "main" }}
{{- $pager := partial "paginator.html" . }}
<header class="page-header">
  <h1>{{ .Title }}{{ if gt $pager.PageNumber 1 }} <span class="page-number">page {{ $pager.PageNumber }} of {{ $pager.TotalPages }}</span>{{ end }}</h1>
{{- with .Params.website }}
  <p class="profile__url"><a href="{{ . }}" rel="noopener">{{ (urls.Parse .).Host }}</a></p>
{{- end }}
{{- with .Content }}
  <div class="prose profile__bio">{{ . }}</div>
{{- end }}
  <p class="lede">{{ len .Pages }} scoop{{ if ne (len .Pages) 1 }}s{{ end }}</p>
</header>
<section class="scoops" aria-label="Scoops">
{{- range $pager.Pages }}
{{ partial "card.html" (dict "page" . "showTopic" true) }}
{{- end }}
</section>
{{ partial "pager.html" . }}
{{ end }}
`,

  // A scoop's feed content, as Curio's: image, excerpt, insight and the source link. Cached per
  // page, so each page's is made once for its RSS, Atom and JSON Feed items (Curio memoizes it
  // the same way).
  "partials/feed-content.html": `{{- $p := . }}
{{- $content := "" }}
{{- with .Params.image }}{{ $content = printf "<p><img src=%q alt=%q></p>" . ($p.Params.imageAlt | default "") }}{{ end }}
{{- $content = printf "%s<blockquote>%s</blockquote>" $content .Content }}
{{- with .Params.insight }}{{ $content = printf "%s%s" $content ($p.RenderString (dict "display" "block") .) }}{{ end }}
{{- with .Params.source }}{{ $content = printf "%s<p><a href=%q>Read the source article</a></p>" $content . }}{{ end }}
{{- return $content }}
`,

  // The newest 50 scoops of a feed's scope: the site, a topic, a curator or a tag.
  "partials/feed-pages.html": `{{- $pages := .RegularPages }}
{{- if .IsHome }}{{ $pages = site.RegularPages }}{{ else if eq .Kind "term" }}{{ $pages = .Pages }}{{ end }}
{{- return first 50 $pages }}
`,

  "partials/feed-title.html": `{{- $title := printf "%s · %s" .Title site.Title }}
{{- if .IsHome }}{{ $title = site.Title }}{{ end }}
{{- return $title }}
`,

  // RSS 2.0 of the site, every topic, curator and tag: Curio's items, full content.
  "_default/rss.xml": `{{- $pages := partial "feed-pages.html" . -}}
{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>{{ partial "feed-title.html" . }}</title>
<link>{{ .Permalink }}</link>
<description>{{ .Description | default site.Params.description }}</description>
<language>{{ site.LanguageCode }}</language>
{{- with .OutputFormats.Get "RSS" }}
{{ printf "<atom:link href=%q rel=\\"self\\" type=\\"application/rss+xml\\"/>" .Permalink | safeHTML }}
{{- end }}
<generator>Hugo</generator>
{{- range first 1 $pages }}
<lastBuildDate>{{ .Date.Format ${RFC822} | safeHTML }}</lastBuildDate>
{{- end }}
{{- range $pages }}
<item>
<title>{{ .Title }}</title>
<link>{{ .Permalink }}</link>
<guid isPermaLink="true">{{ .Permalink }}</guid>
<pubDate>{{ .Date.Format ${RFC822} | safeHTML }}</pubDate>
{{- range .Params.curators }}{{ with site.GetPage (printf "/curators/%s" .) }}
<dc:creator>{{ .Title }}</dc:creator>
{{- end }}{{ end }}
{{- range .Params.tags }}
<category>{{ . }}</category>
{{- end }}
<description>{{ .Summary | plainify | truncate 320 }}</description>
<content:encoded>{{ partialCached "feed-content.html" . .RelPermalink | html }}</content:encoded>
</item>
{{- end }}
</channel>
</rss>
`,

  // Atom (RFC 4287) of the same scopes.
  "_default/list.atom.xml": `{{- $pages := partial "feed-pages.html" . -}}
{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{ site.LanguageCode }}">
<title>{{ partial "feed-title.html" . }}</title>
<subtitle>{{ .Description | default site.Params.description }}</subtitle>
<id>{{ .Permalink }}</id>
<link rel="alternate" type="text/html" href="{{ .Permalink }}"/>
{{- with .OutputFormats.Get "Atom" }}
<link rel="self" type="application/atom+xml" href="{{ .Permalink }}"/>
{{- end }}
<generator>Hugo</generator>
{{- range first 1 $pages }}
<updated>{{ .Date.Format ${DATE_ISO} }}</updated>
{{- end }}
{{- range $pages }}
<entry>
<title>{{ .Title }}</title>
<link rel="alternate" type="text/html" href="{{ .Permalink }}"/>
<id>{{ .Permalink }}</id>
<published>{{ .Date.Format ${DATE_ISO} }}</published>
<updated>{{ .Date.Format ${DATE_ISO} }}</updated>
{{- range .Params.curators }}{{ with site.GetPage (printf "/curators/%s" .) }}
<author><name>{{ .Title }}</name></author>
{{- end }}{{ end }}
{{- range .Params.tags }}
<category term="{{ . }}"/>
{{- end }}
<summary>{{ .Summary | plainify | truncate 320 }}</summary>
<content type="html">{{ partialCached "feed-content.html" . .RelPermalink | html }}</content>
</entry>
{{- end }}
</feed>
`,

  // JSON Feed 1.1 of the same scopes.
  "_default/list.jsonfeed.json": `{{- $pages := partial "feed-pages.html" . }}
{{- $items := slice }}
{{- range $pages }}
{{- $author := slice }}
{{- range .Params.curators }}{{ with site.GetPage (printf "/curators/%s" .) }}{{ $author = $author | append (dict "name" .Title "url" .Permalink) }}{{ end }}{{ end }}
{{- $item := dict "id" .Permalink "url" .Permalink "title" .Title "date_published" (.Date.Format ${DATE_ISO}) "summary" (.Summary | plainify | truncate 320) "content_html" (partialCached "feed-content.html" . .RelPermalink) "authors" $author "tags" (.Params.tags | default slice) }}
{{- with .Params.source }}{{ $item = merge $item (dict "external_url" .) }}{{ end }}
{{- $items = $items | append $item }}
{{- end }}
{{- $feed := dict "version" "https://jsonfeed.org/version/1.1" "title" (partial "feed-title.html" .) "home_page_url" .Permalink "description" (.Description | default site.Params.description) "language" site.LanguageCode "items" $items }}
{{- with .OutputFormats.Get "JSONFeed" }}{{ $feed = merge $feed (dict "feed_url" .Permalink) }}{{ end }}
{{- $feed | jsonify (dict "indent" "  ") }}
`,
};
