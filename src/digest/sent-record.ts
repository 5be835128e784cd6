import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { writeAtomically } from "../util/cache-files.js";
import { UserError } from "../util/user-error.js";

/** The file, at the digest's root, that records which issues went to whom: keep it in git. */
export const SENT_RECORD = "digest-sends.json";

/**
 * Which recipients each issue was sent to (`<topic>/<period>` → digests of addresses, so the
 * list itself is not published with the repository).
 */
export interface SentRecord {
  readonly format: "curio-digest-sends/1";
  readonly issues: Record<string, string[]>;
}

/** The digest of an address, as the record keeps it. */
export function addressKey(address: string): string {
  return createHash("sha256").update(address.trim().toLowerCase()).digest("hex").slice(0, 32);
}

/** Reads the record; a missing file is an empty record, a damaged one an error (nothing is sent). */
export async function loadSentRecord(file: string): Promise<SentRecord> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT")
      return { format: "curio-digest-sends/1", issues: {} };
    throw e;
  }
  try {
    const data = JSON.parse(text) as Partial<SentRecord>;
    if (data.format === "curio-digest-sends/1" && typeof data.issues === "object" && data.issues)
      return data as SentRecord;
  } catch {
    // Reported below.
  }
  throw new UserError(
    `${file} is not a record of sent digests Curio can read, so nothing was sent (it could send an issue twice): restore it from git`,
  );
}

/** Writes the record (atomically: a crash leaves the old one). */
export function saveSentRecord(file: string, record: SentRecord): Promise<void> {
  const sorted = Object.fromEntries(
    Object.keys(record.issues)
      .sort()
      .map((k) => [k, [...record.issues[k]!].sort()]),
  );
  return writeAtomically(file, `${JSON.stringify({ ...record, issues: sorted }, null, 2)}\n`);
}
