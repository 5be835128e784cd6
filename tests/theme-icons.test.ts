import { readFile } from "node:fs/promises";
import path from "node:path";
import { imageSize } from "image-size";
import { describe, expect, it } from "vitest";
import { drawIcons, ICON_SOURCE, THEME_ICONS } from "../src/load/theme-icons.js";
import { ATOM_RNC, jing, jsonFeedValidator, parseXml } from "./helpers/feeds.js";
import { buildSite, makeSite, REPO_ROOT } from "./helpers/sites.js";

const THEME = path.join(REPO_ROOT, "templates");
const NAMES = Object.keys(THEME_ICONS);
const SITE = {
  "curio.config.yml": "title: Icons\nbaseUrl: https://digest.test/\n",
  "content/topics/t/_topic.md": "---\ntitle: T\n---\n",
};
const MARK =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#c0392b"/></svg>';

describe("the theme's PNG icons", () => {
  it("the default theme's are what `npm run icons` draws from its mark now", async () => {
    const drawn = await drawIcons(await readFile(path.join(THEME, ICON_SOURCE)), NAMES);
    for (const [i, name] of NAMES.entries()) {
      const shipped = await readFile(path.join(THEME, name));
      expect(Buffer.from(drawn[i]!).equals(shipped), `${name}: run npm run icons`).toBe(true);
      const size = imageSize(shipped);
      expect([size.type, size.width, size.height], name).toEqual([
        "png",
        THEME_ICONS[name],
        THEME_ICONS[name],
      ]);
    }
  });

  it("a site with its own mark publishes icons drawn from it, not the default theme's", async () => {
    const root = await makeSite({ ...SITE, "templates/assets/favicon.svg": MARK });
    const built = await buildSite(root);
    expect(built.ok).toBe(true);
    expect(built.diagnostics).toEqual([]);
    const [ours] = await drawIcons(Buffer.from(MARK), ["assets/apple-touch-icon.png"]);
    const published = await readFile(path.join(root, "dist/assets/apple-touch-icon.png"));
    expect(published.equals(Buffer.from(ours!))).toBe(true);
    const defaults = await readFile(path.join(THEME, "assets/apple-touch-icon.png"));
    expect(published.equals(defaults)).toBe(false);
    for (const name of NAMES) {
      const size = imageSize(await readFile(path.join(root, "dist", name)));
      expect([size.width, size.height], name).toEqual([THEME_ICONS[name], THEME_ICONS[name]]);
    }
  });

  it("a site's own PNG icons beside its mark are published as they are", async () => {
    const own = Buffer.from("not drawn by Curio");
    const root = await makeSite({
      ...SITE,
      "templates/assets/favicon.svg": MARK,
      ...Object.fromEntries(NAMES.map((n) => [`templates/${n}`, own])),
    });
    expect((await buildSite(root)).ok).toBe(true);
    for (const name of NAMES)
      expect((await readFile(path.join(root, "dist", name))).equals(own), name).toBe(true);
  });

  it("a mark that is not SVG: a warning that says how to fix it, and the build goes on", async () => {
    const root = await makeSite({ ...SITE, "templates/assets/favicon.svg": "<svg oops" });
    const built = await buildSite(root);
    expect(built.ok).toBe(true);
    expect(built.diagnostics.map((d) => [d.code, d.severity, d.file, d.hint])).toEqual([
      [
        "icons-not-drawn",
        "warning",
        "templates/assets/favicon.svg",
        "make assets/favicon.svg a valid SVG, or put the PNG icons (assets/favicon-32.png, assets/icon-144.png, assets/apple-touch-icon.png, assets/icon-512.png) beside it",
      ],
    ]);
    expect(built.diagnostics[0]!.message).toMatch(
      /^the PNG icons could not be drawn from assets\/favicon\.svg: .+/,
    );
  });

  it("pages and every feed format name the icons, at addresses the site publishes", async () => {
    const root = await makeSite({
      ...SITE,
      "curio.config.yml": "title: Icons\nbaseUrl: https://digest.test/sub/\n",
    });
    expect((await buildSite(root)).ok).toBe(true);
    const dist = path.join(root, "dist");
    const at = (name: string) => `https://digest.test/sub/assets/${name}`;
    const rss = parseXml(await readFile(path.join(dist, "feed.xml"), "utf8")) as {
      rss: { channel: { image: Record<string, unknown>; title: string; link: string } };
    };
    const image = rss.rss.channel.image;
    expect(image).toEqual({
      url: at("icon-144.png"),
      title: rss.rss.channel.title,
      link: rss.rss.channel.link,
      width: "144",
      height: "144",
    });
    const atom = parseXml(await readFile(path.join(dist, "atom.xml"), "utf8")) as {
      feed: { icon: string; logo: string };
    };
    expect([atom.feed.icon, atom.feed.logo]).toEqual([at("favicon-32.png"), at("icon-512.png")]);
    expect(jing(ATOM_RNC, [path.join(dist, "atom.xml")]).report).toBe("");
    const json = JSON.parse(await readFile(path.join(dist, "feed.json"), "utf8")) as Record<
      string,
      unknown
    >;
    expect([json.icon, json.favicon]).toEqual([at("icon-512.png"), at("favicon-32.png")]);
    const validate = jsonFeedValidator();
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const home = await readFile(path.join(dist, "index.html"), "utf8");
    expect(home).toMatch(
      /<link rel="icon" href="\/sub\/assets\/favicon-32\.png\?v=[0-9a-f]+" type="image\/png" sizes="32x32">/,
    );
    expect(home).toMatch(
      /<link rel="apple-touch-icon" href="\/sub\/assets\/apple-touch-icon\.png\?v=[0-9a-f]+">/,
    );
    for (const name of NAMES) {
      const size = imageSize(await readFile(path.join(dist, name)));
      expect([size.width, size.height], name).toEqual([THEME_ICONS[name], THEME_ICONS[name]]);
    }
  });
});
