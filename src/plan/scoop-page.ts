import type { Scoop } from "../model.js";
import { oneLine } from "../util/one-line.js";

/**
 * A scoop page's title and meta description: the only text its route copies from the scoop.
 * Planning gives the page these, and replacing a scoop in planned routes gives them again.
 */
export function scoopPageText(scoop: Pick<Scoop, "title" | "excerptText">): {
  title: string;
  description: string;
} {
  const text = oneLine(scoop.excerptText);
  return {
    title: scoop.title,
    description: text.length <= 200 ? text : `${text.slice(0, 199).replace(/\s+\S*$/, "")}…`,
  };
}
