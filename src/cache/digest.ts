import { createHash } from "node:crypto";

/** A short content digest (SHA-1, base64url): identifies a file's version, not a security check. */
export function digest(data: string | Uint8Array): string {
  return createHash("sha1").update(data).digest("base64url");
}
