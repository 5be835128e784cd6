import { createHash, hash } from "node:crypto";

/** A short content digest (SHA-1, base64url): identifies a file's version, not a security check. */
export function digest(data: string | Uint8Array): string {
  return hash("sha1", data, "base64url");
}

/** The digest of content given in pieces: the same as `digest` of the pieces joined. */
export function digestChunks(chunks: readonly Uint8Array[]): string {
  const h = createHash("sha1");
  for (const chunk of chunks) h.update(chunk);
  return h.digest("base64url");
}
