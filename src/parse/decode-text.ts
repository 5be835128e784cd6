import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";
import { stripInvalidHtml } from "../util/xml-escape.js";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Decodes a file's bytes as UTF-8, dropping a byte-order mark and turning CRLF and CR line
 * endings into LF (both accepted silently; line numbers stay the same). Characters no HTML or
 * XML document may hold (control characters, noncharacters) are dropped here, once, so every
 * page and feed made from the text is clean.
 * Bytes that are not UTF-8 give a `not-utf8` diagnostic naming the byte offset.
 */
export function decodeText(
  file: string,
  bytes: Uint8Array,
): { text: string; diagnostic?: undefined } | { text?: undefined; diagnostic: Diagnostic } {
  try {
    const text = decoder.decode(bytes);
    return { text: stripInvalidHtml(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n")) };
  } catch {
    const offset = firstInvalidByte(bytes);
    const { line, column } = lineAndColumnOfByte(bytes, offset);
    return {
      diagnostic: error(
        "not-utf8",
        `the file is not valid UTF-8: byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, "0").toUpperCase()} at byte offset ${offset} cannot start or continue a character`,
        { file, position: { line, column } },
        'save the file as UTF-8 in your editor (for example "Save with Encoding → UTF-8"), or retype the character',
      ),
    };
  }
}

/** The offset of the first byte that breaks UTF-8 (a strict decoder, one sequence at a time). */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

function lineAndColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
