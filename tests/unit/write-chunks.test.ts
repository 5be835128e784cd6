import { readFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeChunks } from "../../src/write/write-chunks.js";
import { tempDir } from "../helpers/sites.js";

describe("writeChunks", () => {
  it("writes the pieces in order, however many and however small", async () => {
    const dir = await tempDir("curio-chunks-");
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 3000 }),
        async (chunks) => {
          const file = path.join(dir, `f${n++}`);
          await writeChunks(file, chunks);
          expect((await readFile(file)).equals(Buffer.concat(chunks))).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("writes more pieces than one system call takes (1,024)", async () => {
    const file = path.join(await tempDir("curio-chunks-"), "many");
    const chunks = Array.from({ length: 2500 }, (_, i) => Buffer.from(`${i},`));
    await writeChunks(file, chunks);
    expect(await readFile(file, "utf8")).toBe(chunks.join(""));
  });
});
