import { z } from "zod";
import { ISO_SHAPE } from "../util/site-date.js";
import { configSchema, curatorSchema, scoopSchema, topicSchema } from "../parse/schemas.js";

/** The files Curio describes with a JSON Schema. */
export const SCHEMA_NAMES = ["config", "scoop", "topic", "curator"] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

/** Where each schema is published, under `schemas/` in the package. */
export const SCHEMA_FILES: Readonly<Record<SchemaName, string>> = {
  config: "curio.config.schema.json",
  scoop: "scoop.schema.json",
  topic: "topic.schema.json",
  curator: "curator.schema.json",
};

const SOURCES: Readonly<Record<SchemaName, { schema: z.ZodType; title: string; about: string }>> = {
  config: {
    schema: configSchema,
    title: "Curio site configuration",
    about: "curio.config.yml, at the root of a Curio digest.",
  },
  scoop: {
    schema: scoopSchema,
    title: "Curio scoop",
    about:
      "The front matter of a scoop, content/topics/<topic>/<YYYY-MM-DD>-<slug>.md; the body is the quoted excerpt.",
  },
  topic: {
    schema: topicSchema,
    title: "Curio topic",
    about:
      "The front matter of a topic, content/topics/<topic>/_topic.md; the body is its longer description.",
  },
  curator: {
    schema: curatorSchema,
    title: "Curio curator",
    about: "The front matter of a curator, content/curators/<id>.md; the body is the bio.",
  },
};

/** A date as `parseSiteDate` reads it (it trims the text first); a number never is one. */
export const DATE = { type: "string", pattern: `^\\s*${ISO_SHAPE.source.slice(1, -1)}\\s*$` };
/** An absolute http(s) address, as the validators require for links to sources. */
export const HTTP_URL = { type: "string", pattern: "^\\s*[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+" };

/**
 * Checks the validators make beyond the zod schemas (in `parse/field-checks.ts` and
 * `util/site-date.ts`), repeated for editors: a dotted field path (`[]` for a list's items)
 * → JSON Schema keywords added to that field.
 */
const VALUE_CHECKS: Readonly<Record<SchemaName, Readonly<Record<string, object>>>> = {
  config: { baseUrl: HTTP_URL },
  scoop: {
    url: HTTP_URL,
    date: DATE,
    published: DATE,
    "via.url": HTTP_URL,
    "comments[].date": DATE,
  },
  topic: {},
  curator: {},
};

type Json = Record<string, unknown>;

/**
 * The JSON Schema (draft 2020-12) of a Curio file, generated from the zod schema the
 * validator uses, for editors to complete and check fields with:
 *
 * - It describes what a curator may write (the schema's input): text fields accept numbers
 *   too (YAML reads `title: 1984` as a number and Curio takes it as text), and `tags` and
 *   `curators` accept one text as well as a list. Defaults and descriptions are included.
 * - Unknown fields are refused (`additionalProperties: false`), in nested objects too (but for
 *   a plugin's options, which are the plugin's to check). Curio
 *   itself only warns about them, but in an editor a field Curio ignores is nearly always a
 *   typo (`tittle:`), and flagging it as you type is the point.
 * - Dates and source URLs carry the patterns the validators check; the checks that need
 *   context (a known curator, a real day, a known time zone) are left to `curio check`.
 * - Only keywords that mean the same in draft 7 are used, for editors that implement that.
 */
export function jsonSchema(name: SchemaName): Json {
  const source = SOURCES[name];
  const generated = z.toJSONSchema(source.schema, {
    io: "input",
    override: ({ zodSchema, jsonSchema: json }) => adjust(zodSchema, json as Json),
  }) as Json;
  const { $schema, ...rest } = generated;
  const doc: Json = { $schema, title: source.title, description: source.about, ...rest };
  for (const [fieldPath, keywords] of Object.entries(VALUE_CHECKS[name])) {
    Object.assign(field(doc, fieldPath), keywords);
  }
  return doc;
}

/** The schema as the text of its file: 2-space JSON and a final newline. */
export function jsonSchemaText(name: SchemaName): string {
  return `${JSON.stringify(jsonSchema(name), null, 2)}\n`;
}

type ZodDef = { type: string; in?: { _zod: { def: ZodDef } }; out?: { _zod: { def: ZodDef } } };

/** Input types for the text helpers, defaults, and closed objects. */
function adjust(zodSchema: unknown, json: Json): void {
  const def = (zodSchema as { _zod: { def: ZodDef & { defaultValue?: unknown } } })._zod.def;
  if (def.type === "pipe" && def.in?._zod.def.type === "transform") {
    // z.preprocess: the helpers `text()` and `textList()` of parse/schemas.ts.
    const out = def.out?._zod.def.type;
    if (out === "string") {
      json.type = ["string", "number"];
    } else if (out === "array") {
      const list = { ...json };
      for (const key of Object.keys(json)) delete json[key];
      json.anyOf = [{ type: "string" }, list];
    } else {
      throw new Error(
        `json-schemas: a z.preprocess with a ${out} output: say which input it accepts`,
      );
    }
  }
  // zod leaves out the default of a field whose input is preprocessed; editors complete it.
  if (def.type === "default" && json.default === undefined) json.default = def.defaultValue;
  // Closed, unless it is a record of any keys (a plugin's options): those are the plugin's.
  if (json.type === "object" && def.type !== "record") json.additionalProperties = false;
}

/** The schema of a field by dotted path (`comments[].date`); throws when there is none. */
function field(doc: Json, fieldPath: string): Json {
  let node = doc;
  for (const part of fieldPath.split(".")) {
    const list = part.endsWith("[]");
    const key = list ? part.slice(0, -2) : part;
    let next = (node.properties as Record<string, Json> | undefined)?.[key];
    if (list) next = next?.items as Json | undefined;
    if (next === undefined) throw new Error(`json-schemas: no field \`${fieldPath}\``);
    node = next;
  }
  return node;
}
