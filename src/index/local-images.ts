import { imageSize } from "image-size";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { warning } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../load/read-sources.js";
import { urlScheme } from "../util/safe-url.js";

/** The formats Curio makes smaller copies in: each local image's own. */
export type VariantFormat = "jpeg" | "png" | "webp" | "avif";

/** Image types by what their bytes say (image-size's names), with the format of their copies. */
const RESIZED: Readonly<Record<string, VariantFormat>> = {
  jpg: "jpeg",
  png: "png",
  webp: "webp",
  avif: "avif",
};

/** Types whose size is read but that get no copies: a GIF may be animated. */
const SIZED_ONLY = new Set(["gif"]);

/** One smaller copy of a local image: an output file of its own. */
export interface ImageVariant {
  /** Its key among the files a build publishes: `static/images/a.jpg@640w`. */
  readonly name: string;
  /** The image it is made from: `static/images/a.jpg`. */
  readonly source: string;
  /** Where it is written: `images/a-640w.jpg`, beside the image. */
  readonly outputPath: string;
  readonly width: number;
  readonly height: number;
  readonly format: VariantFormat;
}

/** A scoop's image that is a file of the digest (under `static/`): its size, and its copies. */
export interface LocalImage {
  /** The static file: `static/images/a.jpg`. */
  readonly file: string;
  /** Its size in pixels as shown (turned upright when its EXIF orientation says so). */
  readonly width: number;
  readonly height: number;
  /** Smaller copies, narrowest first: one per configured width narrower than the image. */
  readonly variants: readonly ImageVariant[];
}

/** Local images by the site path a scoop names them with (`/images/a.jpg`). */
export type LocalImages = ReadonlyMap<string, LocalImage>;

/**
 * The static file a front-matter image names, when it names one: `/images/a.jpg` and
 * `images/a.jpg` are `static/images/a.jpg` (percent-escapes decoded); http(s) URLs and paths
 * with a query or fragment are not files of the digest.
 */
export function staticFileOf(url: string): string | undefined {
  if (urlScheme(url) !== undefined || url.startsWith("//") || /[?#]/.test(url)) return undefined;
  let rel = url.replace(/^\/+/, "");
  try {
    rel = decodeURI(rel);
  } catch {
    // Not percent-encoded as a URL would be: the path as written.
  }
  return rel === "" ? undefined : `static/${rel}`;
}

/** The site path by which pages name a local image (`/images/a.jpg`): how they are keyed. */
export function imageKey(url: string): string {
  return `/${url.replace(/^\/+/, "")}`;
}

/**
 * Indexes the local images that `wanted` (the images published scoops show) name: each one's
 * size from its own header, and the smaller copies to make of it, one for each of `widths`
 * narrower than the image. Pure: reads only the bytes given. An image whose bytes are not one
 * Curio can read gets a warning, and is published as it is.
 */
export function indexLocalImages(
  statics: readonly SourceFile[],
  wanted: Iterable<string>,
  widths: readonly number[],
): { images: LocalImages; diagnostics: Diagnostic[] } {
  const byPath = new Map(statics.map((f) => [f.path, f]));
  const images = new Map<string, LocalImage>();
  const diagnostics: Diagnostic[] = [];
  const unreadable = new Set<string>();
  for (const url of wanted) {
    const key = imageKey(url);
    if (images.has(key)) continue;
    const file = staticFileOf(url);
    const source = file === undefined ? undefined : byPath.get(file);
    // An SVG scales by itself: it needs no size or copies.
    if (source === undefined || unreadable.has(source.path) || /\.svgz?$/i.test(source.path))
      continue;
    const size = readSize(source.bytes);
    if (size === undefined || (!(size.type in RESIZED) && !SIZED_ONLY.has(size.type))) {
      if (size?.type !== "svg") {
        unreadable.add(source.path);
        diagnostics.push(
          warning(
            "image-unreadable",
            `${size ? `this ${size.type.toUpperCase()} image` : "this file"} is not an image Curio can size, so pages show it without its size or smaller copies`,
            { file: source.path },
            "save it as a JPEG, PNG, WebP, AVIF or GIF file",
          ),
        );
      }
      continue;
    }
    const format = RESIZED[size.type];
    images.set(key, {
      file: source.path,
      width: size.width,
      height: size.height,
      variants:
        format === undefined
          ? []
          : widths
              .filter((w) => w < size.width)
              .map((w) =>
                variant(
                  source.path,
                  w,
                  Math.max(1, Math.round((size.height * w) / size.width)),
                  format,
                ),
              ),
    });
  }
  return { images, diagnostics };
}

/** An image's upright size and type, or undefined when its bytes are not an image. */
function readSize(bytes: Uint8Array): { width: number; height: number; type: string } | undefined {
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return undefined;
  }
  if (!size.width || !size.height || !size.type) return undefined;
  // EXIF orientations 5 to 8 turn the picture a quarter: browsers show it upright.
  const turned = (size.orientation ?? 1) >= 5;
  return {
    width: turned ? size.height : size.width,
    height: turned ? size.width : size.height,
    type: size.type,
  };
}

function variant(
  source: string,
  width: number,
  height: number,
  format: VariantFormat,
): ImageVariant {
  const rel = source.replace(/^static\//, "");
  const dot = rel.lastIndexOf(".");
  const slash = rel.lastIndexOf("/");
  const stem = dot > slash + 1 ? rel.slice(0, dot) : rel;
  const ext = dot > slash + 1 ? rel.slice(dot) : "";
  return {
    name: `${source}@${width}w`,
    source,
    outputPath: `${stem}-${width}w${ext}`,
    width,
    height,
    format,
  };
}
