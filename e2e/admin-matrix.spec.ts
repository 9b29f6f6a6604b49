import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { loginAs, signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * The permission matrix (/admin/matrix): grants and revokes on roles made here (never the
 * personas' roles), dependency auto-ticks, the save preview, approvals, and a 409 between two
 * admins editing the same role.
 */
const unique = (name: string) =>
  `${name} ${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 5)}`;
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/.screens/${name}.png` });
type Role = { id: string; name: string; version: number };

async function createRole(api: APIRequestContext, data: Record<string, unknown>): Promise<Role> {
  const res = await api.post("/api/v1/roles", { headers: sameOrigin, data });
  expect(res.status()).toBe(201);
  return res.json();
}
async function grantsOf(api: APIRequestContext, id: string): Promise<string[]> {
  return ((await (await api.get(`/api/v1/roles/${id}`)).json()).permissions as { code: string }[])
    .map((p) => p.code)
    .sort();
}
async function openMatrix(page: Page) {
  await page.goto("/admin/matrix");
  await expect(page.getByRole("heading", { name: "Permission matrix" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Permission matrix" })).toBeVisible();
}
const filter = (page: Page, text: string) => page.getByLabel("Filter permissions").fill(text);
const cell = (page: Page, code: string, role: string) =>
  page.getByRole("checkbox", { name: `Grant ${code} to ${role}`, exact: true });
/** The grid's scroll box (the table's parent): its height on screen. */
const gridBox = async (page: Page) =>
  (await page.getByRole("table", { name: "Permission matrix" }).locator("..").boundingBox())!;
const counter = (page: Page) => page.getByRole("status").filter({ hasText: /^\d+ unsaved changes?$/ });

test.describe("permission matrix", () => {
  // Long flows (several saves each); a loaded machine makes them slow, never the assertions timed.
  test.describe.configure({ timeout: 90_000 });

  test("a tenant admin grants with dependencies, previews the diff, saves, then revokes what depends on a permission", async ({
    page,
  }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const role = await createRole(api, { name: unique("QA Matrix"), description: "made by admin-matrix.spec" });
    const child = await createRole(api, { name: unique("QA Matrix Child"), parent_ids: [role.id] });
    const member = await api.post("/api/v1/users", {
      headers: sameOrigin,
      data: {
        email: `${unique("qa-matrix").replace(/\s/g, "-")}@acme.test`,
        name: "Quinn Matrix",
        role_ids: [role.id],
      },
    });
    expect(member.status()).toBe(201);

    await openMatrix(page);
    // The grid takes the rest of the viewport (1280×720 here), down to the legend under it.
    const full = await gridBox(page);
    expect(full.y + full.height).toBeGreaterThan(720 - 90);
    expect(full.height).toBeGreaterThan(300);
    // A long role name wraps to two lines at most; its full name is in the column's tooltip.
    const childHeader = page.getByRole("columnheader").filter({ hasText: child.name });
    await expect(childHeader).toHaveAttribute("data-tip", new RegExp(`^${child.name} · Inherits from ${role.name}`));
    await shot(page, "matrix");
    await expect(cell(page, "dashboard.module.root", "Admin")).toBeChecked();
    await expect(cell(page, "dashboard.module.root", "Admin")).toBeDisabled();

    // Ticking sites.detail.edit ticks what it needs, transitively, and says so.
    await filter(page, "sites.detail.edit");
    await cell(page, "sites.detail.edit", role.name).click();
    await expect(cell(page, "sites.detail.edit", role.name)).toBeChecked();
    await expect(page.getByTestId("matrix-note")).toContainText(
      `Ticked sites.detail.edit for ${role.name} and also sites.detail.view, sites.list.view, which it depends on.`,
    );
    await expect(counter(page)).toHaveText("3 unsaved changes");
    await filter(page, "sites.list.view");
    await expect(cell(page, "sites.list.view", role.name)).toBeChecked();
    // The child role inherits the pending grant: shown ticked, not toggleable, saying from where.
    const inherited = cell(page, "sites.list.view", child.name);
    await expect(inherited).toBeChecked();
    await expect(inherited).toBeDisabled();
    await expect(inherited).toHaveAttribute(
      "aria-description",
      `Inherited from ${role.name}. Change it on ${role.name}.`,
    );
    await inherited.hover();
    await expect(page.getByRole("tooltip")).toHaveText(`Inherited from ${role.name}. Change it on ${role.name}.`);
    await shot(page, "matrix-dependency-note");

    await filter(page, "sites.detail.fields.billing");
    await cell(page, "sites.detail.fields.billing", role.name).click();
    await expect(counter(page)).toHaveText("4 unsaved changes");

    // The save preview: per role, added and removed, users affected, high risk highlighted.
    await page.getByRole("button", { name: "Save…" }).click();
    const dialog = page.getByRole("dialog", { name: "Review changes before saving" });
    await expect(dialog).toContainText("+4 granted");
    const section = dialog.getByRole("region", { name: `Changes to ${role.name}` });
    await expect(section.getByRole("listitem")).toHaveText([
      /grant\s*sites\.detail\.edit/,
      /grant\s*sites\.detail\.fields\.billing/,
      /grant\s*sites\.detail\.view/,
      /grant\s*sites\.list\.view/,
    ]);
    await expect(section).toContainText("affects 1 user");
    await expect(section).toContainText(`affects 1 user (1 directly, 0 through ${child.name})`);
    await expect(section.locator('[data-highlight="high-risk"]')).toContainText("sites.detail.fields.billing");
    await expect(dialog).toContainText("1 high-risk change");
    await shot(page, "matrix-diff");
    await dialog.getByRole("button", { name: "Confirm 4 changes" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("matrix-note")).toContainText("Saved on 1 role: 4 granted.");
    await expect(counter(page)).toHaveCount(0);
    expect(await grantsOf(api, role.id)).toEqual([
      "sites.detail.edit",
      "sites.detail.fields.billing",
      "sites.detail.view",
      "sites.list.view",
    ]);

    // Unticking what others depend on names them first; "untick all" takes them too.
    await filter(page, "sites.list.view");
    await cell(page, "sites.list.view", role.name).click();
    const ask = page.getByRole("dialog", { name: `Untick sites.list.view for ${role.name}?` });
    await expect(ask.getByRole("listitem")).toHaveText([/^sites\.detail\.edit/, /^sites\.detail\.view/]);
    await shot(page, "matrix-untick-confirm");
    await ask.getByRole("button", { name: "Untick all 3" }).click();
    await expect(counter(page)).toHaveText("3 unsaved changes");
    await expect(cell(page, "sites.list.view", role.name)).not.toBeChecked();
    await expect(cell(page, "sites.list.view", child.name)).not.toBeChecked();
    await page.getByRole("button", { name: "Save…" }).click();
    await expect(dialog).toContainText("−3 revoked");
    await expect(section.getByRole("listitem")).toHaveText([
      /revoke\s*sites\.detail\.edit/,
      /revoke\s*sites\.detail\.view/,
      /revoke\s*sites\.list\.view/,
    ]);
    await dialog.getByRole("button", { name: "Confirm 3 changes" }).click();
    await expect(page.getByTestId("matrix-note")).toContainText("Saved on 1 role: 3 revoked.");
    expect(await grantsOf(api, role.id)).toEqual(["sites.detail.fields.billing"]);
  });

  test("filters by module, category, risk and text; groups collapse; Discard asks first", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    const role = await createRole(page.request, { name: unique("QA Filters") });
    await openMatrix(page);
    await page.getByLabel("Module", { exact: true }).selectOption({ label: "Sites" });
    await page.getByLabel("Risk", { exact: true }).selectOption("high");
    await expect(page.getByRole("rowheader").filter({ hasText: "sites.detail.fields.billing" })).toBeVisible();
    await expect(page.getByRole("rowheader").filter({ hasText: "dashboard.widgets.financial" })).toHaveCount(0);
    await expect(page.getByRole("rowheader").filter({ hasText: "sites.detail.tabs.meters" })).toHaveCount(0);
    await expect(page.getByText(/^\d+ of \d+ permissions$/)).toBeVisible();
    await page.getByLabel("Category", { exact: true }).selectOption("fields");
    await expect(page.getByRole("rowheader")).toHaveText([/^Sites/, /^sites\.detail\.fields\.billing/]);
    // Two rows: the grid shrinks to them (header, module row, one permission row), no empty box below.
    expect((await gridBox(page)).height).toBeLessThan(68 + 44 + 52 + 30);
    await shot(page, "matrix-filters");

    // The module's tri-state box ticks every row shown for the role.
    await cell(page, "sites.detail.fields.billing", role.name).click();
    await expect(page.getByRole("checkbox", { name: `Grant all Sites permissions to ${role.name}` })).toBeChecked();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByLabel("Module", { exact: true }).selectOption({ label: "Sites" });
    await expect(page.getByRole("checkbox", { name: `Grant all Sites permissions to ${role.name}` })).toHaveAttribute(
      "data-state",
      "indeterminate",
    );
    // Keyboard: arrows move between boxes like a spreadsheet, Space ticks.
    await page.getByRole("checkbox", { name: `Grant all Sites permissions to ${role.name}` }).focus();
    await page.keyboard.press("ArrowDown");
    await expect(cell(page, "sites.detail.actions.add_note", role.name)).toBeFocused();
    await page.keyboard.press("Space");
    await expect(cell(page, "sites.detail.actions.add_note", role.name)).toBeChecked();
    await expect(counter(page)).toHaveText(/^[23] unsaved changes$/);
    await page.getByRole("button", { name: "Collapse Sites" }).click();
    await expect(page.getByRole("button", { name: "Expand Sites" })).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("rowheader").filter({ hasText: "sites.list.view" })).toHaveCount(0);

    await page.getByRole("button", { name: "Discard" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Discard changes" }).click();
    await expect(page.getByText("No unsaved changes")).toBeVisible();
    await filter(page, "no-such-permission-anywhere");
    await expect(page.getByText("No permissions match these filters")).toBeVisible();
  });

  test("a super-admin grants an approval-needing permission: the save says it awaits approval", async ({ page }) => {
    await loginAs(page, "superAdmin");
    const role = await createRole(page.request, { name: unique("QA Approvals") });
    await openMatrix(page);
    await filter(page, "sites.detail.fields.sensitive");
    await cell(page, "sites.detail.fields.sensitive", role.name).click();
    await expect(page.getByTestId("matrix-note")).toContainText(
      "sites.detail.fields.sensitive needs approval: saving opens a request.",
    );
    await page.getByRole("button", { name: "Save…" }).click();
    const dialog = page.getByRole("dialog", { name: "Review changes before saving" });
    await expect(dialog.locator('[data-highlight="approval"]')).toContainText("sites.detail.fields.sensitive");
    await expect(dialog).toContainText("1 grant needs approval");
    // A request goes to another admin: the review asks why, and keeps it on the request.
    await dialog.getByRole("button", { name: "Confirm 1 change" }).click();
    await expect(dialog.getByText("Say why: the admin who decides reads it with the request.")).toBeVisible();
    await dialog.getByLabel("Why do you ask? (for the approver)").fill("Engineers need the sensitive fields");
    await dialog.getByRole("button", { name: "Confirm 1 change" }).click();
    await expect(page.getByTestId("matrix-note")).toContainText(
      "Sent for approval. 1 grant awaits approval (sites.detail.fields.sensitive)",
    );
    await expect(cell(page, "sites.detail.fields.sensitive", role.name)).not.toBeChecked();
    await expect(cell(page, "sites.detail.fields.sensitive", role.name)).toHaveAttribute(
      "aria-description",
      /Awaiting approval/,
    );
    // The code keeps the first line to itself: the MFA, approval and risk chips sit on the second.
    const code = page.getByRole("rowheader").filter({ hasText: "sites.detail.fields.sensitive" }).locator("code");
    expect(await code.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await shot(page, "matrix-approval");
    expect(await grantsOf(page.request, role.id)).toEqual([]);
  });

  test("a member gets the 403 page", async ({ page }) => {
    await loginAs(page, "member");
    await page.goto("/admin/matrix");
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  });

  test("a stale save from a second browser context shows who changed what, and Reload re-applies", async ({
    page,
    browser,
  }) => {
    await loginAs(page, "tenantAdmin");
    const role = await createRole(page.request, { name: unique("QA Conflict") });
    const other = await signedInPage(browser, "ops-admin@acme.test");
    try {
      await Promise.all([openMatrix(page), openMatrix(other)]);
      await Promise.all([filter(page, "dashboard.widgets"), filter(other, "dashboard.widgets")]);

      // The first admin saves.
      await cell(page, "dashboard.widgets.alerts", role.name).click();
      await page.getByRole("button", { name: "Save…" }).click();
      await page.getByRole("button", { name: "Confirm 1 change" }).click();
      await expect(page.getByTestId("matrix-note")).toContainText("Saved on 1 role: 1 granted.");

      // The second, still on version 1, makes the same change and another one.
      await cell(other, "dashboard.widgets.alerts", role.name).click();
      await cell(other, "dashboard.widgets.performance", role.name).click();
      await other.getByRole("button", { name: "Save…" }).click();
      await other.getByRole("button", { name: "Confirm 2 changes" }).click();
      const conflict = other.getByRole("alert").filter({ hasText: "Not saved" });
      await expect(conflict).toContainText("someone changed a role while you were editing");
      await expect(conflict).toContainText(`${role.name} is now at version 2 (you edited version 1).`);
      await expect(conflict).toContainText("admin@acme.test granted dashboard.widgets.alerts");
      await shot(other, "matrix-conflict");
      expect(await grantsOf(page.request, role.id)).toEqual(["dashboard.widgets.alerts"]);

      await conflict.getByRole("button", { name: "Reload and re-apply" }).click();
      await expect(conflict).toBeHidden();
      await expect(other.getByTestId("matrix-note")).toContainText(
        `Re-applied 1 change: +dashboard.widgets.performance on ${role.name}.`,
      );
      await expect(other.getByTestId("matrix-note")).toContainText(
        `Dropped 1: +dashboard.widgets.alerts on ${role.name} (someone already granted it).`,
      );
      await expect(counter(other)).toHaveText("1 unsaved change");
      await shot(other, "matrix-conflict-reloaded");
      await other.getByRole("button", { name: "Save…" }).click();
      await other.getByRole("button", { name: "Confirm 1 change" }).click();
      await expect(other.getByTestId("matrix-note")).toContainText("Saved on 1 role: 1 granted.");
      expect(await grantsOf(page.request, role.id)).toEqual([
        "dashboard.widgets.alerts",
        "dashboard.widgets.performance",
      ]);
    } finally {
      await other.close();
    }
  });
});
