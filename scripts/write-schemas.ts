// Writes the JSON Schemas of curio.config.yml and of scoop, topic and curator front matter into
// schemas/, from the zod schemas the validator uses. Run after changing src/validate/schemas.ts:
// `npm run schemas` (tests/json-schemas.test.ts fails while the files are out of date).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { SCHEMA_FILES, SCHEMA_NAMES, jsonSchemaText } from "../src/schemas/json-schemas.js";

const dir = path.resolve(import.meta.dirname, "..", "schemas");
await mkdir(dir, { recursive: true });
for (const name of SCHEMA_NAMES) {
  const file = path.join(dir, SCHEMA_FILES[name]);
  await writeFile(file, jsonSchemaText(name));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
