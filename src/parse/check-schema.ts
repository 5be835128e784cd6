import type { z } from "zod";
import type { Diagnostic, Position } from "../diagnostics/diagnostic.js";
import { error, warning } from "../diagnostics/diagnostic.js";
import type { FieldPosition } from "./front-matter.js";
import { closest, editDistance } from "../util/closest.js";

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
  const unknown = unknownFields(schema, data, "", []);
  const diagnostics: Diagnostic[] = unknownFieldDiagnostics(unknown, where);
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { value: result.data, diagnostics };
  for (const issue of result.error.issues) {
    diagnostics.push(issueToDiagnostic(issue, where, unknown));
  }
  return { diagnostics };
}

/**
 * At most this many `unknown-field` warnings per file; the rest are counted in one more warning.
 * A file with 10,000 unknown fields would otherwise print 10,000 warnings (and code frames).
 */
export const MAX_UNKNOWN_FIELD_WARNINGS = 20;

/** The warnings for a file's unknown fields: the first ones, then "… and N more" if needed. */
function unknownFieldDiagnostics(
  unknown: readonly UnknownField[],
  where: FieldLocator,
): Diagnostic[] {
  const shown = unknown
    .slice(0, MAX_UNKNOWN_FIELD_WARNINGS)
    .map((u) => unknownFieldWarning(u, where));
  const rest = unknown.length - MAX_UNKNOWN_FIELD_WARNINGS;
  const next = unknown[MAX_UNKNOWN_FIELD_WARNINGS];
  if (next === undefined) return shown;
  shown.push(
    warning(
      "unknown-field",
      `… and ${rest} more unknown ${rest === 1 ? "field" : "fields"}, starting with \`${shortName(next.path)}\` (only the first ${MAX_UNKNOWN_FIELD_WARNINGS} are reported one by one)`,
      { file: where.file, position: locate(where, next.path) },
      "remove the unknown fields, or rename them to fields the file may have",
    ),
  );
  return shown;
}

/** A field name as a message quotes it: long names are cut (a key can be a megabyte long). */
function shortName(path: string): string {
  return path.length > 60 ? `${path.slice(0, 59)}…` : path;
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
      const typo = typoOf(last, depth, unknown);
      return error(
        "missing-field",
        `missing required field ${name}`,
        { file, position: locate(where, path) },
        typo
          ? `rename \`${typo.key}\` on line ${locate(where, typo.path).line} to \`${last}\``
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

/** A field the schema does not know, and the fields it could have been. */
interface UnknownField {
  readonly path: string;
  readonly key: string;
  readonly known: readonly string[];
}

/**
 * Collects the fields the schema does not know into `out`, in file order. Their "did you
 * mean" guesses are made only when needed: for the warnings shown, or a missing field's hint.
 */
function unknownFields(
  schema: z.ZodType,
  data: unknown,
  prefix: string,
  out: UnknownField[],
): UnknownField[] {
  const s = unwrap(schema as unknown as AnySchema);
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
      if (field === undefined) out.push({ path, key, known });
      else unknownFields(field, value, path, out);
    }
  } else if (s._zod.def.type === "array" && Array.isArray(data)) {
    data.forEach((item, i) =>
      unknownFields(s._zod.def.element as z.ZodType, item, `${prefix}.${i}`, out),
    );
  }
  return out;
}

/** The `unknown-field` warning for one field, with "did you mean" when a known one is close. */
function unknownFieldWarning(u: UnknownField, where: FieldLocator): Diagnostic {
  const guess = closest(u.key, u.known);
  return warning(
    "unknown-field",
    `unknown field \`${shortName(u.path)}\`${guess ? `: did you mean \`${guess}\`?` : ""}`,
    { file: where.file, position: locate(where, u.path) },
    guess ? `rename it to \`${guess}\`` : `remove it, or use one of: ${u.known.join(", ")}`,
  );
}

/** The unknown field at `depth` that is most likely a typo of the missing field `name`. */
function typoOf(
  name: string,
  depth: number,
  unknown: readonly UnknownField[],
): UnknownField | undefined {
  return unknown.find((u) => {
    if (u.path.split(".").length !== depth) return false;
    // `closest` answers only within this many edits: rule most fields out with one comparison
    // (or none, by length) before it compares the field with every known one.
    const limit = Math.max(1, Math.floor(u.key.length / 3));
    const key = u.key.toLowerCase();
    const lower = name.toLowerCase();
    return (
      Math.abs(key.length - lower.length) <= limit &&
      editDistance(key, lower) <= limit &&
      closest(u.key, u.known) === name
    );
  });
}
