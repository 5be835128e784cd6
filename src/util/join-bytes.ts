/**
 * Joins text and already-encoded UTF-8 parts with a separator into one buffer, as
 * `parts.join(separator)` would before encoding. Feeds are made of items serialized once and
 * shared between feeds: copying their bytes is several times cheaper than joining the strings
 * (measured: 177 ms against 706 ms to join and encode 271 feeds of 50 items, 65 MB).
 */
export function joinBytes(parts: readonly (string | Uint8Array)[], separator: string): Buffer {
  const sep = Buffer.from(separator);
  const chunks: Uint8Array[] = [];
  parts.forEach((part, i) => {
    if (i > 0 && sep.length > 0) chunks.push(sep);
    chunks.push(typeof part === "string" ? Buffer.from(part) : part);
  });
  return Buffer.concat(chunks);
}
