import { readFile } from "node:fs/promises";
import path from "node:path";
import { main } from "../../src/cli.js";
import { makeSite, TEST_NOW } from "./sites.js";

/** The digest every corpus case is dropped into: two curators, one topic, one good scoop. */
export const BASE_DIGEST: Record<string, string> = {
  "curio.config.yml":
    "title: Corpus digest\nbaseUrl: https://digest.test/\ntimezone: Asia/Kolkata\n",
  "content/curators/nrip.md": "---\nname: nrip\n---\n",
  "content/curators/plus91.md": "---\nname: Plus91\n---\n",
  "content/topics/t/_topic.md":
    "---\ntitle: Social Media and Healthcare\ncurators: [nrip, plus91]\n---\n",
  "content/topics/t/2019-04-18-checklist.md":
    "---\ntitle: Social Media Implementation Checklist\ndate: 2019-04-18\ncurator: nrip\npinned: true\ntags: [Strategy, C, Patient engagement]\n---\nSet goals first.\n",
};

export const CORPUS_DIR = path.join(import.meta.dirname, "..", "corpus");

/** Runs a CLI command on the base digest with one corpus file placed at `place`. */
export async function runCase(corpusFile: string, place: string, args: string[] = ["check"]) {
  const bytes = await readFile(path.join(CORPUS_DIR, corpusFile));
  const root = await makeSite({ ...BASE_DIGEST, [place]: bytes });
  let out = "";
  let err = "";
  const code = await main(["node", "curio", ...args, "--root", root], {
    out: (s) => (out += s),
    err: (s) => (err += s),
    cwd: root,
    now: () => TEST_NOW,
  });
  return { code, out, err, root };
}
