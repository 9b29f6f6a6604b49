import { mkdirSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { loginAs, signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * Issue 13 §1, a stale save on the role page: two admins edit one role in two browsers; the second
 * Save is refused (409), "Reload and re-apply" replays the second admin's ticks, unticks and terms
 * on the role as the first admin left it, says in words what changed underneath and what conflicts,
 * and saving again keeps both admins' changes. Screenshots at 1440×900 and 390×844 go to ROLEEDIT_SHOTS.
 */
const SHOTS = process.env.ROLEEDIT_SHOTS ?? "/work/wip-store/shots/roleedit";
mkdirSync(SHOTS, { recursive: true });
const unique = (name: string) =>
  `${name} ${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 5)}`;
const counter = (page: Page) => page.getByRole("status").filter({ hasText: /^\d+ unsaved changes?$/ });

test.use({ viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 300_000 });

test("a save refused because another admin saved meanwhile is reloaded, re-applied and saved with both changes", async ({
  page,
  browser,
}) => {
  await loginAs(page, "tenantAdmin");
  const api = page.request;
  const role = await (
    await api.post("/api/v1/roles", {
      headers: sameOrigin,
      data: {
        name: unique("QA Shared role"),
        permissions: [{ code: "sales.orders.view" }, { code: "sales.orders.create" }, { code: "sales.orders.edit" }],
      },
    })
  ).json();
  const items = (await (await api.get("/api/v1/menu-items?limit=200")).json()).data as {
    resource: string;
    name: string;
  }[];
  const orders = items.find((i) => i.resource === "sales.orders")!.name;
  const box = (p: Page, action: string) => p.getByRole("checkbox", { name: `${action} ${orders}`, exact: true });
  const open = async (p: Page) => {
    await p.goto(`/admin/roles/${role.id}`);
    await expect(p.getByRole("heading", { name: role.name })).toBeVisible({ timeout: 30_000 });
    await p.getByLabel("Filter permissions").fill("sales.orders");
    await expect(box(p, "view")).toBeChecked();
  };
  const setScope = async (p: Page, action: string, scope: string) => {
    await p.getByRole("button", { name: `Scope and conditions of ${orders}: ${action}` }).click();
    const builder = p.getByRole("dialog", { name: /Scope and conditions of/ });
    await builder.getByLabel("Scope").selectOption(scope);
    await builder.getByRole("button", { name: "Apply" }).click();
    await expect(builder).toBeHidden();
  };

  // Both admins open the role as it is.
  await open(page);
  const other = await signedInPage(browser, "ops-admin@acme.test");
  await open(other);

  // This admin: grants delete and export, narrows create and edit to the member's own resources.
  await box(page, "delete").click();
  await box(page, "export").click();
  await setScope(page, "create", "personal");
  await setScope(page, "edit", "personal");
  await expect(counter(page)).toHaveText("4 unsaved changes");

  // Meanwhile the other admin revokes edit and grants export, and saves first.
  await box(other, "edit").click();
  await box(other, "export").click();
  await other.getByRole("button", { name: "Save…" }).click();
  await other
    .getByRole("dialog", { name: "Review changes before saving" })
    .getByRole("button", { name: "Confirm 2 changes" })
    .click();
  await expect(other.getByTestId("matrix-note")).toContainText("Saved: 1 granted, 1 revoked.");
  await other.context().close();

  // This admin's save is refused: nothing typed is lost, and reload-and-re-apply is offered.
  await page.getByRole("button", { name: "Save…" }).click();
  await page
    .getByRole("dialog", { name: "Review changes before saving" })
    .getByRole("button", { name: "Confirm 4 changes" })
    .click();
  const stale = page.getByRole("alert").filter({ hasText: "Not saved: someone else saved" });
  await expect(stale).toContainText("Your 4 changes are still here");
  await expect(counter(page)).toHaveText("4 unsaved changes");
  await shots(page, "role-editor-conflict-stale");
  await stale.getByRole("button", { name: "Reload and re-apply" }).click();

  // What changed underneath, what was re-applied or already done, and the conflict — in names.
  const review = page.getByTestId("conflict-review");
  await expect(review).toContainText(
    `Reloaded ${role.name} (version ${role.version + 1}) and re-applied your changes.`,
  );
  // Who, from the role's audit log (this admin may read it).
  await expect(review.getByTestId("changed-underneath")).toContainText("Changed meanwhile by ops-admin@acme.test");
  await expect(review.getByTestId("changed-underneath")).toContainText(`Granted ${orders}: export`);
  await expect(review.getByTestId("changed-underneath")).toContainText(`Revoked ${orders}: edit`);
  await expect(review.getByTestId("reapplied")).toContainText(`Grant ${orders}: delete`);
  await expect(review.getByTestId("reapplied")).toContainText(
    `Set ${orders}: create to “only for resources the member owns”`,
  );
  await expect(review.getByTestId("satisfied")).toContainText(`${orders}: export is already granted`);
  await expect(review.getByTestId("conflicts")).toContainText(
    `You set ${orders}: edit to “only for resources the member owns”, but the other change revoked ${orders}: edit.`,
  );
  await expect(review).not.toContainText("sales.orders");
  await expect(counter(page)).toHaveText("2 unsaved changes");
  await expect(box(page, "edit")).not.toBeChecked();
  await expect(box(page, "export")).toBeChecked();
  await expect(box(page, "delete")).toBeChecked();
  await expectAccessible(page, "the role editor's conflict review");
  await shots(page, "role-editor-conflict-review", review.getByTestId("conflicts"));

  // Review and save again: the result holds both admins' changes.
  await review.getByRole("button", { name: "Review and save…" }).click();
  const dialog = page.getByRole("dialog", { name: "Review changes before saving" });
  await expect(dialog).toContainText("sales.orders.delete");
  await dialog.getByRole("button", { name: "Confirm 2 changes" }).click();
  await expect(page.getByTestId("matrix-note")).toContainText("Saved: 1 granted.");
  await expect(review).toBeHidden();
  const saved = (await (await api.get(`/api/v1/roles/${role.id}`)).json()) as {
    version: number;
    permissions: { code: string; scope: string }[];
  };
  expect(saved.permissions.map((g) => `${g.code}:${g.scope}`).sort()).toEqual([
    "sales.orders.create:personal",
    "sales.orders.delete:organization",
    "sales.orders.export:organization",
    "sales.orders.view:organization",
  ]);
  expect(saved.version).toBe(role.version + 2);
});

test("a conflict's revoked grant can be granted again with this admin's terms", async ({ page }) => {
  await loginAs(page, "tenantAdmin");
  const api = page.request;
  const role = await (
    await api.post("/api/v1/roles", {
      headers: sameOrigin,
      data: {
        name: unique("QA Regrant role"),
        permissions: [{ code: "sales.orders.view" }, { code: "sales.orders.edit" }],
      },
    })
  ).json();
  const items = (await (await api.get("/api/v1/menu-items?limit=200")).json()).data as {
    resource: string;
    name: string;
  }[];
  const orders = items.find((i) => i.resource === "sales.orders")!.name;
  await page.goto(`/admin/roles/${role.id}`);
  await page.getByLabel("Filter permissions").fill("sales.orders");
  await page.getByRole("button", { name: `Scope and conditions of ${orders}: edit` }).click();
  const builder = page.getByRole("dialog", { name: /Scope and conditions of/ });
  await builder.getByLabel("Scope").selectOption("team");
  await builder.getByRole("button", { name: "Apply" }).click();

  // Another admin (here: the API) takes edit away meanwhile.
  const put = await api.put(`/api/v1/roles/${role.id}/permissions`, {
    headers: sameOrigin,
    data: { version: role.version, permissions: [{ code: "sales.orders.view" }] },
  });
  expect(put.status(), await put.text()).toBe(200);

  await page.getByRole("button", { name: "Save…" }).click();
  await page
    .getByRole("dialog", { name: "Review changes before saving" })
    .getByRole("button", { name: "Confirm 1 change" })
    .click();
  await page.getByRole("button", { name: "Reload and re-apply" }).click();
  const review = page.getByTestId("conflict-review");
  await expect(review).toContainText("Nothing of yours is left to save");
  await review.getByRole("button", { name: "Grant it again with my terms" }).click();
  await expect(review.getByTestId("conflicts")).toBeHidden();
  await expect(counter(page)).toHaveText("1 unsaved change");
  await page.getByRole("button", { name: "Save…", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Review changes before saving" });
  await expect(dialog).toContainText("sales.orders.edit: granted only for resources of one of the member's teams");
  await dialog.getByRole("button", { name: "Confirm 1 change" }).click();
  await expect(page.getByTestId("matrix-note")).toContainText("Saved: 1 granted.");
  const saved = (await (await api.get(`/api/v1/roles/${role.id}`)).json()).permissions as {
    code: string;
    scope: string;
  }[];
  expect(saved.find((g) => g.code === "sales.orders.edit")?.scope).toBe("team");
});

async function shots(page: Page, name: string, focus?: Locator) {
  await page.screenshot({ path: `${SHOTS}/${name}-1440.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390.png` });
  if (focus) {
    await focus.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: `${SHOTS}/${name}-390-scrolled.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}
