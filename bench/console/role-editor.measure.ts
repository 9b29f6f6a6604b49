import { mkdirSync, writeFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "../../e2e/support/personas";
import { grow, median, RUNS, SIZE, verdict } from "./grow";
import { baseURL } from "./playwright.config";

/**
 * The role editor's numbers (issue 13 §1), at the matrix's size — BENCH_PERMS × BENCH_ROLES,
 * 1,000 permissions × 20 roles: the server render of /admin/roles/{id} (the matrix's target,
 * ≤ 1.5 s) and a box ticked on the Permissions tab reflected on screen (≤ 100 ms), each the median
 * of RUNS. Printed, with a PASS/FAIL line per target, and written to
 * test-results/bench-console/role-editor.json; never asserted as timings.
 */
const TARGETS = { render: 1500, toggle: 100 };

async function openRole(page: Page, id: string) {
  await page.goto(`/admin/roles/${id}`);
  await expect(page.getByRole("button", { name: "Save…" })).toBeVisible();
}

async function serverRender(page: Page, id: string): Promise<number[]> {
  await openRole(page, id); // warm-up
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await openRole(page, id);
    out.push(
      await page.evaluate(() => {
        const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        return n.responseEnd - n.requestStart;
      }),
    );
  }
  return out;
}

/** Clicks an editable unticked box, waits until it shows ticked, then for the frame that paints it. */
async function toggles(page: Page, id: string): Promise<number[]> {
  await openRole(page, id);
  const out: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    out.push(
      await page.evaluate(async () => {
        const box = document.querySelector<HTMLElement>(
          '[data-act="cell"][data-state="unchecked"]:not([aria-disabled])',
        );
        if (!box) throw new Error("no editable unticked box");
        const t0 = performance.now();
        box.click();
        if (box.getAttribute("data-state") !== "checked")
          // A tick that never shows is a broken page, not a slow one: give up after 10 s.
          await new Promise<void>((resolve, reject) => {
            const obs = new MutationObserver(() => {
              if (box.getAttribute("data-state") !== "checked") return;
              obs.disconnect();
              clearTimeout(timer);
              resolve();
            });
            const timer = setTimeout(() => {
              obs.disconnect();
              reject(new Error(`${box.getAttribute("aria-label")}: not shown ticked within 10 s`));
            }, 10_000);
            obs.observe(box, { attributes: true });
          });
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      }),
    );
  }
  return out.slice(2);
}

test("role editor: server render and toggle, grown", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await expect(page.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
  const growth = await grow(page.request);
  const matrix = (await (await page.request.get("/api/v1/matrix")).json()) as {
    permissions: unknown[];
    roles: { id: string; name: string; grants_all: boolean }[];
    grants: Record<string, string[]>;
  };
  // The editable role with the most grants: the heaviest page.
  const role = matrix.roles
    .filter((r) => !r.grants_all)
    .sort((a, b) => (matrix.grants[b.id]?.length ?? 0) - (matrix.grants[a.id]?.length ?? 0))[0]!;
  const render = await serverRender(page, role.id);
  const toggle = await toggles(page, role.id);
  const result = {
    permissions: matrix.permissions.length,
    roles: matrix.roles.length,
    role: role.name,
    grants: matrix.grants[role.id]?.length ?? 0,
    render,
    toggle,
  };
  const fmt = (xs: number[]) => `${Math.round(median(xs))} ms`;
  const at = `${result.permissions} × ${result.roles}`;
  console.log(
    [
      "",
      `Role editor, median of ${RUNS} (headless Chromium via Playwright, ${baseURL})`,
      "| permissions × roles | role (grants) | server render (target ≤ 1500 ms) | toggle reflected (≤ 100 ms) |",
      "|---|---|---|---|",
      `| ${at} | ${result.role} (${result.grants}) | ${fmt(render)} | ${fmt(toggle)} |`,
      "",
      verdict(`role editor server render at ${at}`, render, TARGETS.render),
      verdict(`role editor toggle at ${at}`, toggle, TARGETS.toggle),
      "",
    ].join("\n"),
  );
  mkdirSync("test-results/bench-console", { recursive: true });
  writeFileSync(
    "test-results/bench-console/role-editor.json",
    JSON.stringify({ runs: RUNS, size: SIZE, targets: TARGETS, grow: growth, result }, null, 2),
  );
});
