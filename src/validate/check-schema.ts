import type { z } from "zod";
import type { Diagnostic, Position } from "../diagnostics/diagnostic.js";
import { error, warning } from "../diagnostics/diagnostic.js";
import type { FieldPosition } from "../parse/front-matter.js";
import { closest } from "../util/closest.js";

/** Where the fields of one file are: its path and the positions of its front-matter keys. */
export interface FieldLocator {
  readonly file: string;
  readonly positions: ReadonlyMap<string, FieldPosition>;
  /** Where to point when a field is missing: the front matter's first line. */
  readonly fallback: Position;
}

/**
 * Validates data against a schema. Every schema issue becomes a diagnostic at the offending
 * key; fields the schema does not know become `unknown-field` warnings (with "did you mean").
 */
export function checkSchema<S extends z.ZodType>(
  schema: S,
  data: unknown,
  where: FieldLocator,
): { value?: z.output<S>; diagnostics: Diagnostic[] } {
  const unknown = unknownFields(schema, data, "", where);
  const diagnostics: Diagnostic[] = [...unknown.map((u) => u.diagnostic)];
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { value: result.data, diagnostics };
  for (const issue of result.error.issues) {
    diagnostics.push(issueToDiagnostic(issue, where, unknown));
  }
  return { diagnostics };
}

/** The position of a dotted path's key, or of its nearest ancestor that exists. */
export function locate(where: FieldLocator, path: string, part: "key" | "value" = "key"): Position {
  let p = path;
  while (p !== "") {
    const found = where.positions.get(p);
    if (found) return found[part];
    p = p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "";
  }
  return where.fallback;
}

function issueToDiagnostic(
  issue: z.core.$ZodIssue,
  where: FieldLocator,
  unknown: readonly UnknownField[],
): Diagnostic {
  const path = issue.path.map(String).join(".");
  const name = `\`${path}\``;
  const file = where.file;
  if (issue.code === "invalid_type") {
    const input = (issue as { input?: unknown }).input;
    if (input === undefined) {
      const last = String(issue.path[issue.path.length - 1] ?? path);
      const depth = issue.path.length;
      const typo = unknown.find((u) => u.guess === last && u.path.split(".").length === depth);
      return error(
        "missing-field",
        `missing required field ${name}`,
        { file, position: locate(where, path) },
        typo
          ? `rename \`${typo.key}\` on line ${typo.diagnostic.line} to \`${last}\``
          : `add a line \`${last}: …\` to the front matter`,
      );
    }
    return error(
      "wrong-type",
      `${name} must be ${describeExpected(issue.expected)}, but it is ${describeValue(input)}`,
      { file, position: locate(where, path, "value") },
      hintFor(issue.expected),
    );
  }
  if (issue.code === "too_small" || issue.code === "too_big") {
    return error(
      "out-of-range",
      `${name} is out of range: ${issue.message.replace(/^Too (small|big): expected \w+ to (be|have) /, "it must be ")}`,
      { file, position: locate(where, path, "value") },
      "change the number",
    );
  }
  return error("invalid-value", `${name} is not valid: ${issue.message}`, {
    file,
    position: locate(where, path, "value"),
  });
}

function describeExpected(expected: string): string {
  switch (expected) {
    case "string":
      return "text";
    case "array":
      return "a list";
    case "object":
      return "a group of fields";
    case "boolean":
      return "true or false";
    case "number":
      return "a number";
    default:
      return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a group of fields";
  if (typeof value === "string")
    return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  if (typeof value === "boolean") return `${value}`;
  return `the ${typeof value} ${String(value)}`;
}

function hintFor(expected: string): string {
  switch (expected) {
    case "array":
      return "write a list, e.g. tags: [marketing, seo] or one `- item` per line";
    case "boolean":
      return "write true or false";
    case "string":
      return "write the value as text; quote it if it starts with a special character";
    case "object":
      return "write the sub-fields indented under the key";
    default:
      return `write ${describeExpected(expected)}`;
  }
}

type AnySchema = { _zod: { def: Record<string, unknown> & { type: string } } };

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const def = s._zod.def;
    if (def.type === "optional" || def.type === "default" || def.type === "nullable")
      s = def.innerType as AnySchema;
    else if (def.type === "pipe") s = def.out as AnySchema;
    else return s;
  }
}

/** A field the schema does not know, with the known field it most resembles. */
interface UnknownField {
  readonly path: string;
  readonly key: string;
  readonly guess?: string;
  readonly diagnostic: Diagnostic;
}

function unknownFields(
  schema: z.ZodType,
  data: unknown,
  prefix: string,
  where: FieldLocator,
): UnknownField[] {
  const s = unwrap(schema as unknown as AnySchema);
  const out: UnknownField[] = [];
  if (
    s._zod.def.type === "object" &&
    data !== null &&
    typeof data === "object" &&
    !Array.isArray(data)
  ) {
    const shape = s._zod.def.shape as Record<string, z.ZodType>;
    const known = Object.keys(shape);
    for (const [key, value] of Object.entries(data)) {
      const path = prefix === "" ? key : `${prefix}.${key}`;
      // Own fields only: `constructor` or `toString` is an unknown field, not Object's.
      const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
      if (field === undefined) {
        const guess = closest(key, known);
        const diagnostic = warning(
          "unknown-field",
          `unknown field \`${path}\`${guess ? `: did you mean \`${guess}\`?` : ""}`,
          { file: where.file, position: locate(where, path) },
          guess ? `rename it to \`${guess}\`` : `remove it, or use one of: ${known.join(", ")}`,
        );
        out.push({ path, key, ...(guess === undefined ? {} : { guess }), diagnostic });
      } else {
        out.push(...unknownFields(field, value, path, where));
      }
    }
  } else if (s._zod.def.type === "array" && Array.isArray(data)) {
    data.forEach((item, i) =>
      out.push(...unknownFields(s._zod.def.element as z.ZodType, item, `${prefix}.${i}`, where)),
    );
  }
  return out;
}
