import type { Command } from "commander";
import { Argument } from "commander";
import { SCHEMA_FILES, SCHEMA_NAMES, jsonSchemaText } from "../schemas/json-schemas.js";
import type { SchemaName } from "../schemas/json-schemas.js";
import type { CliContext } from "./cli-context.js";

/** `curio schema <name>`: print the JSON Schema of the config or of a kind of front matter. */
export function registerSchemaCommand(program: Command, ctx: CliContext): void {
  program
    .command("schema")
    .description(
      "Print the JSON Schema of curio.config.yml (config) or of scoop, topic or curator front matter, for editors.",
    )
    .addArgument(new Argument("<name>", "which schema").choices(SCHEMA_NAMES))
    .addHelpText(
      "after",
      [
        "",
        "The same files ship in Curio's package: node_modules/curio/schemas/",
        ...SCHEMA_NAMES.map((n) => `  ${n.padEnd(8)} ${SCHEMA_FILES[n]}`),
        "",
        "Examples:",
        "  curio schema config > curio.config.schema.json",
        "  curio schema scoop",
      ].join("\n"),
    )
    .action((name: SchemaName) => {
      ctx.io.out(jsonSchemaText(name));
    });
}
