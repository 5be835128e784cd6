import matter from "gray-matter";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Node as YamlNode } from "yaml";
import type { Diagnostic, Position } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";
import { stripInvalidHtml } from "../util/xml-escape.js";

/** Where a front-matter key and its value sit in the file. */
export interface FieldPosition {
  readonly key: Position;
  readonly value: Position;
}

/**
 * Front matter split from a markdown file and parsed as YAML.
 * `positions` maps a dotted path (`title`, `comments.0.date`) to its place in the file.
 */
export interface FrontMatter {
  readonly hasFrontMatter: boolean;
  readonly data: Record<string, unknown>;
  readonly positions: ReadonlyMap<string, FieldPosition>;
  /** The markdown after the front matter. */
  readonly body: string;
  /** The file line on which the body starts. */
  readonly bodyLine: number;
  readonly diagnostics: readonly Diagnostic[];
}

/** gray-matter's own YAML engine is bypassed: Curio parses with `yaml` to keep positions. */
const grayMatterOptions = { engines: { yaml: () => ({}) } } as const;

/**
 * Splits front matter from the body (gray-matter) and parses it with the YAML 1.2 core schema,
 * which has no timestamps: `2024-05-01` stays a string and is never shifted to UTC.
 * Line numbers in diagnostics are file lines.
 */
export function parseFrontMatter(file: string, text: string): FrontMatter {
  if (!/^---[ \t]*(\n|$)/.test(text)) {
    return {
      hasFrontMatter: false,
      data: {},
      positions: new Map(),
      body: text,
      bodyLine: 1,
      diagnostics: [],
    };
  }
  const parsed = matter(text, grayMatterOptions as never) as unknown as {
    matter: string;
    content: string;
  };
  const closed = /\n---[ \t]*(\n|$)/.test(text.slice(3));
  const matterText = parsed.matter;
  // gray-matter's `matter` starts right after the opening `---`, so its line 1 is file line 1.
  const offset = 3;
  const body = closed ? parsed.content : "";
  const bodyLine = closed
    ? countLines(text.slice(0, text.length - body.length))
    : countLines(text) + 1;
  const diagnostics: Diagnostic[] = [];
  if (!closed) {
    diagnostics.push(
      error(
        "unclosed-front-matter",
        "the front matter starts with `---` but never ends",
        { file, position: { line: 1, column: 1 } },
        "add a line with only `---` after the last front-matter field",
      ),
    );
    return {
      hasFrontMatter: true,
      data: {},
      positions: new Map(),
      body: "",
      bodyLine,
      diagnostics,
    };
  }

  const yaml = parseYamlFields(file, matterText, offset);
  return {
    hasFrontMatter: true,
    ...yaml,
    body,
    bodyLine,
    diagnostics: [...diagnostics, ...yaml.diagnostics],
  };
}

/** YAML fields with their positions, as read from a front matter block or a config file. */
export interface YamlFields {
  readonly data: Record<string, unknown>;
  readonly positions: ReadonlyMap<string, FieldPosition>;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses YAML text whose line 1 is the file's line 1 (`firstColumn` is added to columns on
 * line 1, for the front matter's opening `---`). YAML 1.2 core schema: no timestamps.
 */
export function parseYamlFields(file: string, yamlText: string, firstColumn = 0): YamlFields {
  const diagnostics: Diagnostic[] = [];
  const offset = firstColumn;
  const matterText = yamlText;
  const lineCounter = new LineCounter();
  const doc = parseDocument(matterText, {
    schema: "core",
    // Checked below in one pass: the library compares each key with every earlier one of its
    // mapping (40,000 fields took 9 s, and 2 MB of them would take minutes).
    uniqueKeys: false,
    prettyErrors: false,
    lineCounter,
    strict: true,
  });
  const positionAt = (index: number): Position => {
    const p = lineCounter.linePos(index);
    return { line: p.line, column: p.line === 1 ? p.col + offset : p.col };
  };
  const lines = matterText.split("\n");

  const errors = [
    ...doc.errors.map((e) => ({ at: e.pos[0], code: e.code as string, message: e.message })),
    ...duplicateKeys(doc.contents),
  ].sort((a, b) => a.at - b.at);
  for (const e of errors) {
    const position = positionAt(e.at);
    diagnostics.push(
      yamlDiagnostic(file, e.code, e.message, position, lines[position.line - 1] ?? ""),
    );
  }
  if (errors.length > 0) {
    return { data: {}, positions: new Map(), diagnostics };
  }

  const positions = new Map<string, FieldPosition>();
  collectPositions(doc.contents, "", positions, positionAt);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    diagnostics.push(
      error(
        "yaml-syntax",
        `the front matter could not be read: ${(e as Error).message}`,
        { file, position: { line: 2, column: 1 } },
        "remove YAML aliases (`*name`) and anchors (`&name`)",
      ),
    );
    return { data: {}, positions, diagnostics };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== "object" || Array.isArray(data)) {
    diagnostics.push(
      error(
        "front-matter-not-mapping",
        "the front matter must be a list of `key: value` fields",
        { file, position: { line: 2, column: 1 } },
        "write one `field: value` per line between the `---` lines",
      ),
    );
    return { data: {}, positions, diagnostics };
  }
  // Values that YAML read as null because they began with `#` (a comment): the curator meant text.
  for (const [path, where] of positions) {
    const line = lines[where.key.line - 1] ?? "";
    if (/:\s+#/.test(line) && getPath(data, path) === null) {
      diagnostics.push(
        error(
          "yaml-comment-value",
          `the value of \`${path}\` starts with \`#\`, which YAML reads as a comment, so the field is empty`,
          { file, position: where.value },
          quoteHint(line),
        ),
      );
    }
  }
  return { data: cleanStrings(data) as Record<string, unknown>, positions, diagnostics };
}

function yamlDiagnostic(
  file: string,
  code: string,
  message: string,
  position: Position,
  line: string,
): Diagnostic {
  const where = { file, position };
  const field = FIELD_LINE.exec(line);
  const key = field?.[2];
  const value = field?.[3] ?? "";
  if (code === "DUPLICATE_KEY") {
    return error(
      "duplicate-field",
      `the field \`${key ?? "?"}\` appears twice`,
      where,
      "keep one of the two lines",
    );
  }
  if (code === "TAB_AS_INDENT" || /^[ ]*\t/.test(line)) {
    return error(
      "yaml-syntax",
      "this line is indented with a tab, and YAML allows only spaces",
      where,
      "replace the tab with spaces (two per level)",
    );
  }
  if (key !== undefined && value.includes(": ")) {
    return error(
      "yaml-syntax",
      `the value of \`${key}\` contains \`: \`, which YAML reads as the start of another field`,
      where,
      quoteHint(line),
    );
  }
  if (key !== undefined && /^[#&*!|>%@`]/.test(value)) {
    return error(
      "yaml-syntax",
      `the value of \`${key}\` starts with \`${value[0]}\`, which YAML reserves`,
      where,
      quoteHint(line),
    );
  }
  const first = message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  return error(
    "yaml-syntax",
    `the YAML is not valid: ${first}`,
    where,
    "check the indentation, and quote values that contain `: ` or start with `#`",
  );
}

/** `key: value` (or `- key: value` in a list): indent, key, value. */
const FIELD_LINE = /^(\s*(?:-\s+)?)([\w-]+):[ \t]+(.*?)\s*$/;

/** "quote the value: title: "…"" with the line's own key and value, when short enough to show. */
function quoteHint(line: string): string {
  const field = FIELD_LINE.exec(line);
  if (!field || field[3]!.length > 100) return "quote the value: put it in double quotes";
  return `quote the value: ${field[2]}: ${JSON.stringify(field[3])}`;
}

/**
 * Keys that repeat an earlier key of the same mapping, as the YAML library reports them with
 * `uniqueKeys` (scalar keys with equal values), found in one pass over the document.
 */
function duplicateKeys(root: unknown): { at: number; code: string; message: string }[] {
  const found: { at: number; code: string; message: string }[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (seen.has(key.value))
            found.push({
              at: key.range?.[0] ?? 0,
              code: "DUPLICATE_KEY",
              message: "Map keys must be unique",
            });
          else seen.add(key.value);
        }
        stack.push(key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return found;
}

function collectPositions(
  node: YamlNode | null,
  prefix: string,
  out: Map<string, FieldPosition>,
  positionAt: (index: number) => Position,
): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const name = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const path = prefix === "" ? name : `${prefix}.${name}`;
      const keyPos = positionAt(keyNode?.range?.[0] ?? 0);
      const valueNode = pair.value as YamlNode | null;
      const valuePos = valueNode?.range ? positionAt(valueNode.range[0]) : keyPos;
      if (!out.has(path)) out.set(path, { key: keyPos, value: valuePos });
      collectPositions(valueNode, path, out, positionAt);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const itemNode = item as YamlNode | null;
      const path = `${prefix}.${i}`;
      if (itemNode?.range) {
        const p = positionAt(itemNode.range[0]);
        out.set(path, { key: p, value: p });
      }
      collectPositions(itemNode, path, out, positionAt);
    });
  }
}

/** The value at a dotted path, reading own properties only (`constructor` is a key like any). */
function getPath(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object" || !Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function countLines(s: string): number {
  let n = 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Drops characters no HTML or XML document may hold from every string of the parsed YAML:
 * escapes such as "\0" or "\uD800" in double-quoted values can produce them. Mappings become
 * null-prototype objects whose keys are all own data properties: a key is data, so
 * `constructor` or `toString` reads as nothing inherited, and `__proto__` sets no prototype.
 */
function cleanStrings(value: unknown): unknown {
  if (typeof value === "string") return stripInvalidHtml(value);
  if (Array.isArray(value)) return value.map(cleanStrings);
  if (value !== null && typeof value === "object") {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, stripInvalidHtml(k), {
        value: cleanStrings(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}
