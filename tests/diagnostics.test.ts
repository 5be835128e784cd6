import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOG, DIAGNOSTIC_CODES, isDiagnosticCode } from "../src/diagnostics/catalog.js";
import { error } from "../src/diagnostics/diagnostic.js";
import { ioDiagnostic } from "../src/diagnostics/io-error.js";
import { diagnosticsToJson } from "../src/diagnostics/json-report.js";
import { runCase } from "./helpers/corpus.js";
import { REPO_ROOT } from "./helpers/sites.js";
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

describe("the catalog of diagnostic codes", () => {
  it.each(CASES)(
    "$file: every code reported is catalogued, with the catalog's severity",
    async ({ file, place }) => {
      const r = await runCase(file, place, ["check", "--format", "json"]);
      const report = JSON.parse(r.out) as { diagnostics: { code: string; severity: string }[] };
      for (const d of report.diagnostics) {
        expect(isDiagnosticCode(d.code), `${d.code} is not in src/diagnostics/catalog.ts`).toBe(
          true,
        );
        expect(d.severity, d.code).toBe(CATALOG[d.code as keyof typeof CATALOG].severity);
      }
    },
  );

  it("holds no code that Curio never emits: each appears in the source outside the catalog", () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const abs = path.join(dir, e.name);
        if (e.isDirectory()) walk(abs);
        else if (e.name.endsWith(".ts") && e.name !== "catalog.ts")
          sources.push(readFileSync(abs, "utf8"));
      }
    };
    walk(path.join(REPO_ROOT, "src"));
    const unused = DIAGNOSTIC_CODES.filter((c) => !sources.some((t) => t.includes(`"${c}"`)));
    expect(unused).toEqual([]);
  });
});

describe("a diagnostic's cause", () => {
  const systemError = Object.assign(new Error("ENOSPC: no space left on device, write"), {
    code: "ENOSPC",
    path: "/site/dist/index.html",
  });

  it("is kept by a diagnostic made from a system error", () => {
    const d = ioDiagnostic(systemError, "write", "/site");
    expect(d.cause).toBe(systemError);
    expect(d).toMatchObject({ severity: "error", code: "io-error" });
    expect(d.message).toBe("could not write dist/index.html: the disk is full (ENOSPC)");
  });

  it("is left out of JSON, of the JSON report and of copies", () => {
    const d = ioDiagnostic(systemError, "write", "/site");
    const plain = error("io-error", d.message, {}, d.hint);
    expect(Object.keys(d)).toEqual(Object.keys(plain));
    expect(JSON.stringify(d)).toBe(JSON.stringify(plain));
    expect(JSON.stringify(diagnosticsToJson([d]))).toBe(JSON.stringify(diagnosticsToJson([plain])));
    // Even an enumerable cause (a diagnostic built by hand) stays out of the report.
    const report = diagnosticsToJson([{ ...plain, cause: systemError }]);
    expect(report.diagnostics[0]).not.toHaveProperty("cause");
    expect({ ...d }).not.toHaveProperty("cause");
  });

  it("is absent from ordinary diagnostics", () => {
    expect(error("bad-date", "no")).not.toHaveProperty("cause");
  });
});
