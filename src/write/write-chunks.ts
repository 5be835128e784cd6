import { open } from "node:fs/promises";
import type { ByteChunks } from "../util/join-bytes.js";

/** Writes a file given in pieces with one `writev` (several when the system takes less). */
export async function writeChunks(file: string, chunks: ByteChunks): Promise<void> {
  const handle = await open(file, "w");
  try {
    let rest = chunks.filter((c) => c.length > 0);
    while (rest.length > 0) {
      // 1,024 pieces is the smallest limit systems put on one call (IOV_MAX).
      const batch = rest.slice(0, 1024);
      let { bytesWritten } = await handle.writev(batch);
      if (bytesWritten === 0) throw new Error(`could not write ${file}`);
      rest = rest.slice(batch.length);
      // A short write: queue what was left of the batch again, in front.
      const left: Uint8Array[] = [];
      for (const chunk of batch) {
        if (bytesWritten >= chunk.length) bytesWritten -= chunk.length;
        else {
          left.push(chunk.subarray(bytesWritten));
          bytesWritten = 0;
        }
      }
      rest = [...left, ...rest];
    }
  } finally {
    await handle.close();
  }
}
