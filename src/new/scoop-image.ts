import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { imageSize } from "image-size";
import type { FetchFailure, FetchPageOptions, WantedResource } from "./fetch-page.js";
import { fetchBytes } from "./fetch-page.js";

/** Largest image `curio new scoop` reads (to learn its size, or to save it): 10 MB. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * Image types a digest may keep under `static/`, by the type the image's own bytes say it is,
 * with the extension the saved file gets. SVG is not among them: an SVG file served from the
 * digest's own origin can run script.
 */
const SAVED_TYPES: Readonly<Record<string, string>> = {
  png: "png",
  jpg: "jpg",
  gif: "gif",
  webp: "webp",
  avif: "avif",
};

const IMAGE: WantedResource = {
  accept: "image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8",
  accepts: (mime) => mime.startsWith("image/"),
  what: "an image",
  the: "the image",
};

/** An image read from the web: its bytes, size in pixels, and type (as its bytes say). */
export interface ReadImage {
  readonly ok: true;
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** "png", "jpg", "gif", "webp", "avif", "svg"… */
  readonly type: string;
}

/**
 * Reads an image within the page fetch's limits (time, redirects, http(s) only) and at most
 * `MAX_IMAGE_BYTES`, and its size from its own header (not from what the server says). Never
 * throws: failures come back with a reason.
 */
export async function readImage(
  url: string,
  options: FetchPageOptions = {},
): Promise<ReadImage | FetchFailure> {
  const fetched = await fetchBytes(url, IMAGE, { ...options, maxBytes: MAX_IMAGE_BYTES });
  if (!fetched.ok) return fetched;
  return imageFromBytes(fetched.bytes);
}

/** The size and type of an image's bytes; a failure when they are not an image. */
export function imageFromBytes(bytes: Uint8Array): ReadImage | FetchFailure {
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return { ok: false, reason: "its bytes are not an image Curio can read" };
  }
  if (!size.width || !size.height || !size.type) {
    return { ok: false, reason: "its bytes do not say the image's size" };
  }
  return { ok: true, bytes, width: size.width, height: size.height, type: size.type };
}

/**
 * Saves an image under the digest's `static/images/` as `<stem>.<ext>` (or `<stem>-2.<ext>`…:
 * never over a file), and gives the site path to write in `image:`. Types other than PNG,
 * JPEG, GIF, WebP and AVIF are refused with a reason.
 */
export async function saveImage(
  root: string,
  stem: string,
  image: ReadImage,
): Promise<{ readonly ok: true; readonly sitePath: string } | FetchFailure> {
  const ext = SAVED_TYPES[image.type];
  if (ext === undefined) {
    return {
      ok: false,
      reason: `it is ${image.type.toUpperCase()}, which Curio does not save (only PNG, JPEG, GIF, WebP and AVIF)`,
    };
  }
  const dir = path.join(root, "static", "images");
  await mkdir(dir, { recursive: true });
  for (let n = 1; n <= 1000; n++) {
    const name = `${stem}${n === 1 ? "" : `-${n}`}.${ext}`;
    try {
      await writeFile(path.join(dir, name), image.bytes, { flag: "wx" });
      return { ok: true, sitePath: `images/${name}` };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  return { ok: false, reason: `static/images/ already has ${stem}.${ext} and 999 more like it` };
}
