import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { loginAs } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * The matrix by keyboard and on a phone, and "Why?" searched by name (issue 13 §3, §4): one Tab
 * stop for the grid, arrows and Home/End move, Space ticks, the save is reached by keyboard; at
 * 390 px a role-by-role list whose checkbox saves; the explain panel finds a permission by name.
 */
const unique = (name: string) =>
  `${name} ${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 5)}`;
const shot = async (page: Page, name: string) => {
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/${name}.png` });
};
async function newRole(api: APIRequestContext, name: string) {
  const res = await api.post("/api/v1/roles", { headers: sameOrigin, data: { name: unique(name) } });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; name: string };
}
async function grantsOf(api: APIRequestContext, id: string): Promise<string[]> {
  return ((await (await api.get(`/api/v1/roles/${id}`)).json()).permissions as { code: string }[])
    .map((p) => p.code)
    .sort();
}
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      label: el?.getAttribute("aria-label") ?? el?.textContent?.trim() ?? "",
      inGrid: !!el?.closest('[role="table"][aria-label="Permission matrix"]'),
      tabStops: document.querySelectorAll('[role="table"][aria-label="Permission matrix"] [tabindex="0"]').length,
    };
  });

test.describe("matrix access", () => {
  test.describe.configure({ timeout: 120_000 });

  test("keyboard only: one Tab stop into the grid, arrows and Home/End move, Space ticks, the save is confirmed by keyboard", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs(page, "tenantAdmin");
    const role = await newRole(page.request, "QA Keys");
    await page.goto("/admin/matrix");
    await expect(page.getByRole("table", { name: "Permission matrix" })).toBeVisible();
    await shot(page, "matrix-1440");
    // More roles than fit: a visible hint says how many lie to the right, and scrolls to them.
    const more = page.getByTestId("matrix-scroll-right");
    await expect(more).toBeVisible();
    await expect(more).toHaveAccessibleName(/^Scroll right: \d+ more roles? out of view$/);
    const scroller = page.getByRole("table", { name: "Permission matrix" }).locator("..");
    await more.click();
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    // Pin the role (the setup; the editing below is keyboard only); the choice outlives a reload.
    await page.getByRole("button", { name: /^Columns/ }).click();
    await page.getByRole("button", { name: `Pin ${role.name}` }).click();
    await page.keyboard.press("Escape");
    await page.reload();
    await expect(page.getByRole("button", { name: /^Columns/ })).toContainText("1 pinned");
    const firstRole = page.getByRole("columnheader").nth(1);
    await expect(firstRole).toContainText(role.name);

    const search = page.getByLabel("Filter permissions");
    await search.fill("finance.journal.export");
    await search.focus();
    // Tab from the search: past the filters and toolbar, into the grid — one stop, then out of it.
    let tabs = 0;
    while (!(await focused(page)).inGrid && tabs++ < 20) await page.keyboard.press("Tab");
    const entry = await focused(page);
    expect(entry.inGrid).toBe(true);
    expect(entry.tabStops).toBe(1);
    await page.keyboard.press("Tab");
    expect((await focused(page)).inGrid).toBe(false);
    await page.keyboard.press("Shift+Tab");
    expect((await focused(page)).inGrid).toBe(true);

    // The module row first, then down to the permission; Home is the row header, End the last role.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Home");
    expect((await focused(page)).label).toBe("Who has finance.journal.export?");
    await page.keyboard.press("End");
    expect((await focused(page)).label).toMatch(/^Grant finance\.journal\.export to /);
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowRight");
    expect((await focused(page)).label).toBe(`Grant finance.journal.export to ${role.name}`);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    // Up past the module row: the role's column header (its name, its members).
    expect((await focused(page)).label).toContain(role.name);
    expect((await focused(page)).inGrid).toBe(true);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect((await focused(page)).label).toBe(`Grant finance.journal.export to ${role.name}`);
    expect((await focused(page)).tabStops).toBe(1);
    // The focused cell is marked, not only the box.
    const box = page.getByRole("checkbox", { name: `Grant finance.journal.export to ${role.name}`, exact: true });
    await expect(box.locator("..")).toHaveCSS("background-color", "rgb(238, 242, 255)");
    await page.keyboard.press("Space");
    await expect(box).toHaveAttribute("data-state", "checked");
    await shot(page, "matrix-keyboard-1440");

    // Back out of the grid to Save…, open the review and confirm: all by keyboard.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Shift+Tab");
      if ((await focused(page)).label.startsWith("Save")) break;
    }
    expect((await focused(page)).label).toMatch(/^Save/);
    await page.keyboard.press("Enter");
    const review = page.getByRole("dialog", { name: "Review changes before saving" });
    await expect(review).toBeVisible();
    await review.getByRole("button", { name: /^Confirm/ }).focus();
    await page.keyboard.press("Enter");
    await expect(review).toBeHidden();
    // The export and the view it depends on, saved.
    expect(await grantsOf(page.request, role.id)).toEqual(["finance.journal.export", "finance.journal.view"]);
  });

  test("at 390 px: pick a role, tick a permission by its name, save", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs(page, "tenantAdmin");
    const role = await newRole(page.request, "QA Phone");
    await page.goto("/admin/matrix");
    const view = page.getByTestId("matrix-role-view");
    await expect(view).toBeVisible();
    await expect(page.getByRole("table", { name: "Permission matrix" })).toHaveCount(0);
    await shot(page, "matrix-390");
    await view.getByRole("combobox", { name: "Role", exact: true }).selectOption({ label: role.name });
    await page.getByLabel("Filter permissions").fill("finance.journal.export");
    const box = view.getByRole("checkbox", { name: /finance\.journal\.export/ }).first();
    await expect(box).toBeVisible();
    await expect(box).toHaveAttribute("data-state", "unchecked");
    await box.click();
    await expect(box).toHaveAttribute("data-state", "checked");
    await shot(page, "matrix-390-ticked");
    await page.getByRole("button", { name: "Save…" }).click();
    const review = page.getByRole("dialog", { name: "Review changes before saving" });
    await shot(page, "matrix-390-review");
    await review.getByRole("button", { name: /^Confirm/ }).click();
    await expect(review).toBeHidden();
    expect(await grantsOf(page.request, role.id)).toEqual(["finance.journal.export", "finance.journal.view"]);
  });

  test("Why? finds a permission by its name and explains it", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs(page, "tenantAdmin");
    const users = (await (await page.request.get("/api/v1/users?search=viewer@acme.test")).json()).data as {
      id: string;
    }[];
    const audit = (
      (await (await page.request.get("/api/v1/permissions?search=gatehouse.audit.view")).json()).data as {
        code: string;
        name: string;
      }[]
    ).find((p) => p.code === "gatehouse.audit.view")!;
    await page.goto(`/admin/users/${users[0]!.id}`);
    await page.getByRole("button", { name: "Why?…" }).click();
    const search = page.getByRole("combobox", { name: /search by name or code/ });
    await expect(search).toBeFocused();
    await search.fill(audit.name.toLowerCase());
    const option = page.getByRole("option", { name: new RegExp(audit.name) }).first();
    await expect(option).toBeVisible();
    await shot(page, "explain-search-1440");
    await page.keyboard.press("Enter");
    const panel = page.getByTestId("explain-panel");
    await expect(panel).toBeVisible();
    await expect(page.getByRole("dialog").getByText("gatehouse.audit.view", { exact: true }).first()).toBeVisible();
    await expect(panel.getByTestId("explain-summary")).toBeVisible();
    await shot(page, "explain-result-1440");
  });
});
