import type { ThemeFile } from "./read-sources.js";

/** The theme's mark: the SVG every icon is drawn from. */
export const ICON_SOURCE = "assets/favicon.svg";

/**
 * The PNG icons a theme publishes, by asset name, with their size in pixels: a favicon for
 * browsers that take no SVG, RSS's `<image>` (at most 144 px wide), the apple-touch icon that
 * phones put on a home screen, and the large icon of JSON Feed and Atom's `<logo>`.
 */
export const THEME_ICONS: Readonly<Record<string, number>> = {
  "assets/favicon-32.png": 32,
  "assets/icon-144.png": 144,
  "assets/apple-touch-icon.png": 180,
  "assets/icon-512.png": 512,
};

/**
 * The theme's PNG icons that must be drawn from its mark: every one the theme lacks, or has
 * only from another folder than its `favicon.svg` (a site that overrides the default theme's
 * mark gets icons of its own mark, not the default theme's). The default theme ships its
 * icons, drawn by `npm run icons`, so a plain build draws nothing; a theme with its own mark
 * and no PNGs pays for drawing them (about 0.7 s, most of it loading the image library).
 */
export async function missingThemeIcons(theme: readonly ThemeFile[]): Promise<ThemeFile[]> {
  const mark = theme.find((f) => f.name === ICON_SOURCE);
  if (!mark) return [];
  const folder = (f: ThemeFile) => f.path.slice(0, f.path.length - f.name.length);
  const missing = Object.keys(THEME_ICONS).filter((name) => {
    const icon = theme.find((f) => f.name === name);
    return icon === undefined || folder(icon) !== folder(mark);
  });
  if (missing.length === 0) return [];
  const drawn = await drawIcons(mark.bytes, missing);
  return missing.map((name, i) => ({
    name,
    path: mark.path.replace(ICON_SOURCE, name),
    bytes: drawn[i]!,
  }));
}

/** Draws an SVG mark as square PNG icons of the named sizes (deterministic for one sharp). */
export async function drawIcons(svg: Uint8Array, names: readonly string[]): Promise<Uint8Array[]> {
  // Loaded only when an icon is drawn: the library takes about half a second to load.
  const { default: sharp } = await import("sharp");
  return Promise.all(
    names.map(async (name) => {
      const size = THEME_ICONS[name]!;
      const png = await sharp(Buffer.from(svg), { density: Math.min(2400, (72 * size) / 16) })
        .resize(size, size, { fit: "contain", background: { r: 0, g: 0, b: 0, alpha: 0 } })
        .png({ compressionLevel: 9 })
        .toBuffer();
      return new Uint8Array(png);
    }),
  );
}
