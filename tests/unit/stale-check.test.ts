import { mkdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileStamp, StaleCheck } from "../../src/serve/stale-check.js";
import { tempDir } from "../helpers/sites.js";

describe("fileStamp", () => {
  it("changes on a same-size save whose times are put back, and on removal", async () => {
    const dir = await tempDir("curio-stamp-");
    const file = path.join(dir, "a.md");
    await writeFile(file, "first text\n");
    const before = await stat(file);
    const first = await fileStamp(file);
    expect(await fileStamp(file)).toBe(first);
    await writeFile(file, "other text\n");
    await utimes(file, before.atime, before.mtime);
    expect(await fileStamp(file)).not.toBe(first);
    await rm(file);
    expect(await fileStamp(file)).toBe("missing");
    await mkdir(file);
    expect(await fileStamp(file)).toBe("folder");
  });
});

describe("StaleCheck", () => {
  it("reports a file saved during a rebuild, and one saved just after it", async () => {
    const dir = await tempDir("curio-stale-");
    const a = path.join(dir, "a.md");
    const b = path.join(dir, "b.md");
    await writeFile(a, "a1");
    await writeFile(b, "b1");
    const reported: string[][] = [];
    const check = new StaleCheck((paths) => reported.push(paths), 200);

    // Saved while the rebuild runs: reported when it ends.
    await check.before([a, b]);
    await writeFile(a, "a2");
    await check.after();
    expect(reported).toEqual([[a]]);

    // Saved after the rebuild ended (a watcher may drop that event): reported by the later check.
    await check.before([b]);
    await check.after();
    expect(reported).toHaveLength(1);
    await writeFile(b, "b2");
    await check.idle();
    expect(reported).toEqual([[a], [b]]);

    // Unchanged files are forgotten after the later check: nothing more is reported.
    await check.before([a, b]);
    await check.after();
    await check.idle();
    await writeFile(a, "a3");
    await new Promise((r) => setTimeout(r, 300));
    expect(check.busy).toBe(false);
    expect(reported).toEqual([[a], [b]]);
    check.stop();
  });
});
