import fc from "fast-check";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { imageKey, indexLocalImages, staticFileOf } from "../../src/index/local-images.js";
import { png } from "../helpers/png.js";

const WIDTHS = [320, 640, 960, 1280];

/** A JPEG of the given stored size, with an EXIF orientation when given. */
async function jpeg(width: number, height: number, orientation?: number): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: "#4a8" } });
  return (orientation ? image.withMetadata({ orientation }) : image).jpeg().toBuffer();
}

describe("staticFileOf", () => {
  it("maps a site path, with or without its leading slash, to its file under static/", () => {
    expect(staticFileOf("/images/a.jpg")).toBe("static/images/a.jpg");
    expect(staticFileOf("images/a.jpg")).toBe("static/images/a.jpg");
    expect(staticFileOf("/images/my%20photo.jpg")).toBe("static/images/my photo.jpg");
  });

  it("is undefined for web addresses and paths with a query or fragment", () => {
    for (const url of [
      "https://cdn.example.com/a.jpg",
      "http://x.test/a.png",
      "//cdn.example.com/a.jpg",
      "/images/a.jpg?v=2",
      "/images/a.jpg#top",
      "/",
    ])
      expect(staticFileOf(url), url).toBeUndefined();
  });
});

describe("indexLocalImages", () => {
  it("reads each local image's size and plans one copy per width narrower than it, beside it", async () => {
    const statics = [{ path: "static/images/a.jpg", bytes: await jpeg(1000, 500) }];
    const { images, diagnostics } = indexLocalImages(statics, ["images/a.jpg"], WIDTHS);
    expect(diagnostics).toEqual([]);
    expect([...images.keys()]).toEqual(["/images/a.jpg"]);
    expect(images.get("/images/a.jpg")).toEqual({
      file: "static/images/a.jpg",
      width: 1000,
      height: 500,
      variants: [
        {
          name: "static/images/a.jpg@320w",
          source: "static/images/a.jpg",
          outputPath: "images/a-320w.jpg",
          width: 320,
          height: 160,
          format: "jpeg",
        },
        {
          name: "static/images/a.jpg@640w",
          source: "static/images/a.jpg",
          outputPath: "images/a-640w.jpg",
          width: 640,
          height: 320,
          format: "jpeg",
        },
        {
          name: "static/images/a.jpg@960w",
          source: "static/images/a.jpg",
          outputPath: "images/a-960w.jpg",
          width: 960,
          height: 480,
          format: "jpeg",
        },
      ],
    });
  });

  it("gives an image turned by its EXIF orientation its upright size", async () => {
    const statics = [{ path: "static/p.jpg", bytes: await jpeg(800, 400, 6) }];
    const image = indexLocalImages(statics, ["/p.jpg"], [320]).images.get("/p.jpg")!;
    expect([image.width, image.height]).toEqual([400, 800]);
    expect(image.variants.map((v) => [v.outputPath, v.width, v.height])).toEqual([
      ["p-320w.jpg", 320, 640],
    ]);
  });

  it("sizes a GIF (it may be animated) and an image narrower than every width, but makes no copies", async () => {
    const gif = await sharp({
      create: { width: 900, height: 300, channels: 3, background: "#000" },
    })
      .gif()
      .toBuffer();
    const statics = [
      { path: "static/anim.gif", bytes: gif },
      { path: "static/small.png", bytes: png(200, 100) },
    ];
    const { images } = indexLocalImages(statics, ["/anim.gif", "/small.png"], WIDTHS);
    expect(images.get("/anim.gif")).toEqual({
      file: "static/anim.gif",
      width: 900,
      height: 300,
      variants: [],
    });
    expect(images.get("/small.png")).toEqual({
      file: "static/small.png",
      width: 200,
      height: 100,
      variants: [],
    });
  });

  it("leaves out web images, missing files and SVGs, and warns once about a file that is no image", () => {
    const statics = [
      { path: "static/logo.svg", bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
      { path: "static/fake.jpg", bytes: Buffer.from("<!doctype html><p>Not found</p>") },
    ];
    const { images, diagnostics } = indexLocalImages(
      statics,
      ["https://x.test/a.jpg", "/missing.png", "/logo.svg", "/fake.jpg", "fake.jpg"],
      WIDTHS,
    );
    expect(images.size).toBe(0);
    expect(diagnostics).toEqual([
      {
        severity: "warning",
        code: "image-unreadable",
        message:
          "this file is not an image Curio can size, so pages show it without its size or smaller copies",
        file: "static/fake.jpg",
        hint: "save it as a JPEG, PNG, WebP, AVIF or GIF file",
      },
    ]);
  });

  it("plans, for any size and widths, copies strictly narrower than the image, ascending, keeping its shape", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.uniqueArray(fc.integer({ min: 16, max: 4096 }), { maxLength: 12 }),
        (width, height, widths) => {
          const sorted = [...widths].sort((a, b) => a - b);
          const statics = [{ path: "static/i.png", bytes: png(width, height) }];
          const image = indexLocalImages(statics, ["/i.png"], sorted).images.get(
            imageKey("i.png"),
          )!;
          expect(image.variants.map((v) => v.width)).toEqual(sorted.filter((w) => w < width));
          for (const v of image.variants) {
            expect(v.height).toBeGreaterThanOrEqual(1);
            expect(Math.abs(v.height / v.width - height / width)).toBeLessThanOrEqual(
              1 / v.width + 0.5 / v.width,
            );
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
