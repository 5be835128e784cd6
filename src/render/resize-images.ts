import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";
import type { ImageVariant, VariantFormat } from "../index/local-images.js";
import { digest } from "../util/digest.js";

/**
 * Smaller copies made by earlier builds, by `variantKey` (passed in: `curio build` keeps them in
 * `.curio-cache/images/`). A copy depends only on its key, so a cached one is the copy.
 */
export interface ImageCache {
  get(key: string): Uint8Array | undefined;
  put(key: string, bytes: Uint8Array): void;
}

/**
 * How each format is encoded: part of every copy's key, so a change here makes them again.
 * Quality 80 (AVIF 55) is where photos stop looking different at a card's size.
 */
const ENCODING = {
  jpeg: { quality: 80, mozjpeg: true },
  png: { compressionLevel: 9 },
  webp: { quality: 80 },
  avif: { quality: 55 },
} as const satisfies Record<VariantFormat, object>;

/** What a copy's bytes depend on: its source's bytes, its size and format, and the encoder. */
export function variantKey(v: ImageVariant, sourceDigest: string, encoder: string): string {
  return digest(
    JSON.stringify([encoder, sourceDigest, v.width, v.height, v.format, ENCODING[v.format]]),
  );
}

/**
 * Makes the smaller copies of local images, from the files' bytes (`files`, by static path),
 * taking those a cache has. The image library is loaded only when some copy must be made (it
 * takes about half a second to load). Copies are the same for the same bytes and library:
 * metadata is dropped, and the picture turned upright as its EXIF orientation says.
 */
export async function resizeImages(
  variants: readonly ImageVariant[],
  files: ReadonlyMap<string, Uint8Array>,
  cache?: ImageCache,
): Promise<{ files: Map<string, Uint8Array>; diagnostics: Diagnostic[] }> {
  const out = new Map<string, Uint8Array>();
  if (variants.length === 0) return { files: out, diagnostics: [] };
  const encoder = encoderName();
  // Loaded on the first copy the cache does not have: a build that finds them all there does
  // not pay for loading it (0.2 s).
  let library: ReturnType<typeof loadLibrary> | undefined;
  const digests = new Map<string, string>();
  const failed = new Map<string, string>();
  const jobs = variants.map((v) => async () => {
    const bytes = files.get(v.source);
    if (bytes === undefined || failed.has(v.source)) return;
    let d = digests.get(v.source);
    if (d === undefined) digests.set(v.source, (d = digest(bytes)));
    const key = variantKey(v, d, encoder);
    const cached = cache?.get(key);
    if (cached) {
      out.set(v.name, cached);
      return;
    }
    try {
      const { default: sharp } = await (library ??= loadLibrary());
      const image = sharp(bytes, { failOn: "error" })
        .rotate()
        .resize(v.width, v.height, { fit: "fill" });
      const made = new Uint8Array(await image[v.format](ENCODING[v.format]).toBuffer());
      out.set(v.name, made);
      cache?.put(key, made);
    } catch (e) {
      if (!failed.has(v.source)) failed.set(v.source, (e as Error).message);
    }
  });
  await runLimited(jobs, availableParallelism());
  // In the order of the sources, whichever copy failed first.
  const diagnostics = [...new Set(variants.map((v) => v.source))].flatMap((source) => {
    const reason = failed.get(source);
    return reason === undefined
      ? []
      : [
          error(
            "image-not-resized",
            `the image could not be read to make its smaller copies: ${reason}`,
            { file: source },
            "open the image and save it again, or replace it",
          ),
        ];
  });
  return { files: out, diagnostics };
}

const loadLibrary = () => import("sharp");

/**
 * The image library's name, version and platform, read from its package file without loading
 * it: part of every copy's key, so another library version makes the copies again.
 */
function encoderName(): string {
  const { version } = createRequire(import.meta.url)("sharp/package.json") as { version: string };
  return `sharp ${version} ${process.platform}-${process.arch}`;
}

/** Runs the jobs with at most `limit` at a time. */
async function runLimited(jobs: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, jobs.length)) }, lane));
}
