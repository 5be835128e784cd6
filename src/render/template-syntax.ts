import vm from "node:vm";
import type { Eta } from "eta/core";
import type { Position } from "../diagnostics/diagnostic.js";

/** Why a template's JavaScript does not compile, and where in the template. */
export interface TemplateSyntaxProblem {
  /** The JavaScript parser's message (`Unexpected token ')'`). */
  readonly message: string;
  readonly position?: Position;
}

const FILE_NAME = "curio-template.js";
/** How Node starts the stack of a syntax error from `vm`: `file:line`, the line, the caret. */
const ERROR_PLACE = /^curio-template\.js:(\d+)\n[^\n]*\n([ \t]*)/;
/** Line terminators as JavaScript counts them. */
const LINE_END = /\r\n|[\n\r\u2028\u2029]/g;

/**
 * Finds where a template whose generated function does not compile is wrong. Eta only says
 * "Bad template syntax" and prints the whole generated function (190 lines for a small
 * template); this compiles that function again with `vm` (which says where V8's parser
 * stopped: `file:line`, the line, a caret) and maps the place back into the tag it came from.
 * `eta` must have the options the template was compiled with.
 */
export function templateSyntaxProblem(eta: Eta, text: string): TemplateSyntaxProblem | undefined {
  const body = eta.compileToString(text);
  try {
    // Never run: compiling is enough to find the error.
    new vm.Script(`function template(${eta.config.varName}, options) {\n${body}\n}`, {
      filename: FILE_NAME,
    });
    return undefined;
  } catch (e) {
    const error = e as Error;
    const at = ERROR_PLACE.exec(error.stack ?? "");
    if (!at) return { message: error.message };
    // Line 1 is the wrapper; the caret's indentation is the column in that line (at the end
    // of the code, V8 shows no caret, only the indentation).
    const bodyLine = Number(at[1]) - 2;
    const position = templatePosition(eta, text, body, bodyLine, at[2]!.length);
    return { message: error.message, ...(position ? { position } : {}) };
  }
}

/**
 * Maps a place in the generated function (0-based line and column) to the template: each tag's
 * code is copied into the function line for line (an interpolation behind `__eta.res+=…(`),
 * and each piece of text between tags becomes one line. An error on a text's line points at
 * the end of the tag before it; one after the last tag, at the end of the template.
 */
function templatePosition(
  eta: Eta,
  text: string,
  body: string,
  line: number,
  column: number,
): Position | undefined {
  const ast = eta.parse(text);
  const generated = eta.compileBody(ast);
  const from = body.indexOf(generated);
  if (from === -1) return undefined;
  const bodyLines = body.split(LINE_END);
  let g = lineCount(body.slice(0, from)) - 1; // the generated tags' first line
  if (line < g) return undefined;
  let cursor = 0;
  for (const item of ast) {
    if (typeof item === "string") {
      // Text is generated correctly: an error on its line was left open by the tag before.
      if (line === g) return positionAt(text, cursor);
      g++;
      continue;
    }
    const open = text.indexOf(eta.config.tags[0], cursor);
    const start = text.indexOf(item.val, open === -1 ? cursor : open + eta.config.tags[0].length);
    if (start === -1) return undefined;
    cursor = start + item.val.length;
    const valLines = lineStarts(item.val);
    if (line < g + valLines.length) {
      const j = line - g;
      let offset: number;
      if (j === 0) {
        const first = item.val.slice(0, (valLines[1] ?? item.val.length + 1) - 1);
        const prefix = Math.max(0, (bodyLines[g] ?? "").indexOf(first.replace(/\r$/, "")));
        offset = Math.max(0, column - prefix);
      } else {
        offset = valLines[j]! + column;
      }
      return positionAt(text, start + Math.min(offset, item.val.length));
    }
    g += valLines.length;
  }
  // Past the last tag (a block left open): the end of the template.
  return positionAt(text, text.length);
}

/** Offsets where each line of `s` starts. */
function lineStarts(s: string): number[] {
  const starts = [0];
  for (const m of s.matchAll(LINE_END)) starts.push(m.index + m[0].length);
  return starts;
}

function lineCount(s: string): number {
  return lineStarts(s).length;
}

/** 1-based line and column of an offset, counting lines as code frames do (`\n`). */
function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  let line = 1;
  for (let i = before.indexOf("\n"); i !== -1; i = before.indexOf("\n", i + 1)) line++;
  return { line, column: offset - lineStart + 1 };
}
