import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCase } from "./helpers/corpus.js";
import { CASES } from "./diagnostics.cases.js";

/**
 * The corpus: one file per curator mistake (tests/corpus/), each dropped into a small good
 * digest and checked with `curio check`. The exact text of every report is pinned.
 */
describe("curio check on the corpus of curator mistakes", () => {
  const dump: Record<string, unknown> = {};
  it.each(CASES)("$file", async ({ file, place, code, out, err }) => {
    const r = await runCase(file, place);
    dump[file] = { code: r.code, out: r.out, err: r.err };
    if (process.env.DUMP_CORPUS)
      writeFileSync(process.env.DUMP_CORPUS, JSON.stringify(dump, null, 2));
    expect(r.err).toBe(err);
    expect(r.out).toBe(out);
    expect(r.code).toBe(code);
  });
});

describe("held-back scoops", () => {
  it("--future includes a scoop dated in the future", async () => {
    const r = await runCase("future-scoop.md", "content/topics/t/2030-01-01-later.md", [
      "check",
      "--future",
    ]);
    expect(r).toMatchObject({
      code: 0,
      err: "",
      out: "No errors: 2 scoops, 1 topic, 2 curators\n",
    });
  });

  it("--drafts includes a draft", async () => {
    const r = await runCase("draft.md", "content/topics/t/2019-04-17-draft.md", [
      "check",
      "--drafts",
    ]);
    expect(r).toMatchObject({
      code: 0,
      err: "",
      out: "No errors: 2 scoops, 1 topic, 2 curators\n",
    });
  });
});
