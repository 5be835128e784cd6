/**
 * `npm run icons`: draws the default theme's PNG icons from its mark, templates/assets/favicon.svg
 * (run after changing the mark; tests/theme-icons.test.ts fails when they differ).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { drawIcons, ICON_SOURCE, THEME_ICONS } from "../src/load/theme-icons.js";

const theme = path.resolve(import.meta.dirname, "..", "templates");
const names = Object.keys(THEME_ICONS);
const drawn = await drawIcons(readFileSync(path.join(theme, ICON_SOURCE)), names);
names.forEach((name, i) => {
  writeFileSync(path.join(theme, name), drawn[i]!);
  console.log(`wrote templates/${name} (${THEME_ICONS[name]} px, ${drawn[i]!.length} bytes)`);
});
