/**
 * Makes the `href` and `src` URLs in sanitized HTML absolute against `base`, for feeds, where
 * readers have no page to resolve relative links against. Input is Curio's own sanitized
 * output, so attributes are always double-quoted.
 */
export function absolutizeHtml(html: string, base: string): string {
  return html.replace(/\b(href|src)="([^"]*)"/g, (whole, attr: string, value: string) => {
    try {
      const url = new URL(decodeEntities(value), base).href;
      return `${attr}="${url.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`;
    } catch {
      return whole;
    }
  });
}

const NAMED: Record<string, string> = { amp: "&", quot: '"', lt: "<", gt: ">", apos: "'" };

/** Decodes the character references an HTML serializer puts in attribute values. */
export function decodeEntities(value: string): string {
  return value.replace(
    /&(?:#x([0-9a-f]+)|#(\d+)|(amp|quot|lt|gt|apos));/gi,
    (whole, hex?: string, dec?: string, name?: string) => {
      if (name !== undefined) return NAMED[name.toLowerCase()] ?? whole;
      const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}
