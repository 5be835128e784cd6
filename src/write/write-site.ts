import path from "node:path";

/** One file of the built site: its path inside the output folder and its content. */
export interface OutputFile {
  readonly path: string;
  readonly content: string | Uint8Array;
}

/** Thrown when an output path would land outside the output folder. */
export class UnsafeOutputPathError extends Error {
  constructor(readonly outputPath: string) {
    super(`refusing to write ${JSON.stringify(outputPath)}: it is not inside the output folder`);
    this.name = "UnsafeOutputPathError";
  }
}

/**
 * Resolves an output path inside `dir`, refusing absolute paths, `..` segments, backslashes
 * and NUL bytes: no slug, tag or file name can make Curio write elsewhere.
 */
export function resolveInside(dir: string, outputPath: string): string {
  const parts = outputPath.split("/");
  if (
    outputPath === "" ||
    outputPath.includes("\0") ||
    outputPath.includes("\\") ||
    path.isAbsolute(outputPath) ||
    parts.some((p) => p === "" || p === "." || p === "..")
  ) {
    throw new UnsafeOutputPathError(outputPath);
  }
  const target = path.resolve(dir, ...parts);
  if (!target.startsWith(path.resolve(dir) + path.sep)) throw new UnsafeOutputPathError(outputPath);
  return target;
}

/** Waits for every write of a batch, then throws the first failure, so none is left running. */
export async function settle(batch: Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(batch)).find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
}
