/// <reference lib="dom" />
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { REPO_ROOT } from "./sites.js";

const AXE = await readFile(path.join(REPO_ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");

/**
 * Runs axe-core on the page and returns its violations, one line each. `disable` names rules
 * that do not apply to the document (an email's body has no page landmarks to find).
 */
export async function axeViolations(
  page: Page,
  disable: readonly string[] = [],
): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async (off) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            options: { rules: Record<string, { enabled: boolean }> },
          ) => Promise<{
            violations: { id: string; help: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const rules = Object.fromEntries(off.map((id) => [id, { enabled: false }]));
    return (await axe.run(document, { rules })).violations;
  }, disable);
  return violations.map(
    (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}
