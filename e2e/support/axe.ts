import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The WCAG 2.1 A and AA rules: what "accessible" means for Gatehouse (docs/design.md, Accessibility). */
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  // Skeletons and fade-ins finished: axe judges the page a person reads.
  await expect(page.locator("[data-slot=skeleton], .animate-pulse")).toHaveCount(0, { timeout: 15_000 });
  await page.evaluate(() => document.fonts.ready);
}

export async function expectAccessible(page: Page, label: string) {
  await settle(page);
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = bad.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.length,
    examples: v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1] ?? ""}`),
  }));
  expect(report, `${label}: serious or critical axe violations`).toEqual([]);
}

/**
 * Disabled buttons that do not say why: a disabled control must carry its reason (a
 * `DisabledWithReason` gate, a labelled group around it, `aria-describedby`, `aria-description` or a title).
 */
export async function unexplainedDisabledButtons(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLButtonElement>("button:disabled, button[aria-disabled=true]")]
      .filter((b) => b.getClientRects().length > 0)
      .filter(
        (b) =>
          !b.closest("[data-gate=disabled], [role=group][aria-label]") &&
          !b.getAttribute("aria-describedby") &&
          // ARIA 1.3's own description (the matrix's and role editor's locked boxes say why in it).
          !b.getAttribute("aria-description") &&
          !b.title,
      )
      .map((b) => (b.getAttribute("aria-label") || b.textContent || "").trim().slice(0, 60)),
  );
}
