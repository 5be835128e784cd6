/// <reference lib="dom" />
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { REPO_ROOT } from "./sites.js";

const AXE = await readFile(path.join(REPO_ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");

/** Runs axe-core on the page and returns its violations, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document) => Promise<{
            violations: { id: string; help: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    return (await axe.run(document)).violations;
  });
  return violations.map(
    (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}
