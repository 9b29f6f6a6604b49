import { mkdirSync, writeFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "../../e2e/support/personas";
import { grow, median, RUNS, SIZE, verdict } from "./grow";
import { baseURL } from "./playwright.config";

/**
 * The permission matrix's numbers (issues 5 and 13): the server render of /admin/matrix (≤ 1.5 s),
 * a checkbox toggle reflected on screen (≤ 100 ms) and the save preview of 50 changes (≤ 500 ms),
 * each the median of RUNS, on the demo world and again grown to BENCH_PERMS × BENCH_ROLES (1,000
 * permissions × 20 roles). Printed, with a PASS/FAIL line per target, and written to
 * test-results/bench-console/matrix.json; never asserted as timings.
 */
const origin = { origin: baseURL };
const TARGETS = { render: 1500, toggle: 100, preview: 500 };

async function openMatrix(page: Page) {
  await page.goto("/admin/matrix");
  await expect(page.getByRole("table", { name: "Permission matrix" })).toBeVisible();
}

/** requestStart → responseEnd of the document: the whole streamed server render, matrix included. */
async function serverRender(page: Page): Promise<number[]> {
  await openMatrix(page); // warm-up
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await openMatrix(page);
    out.push(
      await page.evaluate(() => {
        const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        return n.responseEnd - n.requestStart;
      }),
    );
  }
  return out;
}

/** In the page: click, wait until the DOM shows the result, then for the frame that paints it. */
async function timeInPage(page: Page, click: string, done: string): Promise<number> {
  return page.evaluate(
    async ({ click, done }) => {
      const clickEl = new Function(`return (${click})`)() as HTMLElement;
      const isDone = new Function(`return (${done})`) as () => boolean;
      const t0 = performance.now();
      clickEl.click();
      if (!isDone()) {
        // A result that never shows is a broken page, not a slow one: give up after 10 s.
        await new Promise<void>((resolve, reject) => {
          const obs = new MutationObserver(() => {
            if (!isDone()) return;
            obs.disconnect();
            clearTimeout(timer);
            resolve();
          });
          const timer = setTimeout(() => {
            obs.disconnect();
            reject(new Error(`not shown within 10 s: ${done}`));
          }, 10_000);
          obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        });
      }
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    },
    { click, done },
  );
}

const unchecked = (roleFilter = "") =>
  `[...document.querySelectorAll('[data-action="cell"][data-state="unchecked"]:not([aria-disabled])${roleFilter}')]`;

/** Ticks RUNS+2 editable unticked cells of the rows in view (dependencies included), each timed. */
async function toggles(page: Page): Promise<number[]> {
  await openMatrix(page);
  const out: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const label = await page.evaluate(
      (sel) => (new Function(`return ${sel}`)() as HTMLElement[])[0]?.getAttribute("aria-label"),
      unchecked(),
    );
    expect(label, "an editable unticked cell in view").toBeTruthy();
    const sel = `document.querySelector('[aria-label="${label}"]')`;
    out.push(await timeInPage(page, sel, `${sel}?.getAttribute("data-state") === "checked"`));
  }
  await discard(page);
  return out.slice(2);
}

async function discard(page: Page) {
  await page.getByRole("button", { name: "Discard", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Discard changes" }).click();
  await expect(page.getByText("No unsaved changes")).toBeVisible();
}

const pendingCount = (page: Page) =>
  page.evaluate(() => Number(/(\d+) unsaved change/.exec(document.body.innerText)?.[1] ?? 0));

/** Makes 50 pending changes (dashboard rows, editable roles), then times Save… → the diff dialog shown. */
async function savePreview(page: Page): Promise<{ changes: number; ms: number[] }> {
  await openMatrix(page);
  await page.getByLabel("Filter permissions").fill("dashboard.");
  await expect(page.getByText(/^\d+ of \d+ permissions$/)).toBeVisible();
  while ((await pendingCount(page)) < 50) {
    const label = await page.evaluate(
      (sel) => (new Function(`return ${sel}`)() as HTMLElement[])[0]?.getAttribute("aria-label"),
      unchecked(),
    );
    expect(label, "enough editable unticked cells for 50 changes").toBeTruthy();
    await page.getByRole("checkbox", { name: label!, exact: true }).click();
  }
  const changes = await pendingCount(page);
  const out: number[] = [];
  const dialog = page.getByRole("dialog", { name: "Review changes before saving" });
  for (let i = 0; i < RUNS + 1; i++) {
    out.push(
      await timeInPage(
        page,
        `[...document.querySelectorAll("button")].find((b) => b.textContent.includes("Save…"))`,
        `[...document.querySelectorAll('[role="dialog"] button')].some((b) => /^Confirm \\d+ changes$/.test(b.textContent))`,
      ),
    );
    await expect(dialog).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  }
  await discard(page);
  return { changes, ms: out.slice(1) };
}

async function measureWorld(page: Page, world: string) {
  const size = (await page.request.get("/api/v1/matrix").then((r) => r.json())) as {
    permissions: unknown[];
    roles: unknown[];
  };
  const render = await serverRender(page);
  const toggle = await toggles(page);
  const preview = await savePreview(page);
  const result = {
    world,
    permissions: size.permissions.length,
    roles: size.roles.length,
    render,
    toggle,
    preview: preview.ms,
    previewChanges: preview.changes,
  };
  console.log(`${world}: ${JSON.stringify(result)}`);
  return result;
}

test("permission matrix: server render, toggle, save preview", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await expect(page.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
  // Enough empty columns that 50 dashboard cells are free to tick in the demo world.
  for (const name of ["Bench Empty A", "Bench Empty B"])
    await page.request.post("/api/v1/roles", { headers: origin, data: { name } });
  const results = [await measureWorld(page, "demo world")];
  const growth = await grow(page.request);
  results.push(await measureWorld(page, "grown"));

  const fmt = (xs: number[]) => `${Math.round(median(xs))} ms`;
  const lines = [
    `Permission matrix, median of ${RUNS} (headless Chromium via Playwright, ${baseURL})`,
    "| world | permissions × roles | server render (target ≤ 1500 ms) | toggle reflected (≤ 100 ms) | save preview (≤ 500 ms) |",
    "|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.world} | ${r.permissions} × ${r.roles} | ${fmt(r.render)} | ${fmt(r.toggle)} | ${fmt(r.preview)} (${r.previewChanges} changes) |`,
    ),
  ];
  const grown = results[1]!;
  const at = `${grown.permissions} × ${grown.roles}`;
  lines.push(
    "",
    verdict(`matrix server render at ${at}`, grown.render, TARGETS.render),
    verdict(`matrix toggle at ${at}`, grown.toggle, TARGETS.toggle),
    verdict(`matrix save preview (${grown.previewChanges} changes) at ${at}`, grown.preview, TARGETS.preview),
  );
  console.log(`\n${lines.join("\n")}\n`);
  mkdirSync("test-results/bench-console", { recursive: true });
  writeFileSync(
    "test-results/bench-console/matrix.json",
    JSON.stringify({ runs: RUNS, size: SIZE, targets: TARGETS, grow: growth, results }, null, 2),
  );
});
