import { performance } from "node:perf_hooks";
import { indexSite } from "../src/index/site-index.js";
import type { Curator, Scoop, SiteConfig, Topic } from "../src/model.js";
import { createRouteSignatures } from "../src/plan/route-signature.js";
import { planSite } from "../src/plan/plan-site.js";
import { prng } from "./corpus.js";

/**
 * The stages that see the whole site at once (index, plan with pagination, tags, sitemap and
 * neighbours, route signatures), on synthetic scoops without markdown, at 1,000 to 100,000
 * scoops: the cost per scoop should stay flat (no quadratic step). `npm run bench:scaling`.
 */
const config: SiteConfig = {
  title: "Scaling",
  baseUrl: "https://example.org/",
  origin: "https://example.org",
  basePath: "/",
  language: "en",
  timezone: "UTC",
  pageSize: 20,
  feeds: { items: 50, link: "page" },
  cards: { headline: "page", view: "full" },
  share: [],
  excerptWords: 300,
  images: { widths: [320, 640, 960, 1280] },
  digest: "weekly",
  email: { unsubscribe: "{{ unsubscribe_url }}" },
  search: false,
  markdown: { gfm: true, remarkPlugins: [], rehypePlugins: [] },
};

function site(n: number) {
  const rand = prng(42);
  const curators: Curator[] = Array.from({ length: 50 }, (_, i) => ({
    id: `c${i}`,
    file: `content/curators/c${i}.md`,
    name: `Curator ${i}`,
    bioHtml: "",
  }));
  const topics: Topic[] = Array.from({ length: 20 }, (_, i) => ({
    id: `t${i}`,
    file: `content/topics/t${i}/_topic.md`,
    title: `Topic ${i}`,
    curatorIds: [`c${i}`, `c${i + 20}`],
    bodyHtml: "",
  }));
  const scoops: Scoop[] = Array.from({ length: n }, (_, i) => {
    const topic = topics[Math.floor(rand() * topics.length)]!;
    const epochMs = Date.UTC(2015, 0, 1) + Math.floor(rand() * 3e11);
    return {
      id: `${topic.id}/s${i}`,
      topicId: topic.id,
      slug: `s${i}`,
      file: `content/topics/${topic.id}/s${i}.md`,
      title: `Scoop ${i}`,
      date: { epochMs, iso: new Date(epochMs).toISOString(), dateOnly: false },
      curatorId: topic.curatorIds[i % 2]!,
      tags: [`Tag ${Math.floor(rand() * 200)}`, `Tag ${Math.floor(rand() * 200)}`],
      excerptHtml: "<p>Excerpt</p>",
      excerptText: "Excerpt text of the scoop, shortened on lists.",
      pinned: false,
      draft: false,
      comments: [],
    };
  });
  return { curators, topics, scoops };
}

for (const n of [1_000, 10_000, 100_000]) {
  const { curators, topics, scoops } = site(n);
  const times: number[] = [];
  let routes = 0;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    const index = indexSite(config, curators, topics, scoops);
    const plan = planSite({ index, assets: ["assets/style.css"], statics: [] });
    const signature = createRouteSignatures("globals", (file) => file);
    for (const r of plan.routes) signature(r);
    times.push(performance.now() - t0);
    routes = plan.routes.length;
  }
  const median = times.sort((a, b) => a - b)[1]!;
  process.stdout.write(
    `${String(n).padStart(7)} scoops: ${routes} routes, index + plan + signatures ${median.toFixed(0)} ms, ${((median / n) * 1000).toFixed(1)} µs per scoop\n`,
  );
}
