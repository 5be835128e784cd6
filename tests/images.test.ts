import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { imageSize } from "image-size";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { Rebuilder } from "../src/api.js";
import { buildSite, listFiles, makeSite, readOut, readTree, TEST_NOW } from "./helpers/sites.js";

/** A photo-like JPEG (a gradient, so copies differ from one another), stored turned when told. */
async function photo(width: number, height: number, orientation?: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="#2a6"/><stop offset="1" stop-color="#fc3"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 3}" cy="${height / 2}" r="${height / 4}" fill="#36c"/></svg>`;
  const image = sharp(Buffer.from(svg));
  return (orientation ? image.withMetadata({ orientation }) : image).jpeg().toBuffer();
}

/** A digest with one scoop showing `image`, and the given static files. */
function digest(image: string, statics: Record<string, Uint8Array>, config = "") {
  return makeSite({
    "curio.config.yml": `title: Test digest\nbaseUrl: https://digest.test/news/\n${config}`,
    "content/curators/ann.md": "---\nname: Ann\n---\n",
    "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
    "content/topics/t/2024-01-01-one.md": `---\ntitle: One\ndate: 2024-01-01\nurl: https://source.test/a\nimage: ${image}\nimageAlt: A bird\n---\nText.\n`,
    ...Object.fromEntries(Object.entries(statics).map(([p, b]) => [`static/${p}`, b])),
  });
}

const imgTag = (html: string, cls: string) =>
  new RegExp(`<img class="${cls}"[^>]*>`).exec(html)?.[0];

describe("a scoop's local image", () => {
  it("is published with smaller copies beside it, each the size the srcset says", async () => {
    const root = await digest("/images/bird.jpg", { "images/bird.jpg": await photo(1000, 750) });
    const result = await buildSite(root, { cache: false });
    expect(result.diagnostics).toEqual([]);
    const out = path.join(root, "dist");
    expect((await listFiles(out)).filter((f) => f.startsWith("images/"))).toEqual([
      "images/bird-320w.jpg",
      "images/bird-640w.jpg",
      "images/bird-960w.jpg",
      "images/bird.jpg",
    ]);
    for (const [file, width, height] of [
      ["images/bird-320w.jpg", 320, 240],
      ["images/bird-640w.jpg", 640, 480],
      ["images/bird-960w.jpg", 960, 720],
    ] as const) {
      const size = imageSize(await readFile(path.join(out, file)));
      expect([size.type, size.width, size.height], file).toEqual(["jpg", width, height]);
    }
    const srcset =
      "/news/images/bird-320w.jpg 320w, /news/images/bird-640w.jpg 640w, /news/images/bird-960w.jpg 960w, /news/images/bird.jpg 1000w";
    expect(imgTag(await readOut(out, "topics/t/index.html"), "card__image")).toBe(
      `<img class="card__image" src="/news/images/bird.jpg" srcset="${srcset}" sizes="(min-width: 40rem) 11rem, 5.5rem" alt="A bird" width="1000" height="750" loading="lazy" decoding="async">`,
    );
    const page = await readOut(out, "topics/t/one/index.html");
    expect(page).toContain(
      `<img src="/news/images/bird.jpg" srcset="${srcset}" sizes="(min-width: 45rem) 42rem, 100vw" alt="A bird" width="1000" height="750"`,
    );
  });

  it("gets its upright size when its EXIF orientation turns it, and copies turned upright", async () => {
    // Stored 1200 × 600, shown 600 × 1200.
    const root = await digest("images/turned.jpg", {
      "images/turned.jpg": await photo(1200, 600, 6),
    });
    expect((await buildSite(root, { cache: false })).ok).toBe(true);
    const out = path.join(root, "dist");
    const copy = imageSize(await readFile(path.join(out, "images/turned-320w.jpg")));
    expect([copy.width, copy.height, copy.orientation]).toEqual([320, 640, undefined]);
    expect(imgTag(await readOut(out, "topics/t/index.html"), "card__image")).toContain(
      'width="600" height="1200"',
    );
  });

  it("builds to the same bytes every time, with or without the cache of copies", async () => {
    const root = await digest("/images/bird.png", {
      "images/bird.png": await sharp(await photo(700, 400))
        .png()
        .toBuffer(),
    });
    const first = await buildSite(root, { outDir: "a", cache: false });
    const cached1 = await buildSite(root, { outDir: "b" });
    const cached2 = await buildSite(root, { outDir: "c" });
    expect([first.ok, cached1.ok, cached2.ok]).toEqual([true, true, true]);
    const a = await readTree(path.join(root, "a"));
    for (const dir of ["b", "c"]) {
      const other = await readTree(path.join(root, dir));
      expect([...other.keys()]).toEqual([...a.keys()]);
      for (const [file, bytes] of a) expect(other.get(file)!.equals(bytes), file).toBe(true);
    }
    expect(a.has("images/bird-640w.png")).toBe(true);
  });

  it("is made again from the image when its cached copy is damaged, and the cache keeps only copies in use", async () => {
    const root = await digest("/images/bird.jpg", { "images/bird.jpg": await photo(700, 400) });
    expect((await buildSite(root)).ok).toBe(true);
    const cacheDir = path.join(root, ".curio-cache", "images");
    const cached = (await readdir(cacheDir)).sort();
    expect(cached).toHaveLength(2); // 320 and 640 wide
    const good = await readFile(path.join(root, "dist/images/bird-320w.jpg"));
    for (const name of cached) {
      const file = path.join(cacheDir, name);
      const bytes = await readFile(file);
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 0xff, bytes.length - 10);
      await writeFile(file, bytes);
    }
    await rm(path.join(root, "dist"), { recursive: true });
    expect((await buildSite(root)).ok).toBe(true);
    expect((await readFile(path.join(root, "dist/images/bird-320w.jpg"))).equals(good)).toBe(true);

    // The scoop shows a web image now: its copies are no longer made, nor kept.
    await writeFile(
      path.join(root, "content/topics/t/2024-01-01-one.md"),
      "---\ntitle: One\ndate: 2024-01-01\nimage: https://cdn.digest.test/a.jpg\n---\nText.\n",
    );
    expect((await buildSite(root)).ok).toBe(true);
    expect(await readdir(cacheDir)).toEqual([]);
    expect(await listFiles(path.join(root, "dist/images"))).toEqual(["bird.jpg"]);
  });

  it("makes no copies with `images.widths: []`, and keeps its size", async () => {
    const root = await digest(
      "/images/bird.jpg",
      { "images/bird.jpg": await photo(900, 600) },
      "images:\n  widths: []\n",
    );
    expect((await buildSite(root, { cache: false })).ok).toBe(true);
    const out = path.join(root, "dist");
    expect(await listFiles(path.join(out, "images"))).toEqual(["bird.jpg"]);
    expect(imgTag(await readOut(out, "topics/t/index.html"), "card__image")).toBe(
      '<img class="card__image" src="/news/images/bird.jpg" alt="A bird" width="900" height="600" loading="lazy" decoding="async">',
    );
  });
});

describe("curio serve, when a scoop's picture becomes a local image", () => {
  it("builds what a cold build of the edited digest builds: the image's size and copies", async () => {
    const root = await digest("https://cdn.digest.test/a.jpg", {
      "images/bird.jpg": await photo(800, 400),
    });
    const builder = new Rebuilder({ root, outDir: "dist" }, { now: () => TEST_NOW });
    try {
      expect((await builder.build()).ok).toBe(true);
      const file = path.join(root, "content/topics/t/2024-01-01-one.md");
      await writeFile(
        file,
        (await readFile(file, "utf8")).replace("https://cdn.digest.test/a.jpg", "/images/bird.jpg"),
      );
      const edited = await builder.build([file]);
      expect([edited.ok, edited.ok && edited.mode]).toEqual([true, "full"]);
    } finally {
      builder.close();
    }
    expect((await buildSite(root, { outDir: "cold", cache: false })).ok).toBe(true);
    const served = await readTree(path.join(root, "dist"));
    const cold = await readTree(path.join(root, "cold"));
    expect([...served.keys()]).toEqual([...cold.keys()]);
    for (const [f, bytes] of cold) expect(served.get(f)!.equals(bytes), f).toBe(true);
    expect(served.has("images/bird-640w.jpg")).toBe(true);
  });
});

describe("a picture that cannot be published as it should", () => {
  it("named by a site path with no file under static/ gets a warning at the field", async () => {
    const root = await digest("/images/gone.jpg", {});
    const result = await buildSite(root, { cache: false });
    expect(result.ok).toBe(true);
    expect(
      result.diagnostics.map((d) => [d.file, d.line, d.column, d.code, d.message, d.hint]),
    ).toEqual([
      [
        "content/topics/t/2024-01-01-one.md",
        5,
        8,
        "image-not-found",
        "`image` is /images/gone.jpg, but there is no static/images/gone.jpg, so the page shows a broken picture",
        "put the picture at static/images/gone.jpg, or correct the path (it is relative to static/)",
      ],
    ]);
  });

  it("a curator's avatar named by a missing site path gets the same warning", async () => {
    const root = await makeSite({
      "content/curators/ann.md": "---\nname: Ann\navatar: /people/ann.png\n---\n",
      "content/topics/t/_topic.md": "---\ntitle: T\ncurators: [ann]\n---\n",
      "content/topics/t/2024-01-01-one.md": "---\ntitle: One\ndate: 2024-01-01\n---\nText.\n",
    });
    const result = await buildSite(root, { cache: false });
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      "content/curators/ann.md:3:9 `avatar` is /people/ann.png, but there is no static/people/ann.png, so the page shows a broken picture",
    ]);
  });

  it("whose header reads but whose picture does not fails the build, and nothing is written", async () => {
    const whole = await photo(800, 600);
    const root = await digest("/images/cut.jpg", {
      "images/cut.jpg": whole.subarray(0, Math.floor(whole.length / 3)),
    });
    const result = await buildSite(root, { cache: false });
    expect(result.ok).toBe(false);
    const d = result.diagnostics.find((x) => x.code === "image-not-resized");
    expect([d?.severity, d?.file, d?.hint]).toEqual([
      "error",
      "static/images/cut.jpg",
      "open the image and save it again, or replace it",
    ]);
    expect(d?.message).toMatch(/^the image could not be read to make its smaller copies: /);
    await expect(readdir(path.join(root, "dist"))).rejects.toThrow(/ENOENT/);
  });
});
