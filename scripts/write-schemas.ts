// Writes what is generated from code: the JSON Schemas of curio.config.yml and of scoop, topic
// and curator front matter into schemas/ (from the zod schemas the validator uses), and the
// reference pages docs/errors.md (from the diagnostic catalog) and docs/front-matter.md (from
// the same schemas). Run after changing src/parse/schemas.ts or src/diagnostics/catalog.ts:
// `npm run schemas` (tests/json-schemas.test.ts and tests/docs-drift.test.ts fail while the
// files are out of date).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { SCHEMA_FILES, SCHEMA_NAMES, jsonSchemaText } from "../src/schemas/json-schemas.js";
import { GENERATED_DOCS, REPO_ROOT, generatedDocs } from "./reference-docs.js";

const dir = path.join(REPO_ROOT, "schemas");
await mkdir(dir, { recursive: true });
for (const name of SCHEMA_NAMES) {
  const file = path.join(dir, SCHEMA_FILES[name]);
  await writeFile(file, jsonSchemaText(name));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

const docs = await generatedDocs();
for (const doc of GENERATED_DOCS) {
  const file = path.join(REPO_ROOT, doc);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, docs[doc]);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
