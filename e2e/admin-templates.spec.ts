import { expect, type Page, test } from "@playwright/test";
import { loginAs } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

const unique = (name: string) => `${name} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/.screens/${name}.png`, fullPage: true });
const toast = (page: Page, text: string | RegExp) => page.locator("[data-sonner-toast]").filter({ hasText: text });
type Template = { id: string; name: string; description: string | null; permissions: Record<string, string> };

test.use({ viewport: { width: 1280, height: 900 } });
// The flows run in a few seconds each; the machine running them may be shared with other builds.
test.describe.configure({ timeout: 60_000 });

test.describe("admin console: templates", () => {
  test("tenant admin creates a template from scratch, edits it and deletes it", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    await page.goto("/admin/templates");
    await expect(page.getByRole("heading", { name: "Templates", level: 1 })).toBeVisible();
    const table = page.getByRole("table", { name: "Templates" });
    const erp = table.getByRole("row").filter({ hasText: "Read-only ERP" });
    await expect(erp.getByText("Global")).toBeVisible();
    await expect(erp.getByText("Read-only", { exact: true })).toBeVisible();
    await expect(erp.getByRole("button", { name: "Delete Read-only ERP" })).toHaveCount(0);
    await expect(table.getByRole("row").filter({ hasText: "Field starter kit" }).getByText("7 allow")).toBeVisible();
    await shot(page, "admin-templates-list");

    const name = unique("Order desk");
    await page.getByRole("button", { name: "Create template" }).click();
    const dialog = page.getByRole("dialog", { name: "Create template" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Description").fill("Takes orders at the counter");
    await dialog.getByLabel("Search permissions").fill("sales.orders");
    await dialog.getByRole("button", { name: "Allow sales.orders.view", exact: true }).click();
    await dialog.getByRole("button", { name: "Allow sales.orders.create", exact: true }).click();
    await dialog.getByRole("button", { name: "Deny sales.orders.delete", exact: true }).click();
    await expect(dialog.getByText("2 allowed")).toBeVisible();
    await expect(dialog.getByText("1 denied")).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Allow sales.orders.view", exact: true })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await shot(page, "admin-templates-create-dialog");
    await dialog.getByRole("button", { name: "Create template" }).click();
    await expect(toast(page, `Created template ${name}`)).toBeVisible();
    const row = table.getByRole("row").filter({ hasText: name });
    await expect(row.getByText("2 allow")).toBeVisible();
    await expect(row.getByText("1 deny")).toBeVisible();

    // Edit: a new description, one code dropped.
    await row.getByRole("button", { name: `Edit ${name}` }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${name}` });
    await edit.getByLabel("Description").fill("Counter orders, no deletes");
    await edit.getByLabel("Selected only").check();
    await edit.getByRole("button", { name: "Allow sales.orders.create", exact: true }).click();
    await expect(edit.getByText("1 allowed")).toBeVisible();
    await shot(page, "admin-templates-edit-dialog");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(toast(page, `Saved ${name}`)).toBeVisible();
    await expect(row.getByText("1 allow")).toBeVisible();
    const stored: Template = (await (await api.get("/api/v1/templates?limit=200")).json()).data.find(
      (t: Template) => t.name === name,
    );
    expect(stored).toMatchObject({
      description: "Counter orders, no deletes",
      permissions: { "sales.orders.view": "allow", "sales.orders.delete": "deny" },
    });
    expect(Object.keys(stored.permissions)).toHaveLength(2);

    await row.getByRole("button", { name: `Delete ${name}` }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText(`Delete ${name}?`);
    await shot(page, "admin-templates-delete-confirm");
    await confirm.getByRole("button", { name: "Delete template" }).click();
    await expect(toast(page, `Deleted template ${name}`)).toBeVisible();
    await expect(table.getByRole("row").filter({ hasText: name })).toHaveCount(0);
    expect((await api.get(`/api/v1/templates/${stored.id}`)).status()).toBe(404);
  });

  test("applying a template to a role from the templates page shows the change, then makes it", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const role = await (
      await api.post("/api/v1/roles", {
        headers: sameOrigin,
        data: { name: unique("Desk clerk"), permissions: [{ code: "sales.orders.delete" }] },
      })
    ).json();
    const name = unique("Counter desk");
    const created = await api.post("/api/v1/templates", {
      headers: sameOrigin,
      data: { name, permissions: { "sales.orders.view": "allow", "sales.orders.delete": "deny" } },
    });
    expect(created.status()).toBe(201);
    await page.goto("/admin/templates");
    const row = page.getByRole("table", { name: "Templates" }).getByRole("row").filter({ hasText: name });
    await row.getByRole("button", { name: `Apply ${name} to a role` }).click();
    const apply = page.getByRole("dialog", { name: `Apply ${name} to a role` });
    await apply.getByLabel("Role").selectOption({ label: role.name });
    const preview = apply.getByLabel("Resulting change");
    await expect(preview).toContainText("+sales.orders.view");
    await expect(preview).toContainText("−sales.orders.delete");
    await shot(page, "admin-templates-apply-dialog");
    await apply.getByRole("button", { name: "Apply template" }).click();
    await expect(toast(page, `Applied ${name} to ${role.name}: +1 granted, −1 removed`)).toBeVisible();
    const codes = (await (await api.get(`/api/v1/roles/${role.id}`)).json()).permissions.map(
      (p: { code: string }) => p.code,
    );
    expect(codes).toEqual(["sales.orders.view"]);
    expect((await api.delete(`/api/v1/templates/${(await created.json()).id}`, { headers: sameOrigin })).status()).toBe(
      204,
    );
    expect((await api.delete(`/api/v1/roles/${role.id}?force=true`, { headers: sameOrigin })).status()).toBe(204);
  });

  test("a template from a role's grants; the server's refusal shown in the form", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    await page.goto("/admin/templates");
    await page.getByRole("button", { name: "Create template" }).click();
    const dialog = page.getByRole("dialog", { name: "Create template" });
    await dialog.getByLabel("Start from a role").selectOption({ label: "Support Agent (10 permissions)" });
    await expect(dialog.getByLabel("Name")).toHaveValue("Support Agent template");
    await expect(dialog.getByText("10 allowed")).toBeVisible();
    await dialog.getByLabel("Name").fill("Field starter kit");
    await dialog.getByRole("button", { name: "Create template" }).click();
    await expect(dialog.getByText('A template named "Field starter kit" already exists.')).toBeVisible();
    await shot(page, "admin-templates-from-role-conflict");
    const name = unique("Support kit");
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("button", { name: "Create template" }).click();
    await expect(toast(page, `Created template ${name}`)).toBeVisible();
    const created: Template = (await (await page.request.get("/api/v1/templates?limit=200")).json()).data.find(
      (t: Template) => t.name === name,
    );
    expect(Object.keys(created.permissions)).toHaveLength(10);
    expect(Object.keys(created.permissions)).toContain("sites.detail.actions.text_landlord");
    expect((await page.request.delete(`/api/v1/templates/${created.id}`, { headers: sameOrigin })).status()).toBe(204);
  });

  test("super-admin may edit the global templates", async ({ page }) => {
    await loginAs(page, "superAdmin");
    await page.goto("/admin/templates");
    const erp = page.getByRole("table", { name: "Templates" }).getByRole("row").filter({ hasText: "Read-only ERP" });
    await expect(erp.getByRole("button", { name: "Edit Read-only ERP" })).toBeVisible();
    await erp.getByRole("button", { name: "Read-only ERP", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Edit Read-only ERP" });
    await expect(dialog.getByLabel("Name")).toHaveValue("Read-only ERP");
    await expect(dialog.getByText(/\d+ allowed/)).toBeVisible();
    await shot(page, "admin-templates-super-admin-global");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toHaveCount(0);
  });
});

test("a member gets the 403 page at /admin/templates, with a way back to the app", async ({ page }) => {
  await loginAs(page, "member");
  await page.goto("/admin/templates");
  await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Templates" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Go to the app" })).toHaveAttribute("href", "/app");
  await expect(page.getByRole("link", { name: "Sign out" })).toBeVisible();
  await shot(page, "admin-templates-403-member");
});
