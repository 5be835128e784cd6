import { readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { scaffold } from "../src/init/scaffold.js";
import { parseFrontMatter, parseYamlFields } from "../src/parse/front-matter.js";
import type { SchemaName } from "../src/schemas/json-schemas.js";
import {
  jsonSchema,
  jsonSchemaText,
  SCHEMA_FILES,
  SCHEMA_NAMES,
} from "../src/schemas/json-schemas.js";
import { listFiles, REPO_ROOT, TEST_NOW } from "./helpers/sites.js";

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
const validators = Object.fromEntries(
  SCHEMA_NAMES.map((n) => [n, ajv.compile(jsonSchema(n))]),
) as Record<SchemaName, ValidateFunction>;

/** Which schema a digest file's front matter (or the config) follows. */
function schemaFor(rel: string): SchemaName | undefined {
  if (rel === "curio.config.yml") return "config";
  if (/^content\/curators\/[^/]+\.md$/.test(rel)) return "curator";
  if (/^content\/topics\/[^/]+\/_topic\.md$/.test(rel)) return "topic";
  if (/^content\/topics\/[^/]+\/[^/]+\.md$/.test(rel)) return "scoop";
  return undefined;
}

/** The fields of a file as Curio reads them (YAML 1.2 core schema). */
function fields(rel: string, text: string): unknown {
  return rel.endsWith(".yml") ? parseYamlFields(rel, text).data : parseFrontMatter(rel, text).data;
}

function check(name: SchemaName, data: unknown): string[] {
  const validate = validators[name];
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Every config and content file of a digest folder, checked against its schema. */
async function problemsIn(root: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const content = (await listFiles(path.join(root, "content"))).map((f) => `content/${f}`);
  for (const rel of ["curio.config.yml", ...content]) {
    const name = schemaFor(rel);
    if (!name) continue;
    out[rel] = check(name, fields(rel, await readFile(path.join(root, rel), "utf8")));
  }
  return out;
}

describe("JSON Schemas", () => {
  it.each(SCHEMA_NAMES)("schemas/%s is what `npm run schemas` writes now", async (name) => {
    const committed = await readFile(path.join(REPO_ROOT, "schemas", SCHEMA_FILES[name]), "utf8");
    expect(committed, "run `npm run schemas` after changing src/parse/schemas.ts").toBe(
      jsonSchemaText(name),
    );
  });

  it("describe every field, for editors' hover help", () => {
    const undescribed: string[] = [];
    const walk = (node: Record<string, unknown>, at: string) => {
      const props = (node.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const [key, value] of Object.entries(props)) {
        if (typeof value.description !== "string") undescribed.push(`${at}${key}`);
        walk(value, `${at}${key}.`);
        if (value.items) walk(value.items as Record<string, unknown>, `${at}${key}[].`);
      }
    };
    for (const name of SCHEMA_NAMES) walk(jsonSchema(name), `${name}: `);
    expect(undescribed).toEqual([]);
  });

  it("accept the example digest's config and every front matter in it", async () => {
    const problems = await problemsIn(REPO_ROOT);
    const files = Object.keys(problems).filter((f) => f.startsWith("content/"));
    expect(files.length).toBeGreaterThan(25);
    expect(Object.entries(problems).filter(([, p]) => p.length)).toEqual([]);
  });

  it("accept the golden fixture sites and the files `curio init` writes", async () => {
    for (const fixture of ["basic", "override"]) {
      const problems = await problemsIn(path.join(REPO_ROOT, "tests/fixtures", fixture, "site"));
      expect(Object.entries(problems).filter(([, p]) => p.length)).toEqual([]);
    }
    for (const file of scaffold({
      folderName: "d",
      curioSpec: "^1.0.0",
      timezone: "UTC",
      now: TEST_NOW,
    })) {
      const name = schemaFor(file.path);
      if (name) expect(check(name, fields(file.path, file.content)), file.path).toEqual([]);
    }
  });

  it("flag typos, wrong types, bad dates and bad URLs", () => {
    const scoop = (yaml: string) =>
      check("scoop", parseFrontMatter("s.md", `---\n${yaml}\n---\n`).data);
    expect(scoop("tittle: Take two\ndate: 2024-01-01")).toEqual([
      " must have required property 'title'",
      " must NOT have additional properties",
    ]);
    const [dateProblem] = scoop("title: T\ndate: April 20");
    expect(dateProblem).toMatch(/^\/date must match pattern "\^/);
    expect(scoop("title: T\ndate: 2024-01-01\ntags: 5")).toEqual([
      "/tags must be string",
      "/tags must be array",
      "/tags must match a schema in anyOf",
    ]);
    expect(scoop("title: T\ndate: 2024-01-01\nurl: www.example.com")[0]).toMatch(
      /^\/url must match/,
    );
    expect(scoop("title: T\ndate: 2024-01-01\nvia: { name: X, link: y }")).toEqual([
      "/via must NOT have additional properties",
    ]);
    expect(check("config", { pageSize: 0, feeds: { link: "home" } })).toEqual([
      "/pageSize must be >= 1",
      "/feeds/link must be equal to one of the allowed values",
    ]);
  });

  it("accept what Curio accepts: numbers as text, one tag as a list, dates with offsets", () => {
    expect(
      check("scoop", {
        title: 1984,
        date: "2024-01-01T10:30+05:30",
        tags: "solo",
        published: "2024-01-01",
        url: "https://example.org/a",
        sourceName: "Example News",
        sourceAuthor: "Ann Lee",
      }),
    ).toEqual([]);
    expect(check("topic", { title: "T", curators: "ann" })).toEqual([]);
    expect(check("curator", { name: "Ann", url: "https://ann.example/" })).toEqual([]);
  });

  it("are printed by `curio schema <name>`", async () => {
    let out = "";
    expect(await main(["node", "curio", "schema", "scoop"], { out: (s) => (out += s) })).toBe(0);
    expect(out).toBe(jsonSchemaText("scoop"));
    let err = "";
    expect(
      await main(["node", "curio", "schema", "post"], { out: () => {}, err: (s) => (err += s) }),
    ).toBe(2);
    expect(err).toContain("Allowed choices are config, scoop, topic, curator.");
  });
});
