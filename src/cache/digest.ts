import { hash } from "node:crypto";

/** A short content digest (SHA-1, base64url): identifies a file's version, not a security check. */
export function digest(data: string | Uint8Array): string {
  return hash("sha1", data, "base64url");
}
