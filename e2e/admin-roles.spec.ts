import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { loginAs, signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

const unique = (name: string) => `${name} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/.screens/${name}.png`, fullPage: true });
type Role = { id: string; name: string; version: number };

async function createRole(api: APIRequestContext, data: Record<string, unknown>): Promise<Role> {
  const res = await api.post("/api/v1/roles", { headers: sameOrigin, data });
  expect(res.status()).toBe(201);
  return res.json();
}
const deleteRole = (api: APIRequestContext, id: string) =>
  api.delete(`/api/v1/roles/${id}?force=true`, { headers: sameOrigin });
const toast = (page: Page, text: string | RegExp) => page.locator("[data-sonner-toast]").filter({ hasText: text });

test.use({ viewport: { width: 1280, height: 900 } });
// The flows run in a few seconds each; the machine running them may be shared with other builds,
// and a role's page renders the whole catalog as its editor.
test.describe.configure({ timeout: 120_000 });

test.describe("admin console: roles", () => {
  test("tenant admin lists and searches roles", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    await page.goto("/admin/roles");
    const table = page.getByRole("table", { name: "Roles" });
    await expect(page.getByRole("heading", { name: "Roles", level: 1 })).toBeVisible();
    const adminRow = table.getByRole("row").filter({ has: page.getByRole("link", { name: "Admin", exact: true }) });
    await expect(adminRow.getByText("System")).toBeVisible();
    await expect(adminRow.getByLabel("Admin is a system role and cannot be deleted")).toBeVisible();
    const salesManager = table
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: "Sales Manager", exact: true }) });
    await expect(salesManager.getByRole("link", { name: "Sales Rep" })).toBeVisible();
    await shot(page, "admin-roles-list");

    await page.getByLabel("Search roles").fill("billing");
    await expect(table.getByRole("link", { name: "Billing Clerk" })).toBeVisible();
    await expect(table.getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
    await page.getByLabel("Search roles").fill("zzz-no-such-role");
    await expect(page.getByText("No role matches “zzz-no-such-role”")).toBeVisible();
    await page.getByRole("button", { name: "Clear search" }).click();
    await expect(table.getByRole("link", { name: "Admin", exact: true })).toBeVisible();
  });

  test("tenant admin creates a role with a parent, starting from a template", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    await page.goto("/admin/roles");
    const name = unique("Field Supervisor");
    await page.getByRole("button", { name: "Create role" }).click();
    const dialog = page.getByRole("dialog", { name: "Create role" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Description").fill("Runs a field crew");
    await dialog.getByRole("checkbox", { name: "Inherit from Member" }).click();
    await dialog.getByRole("radio", { name: /From a template/ }).check();
    await dialog.getByLabel("Template", { exact: true }).selectOption({ label: "Field starter kit (7 codes)" });
    // The body scrolls between a fixed header and footer: the "Start with" cards show whole.
    const cards = dialog.getByRole("group", { name: "Start with" });
    await cards.scrollIntoViewIfNeeded();
    const footer = (await dialog.getByRole("button", { name: "Cancel" }).boundingBox())!;
    for (const option of [/^Empty/, /^From a template/, /^Copy a role/]) {
      const card = (await cards.locator("label").filter({ hasText: option }).boundingBox())!;
      expect(card.y + card.height).toBeLessThanOrEqual(footer.y);
    }
    // A modal covers the viewport (the page behind does not scroll): a viewport screenshot.
    await page.screenshot({ path: "e2e/.screens/admin-roles-create-dialog.png" });
    await dialog.getByRole("button", { name: "Create role" }).click();

    await expect(page).toHaveURL(/\/admin\/roles\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByRole("tab", { name: /Permissions/ })).toContainText("7");
    await expect(page.getByText("sites.detail.actions.test_meter")).toBeVisible();
    await expect(page.getByRole("link", { name: "Member" })).toBeVisible();
    const roleId = page.url().split("/").pop()!;
    const detail = await (await page.request.get(`/api/v1/roles/${roleId}`)).json();
    expect(detail).toMatchObject({ name, description: "Runs a field crew", parents: [{ name: "Member" }] });
    expect(detail.permissions).toHaveLength(7);
    expect((await deleteRole(page.request, roleId)).status()).toBe(204);
  });

  test("tenant admin creates a role by copying another role's grants", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const roles = (await (await api.get("/api/v1/roles?limit=200")).json()).data as (Role & {
      permission_count: number;
    })[];
    const billing = roles.find((r) => r.name === "Billing Clerk")!;
    const source = (await (await api.get(`/api/v1/roles/${billing.id}`)).json()) as {
      permissions: { code: string; scope: string }[];
    };
    await page.goto("/admin/roles");
    const name = unique("Billing Backup");
    await page.getByRole("button", { name: "Create role" }).click();
    const dialog = page.getByRole("dialog", { name: "Create role" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("radio", { name: /Copy a role/ }).check();
    await dialog
      .getByLabel("Copy grants from")
      .selectOption({ label: `Billing Clerk (${billing.permission_count} permissions)` });
    await page.screenshot({ path: "e2e/.screens/admin-roles-create-copy.png" });
    await dialog.getByRole("button", { name: "Create role" }).click();

    await expect(page).toHaveURL(/\/admin\/roles\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByRole("tab", { name: /Permissions/ })).toContainText(String(billing.permission_count));
    // Its grants are Billing Clerk's, on screen and in the API (scopes included).
    for (const p of source.permissions.slice(0, 3))
      await expect(page.locator(`[data-act="cell"][data-code="${p.code}"]`).first()).toHaveAttribute(
        "data-state",
        "checked",
      );
    await shot(page, "admin-roles-created-by-copy");
    const roleId = page.url().split("/").pop()!;
    const codes = async (id: string) =>
      ((await (await api.get(`/api/v1/roles/${id}`)).json()).permissions as { code: string; scope: string }[])
        .map((p) => `${p.code}@${p.scope}`)
        .sort();
    expect(await codes(roleId)).toEqual(await codes(billing.id));
    expect((await deleteRole(api, roleId)).status()).toBe(204);
  });

  test("deleting a role that users hold: the 409 names them, then force moves them off", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    const table = page.getByRole("table", { name: "Roles" });
    const { id: roleId, name } = await createRole(page.request, { name: unique("Held role") });
    const user = await page.request.post("/api/v1/users", {
      headers: sameOrigin,
      data: { email: `${unique("holder").replace(/\W/g, "")}@acme.test`, name: "Holly Holder", role_ids: [roleId] },
    });
    expect(user.ok()).toBe(true);
    await page.goto("/admin/roles");
    await page.getByLabel("Search roles").fill(name);
    const row = table.getByRole("row").filter({ hasText: name });
    await expect(row.getByRole("cell").nth(1)).toHaveText("1");
    await row.getByRole("button", { name: `Delete ${name}` }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText(`Delete ${name}?`);
    await confirm.getByRole("button", { name: "Delete role" }).click();
    await expect(confirm).toContainText("1 user holds this role: move them off and delete?");
    await shot(page, "admin-roles-delete-force");
    await confirm.getByRole("button", { name: "Move them off and delete" }).click();
    await expect(toast(page, `Deleted ${name} and moved its users off it`)).toBeVisible();
    await expect(page.getByText(`No role matches “${name}”`)).toBeVisible();
    expect((await page.request.get(`/api/v1/roles/${roleId}`)).status()).toBe(404);
  });

  test("editing parents: a cycle is refused with the server's message", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const base = await createRole(api, {
      name: unique("Base crew"),
      description: "First",
      permissions: [{ code: "sites.list.view" }],
    });
    const senior = await createRole(api, { name: unique("Senior crew"), parent_ids: [base.id] });

    await page.goto(`/admin/roles/${base.id}?tab=settings`);
    await expect(page.getByRole("heading", { name: base.name, level: 1 })).toBeVisible();
    await page.getByRole("checkbox", { name: `Inherit from ${senior.name}` }).click();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(
      page.getByText(`Inheriting from ${senior.name} would make a cycle: it already inherits from this role.`),
    ).toBeVisible();
    await shot(page, "admin-role-cycle-refused");
    expect((await (await api.get(`/api/v1/roles/${base.id}`)).json()).parent_ids).toEqual([]);
    for (const r of [senior, base]) expect((await deleteRole(api, r.id)).status()).toBe(204);
  });

  test("a stale version offers a reload; the history lists the changes", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const base = await createRole(api, {
      name: unique("Base crew"),
      description: "First",
      permissions: [{ code: "sites.list.view" }],
    });
    await page.goto(`/admin/roles/${base.id}?tab=settings`);
    // Another admin saves first: ours is stale.
    await page.getByLabel("Description").fill("Mine");
    const other = await api.patch(`/api/v1/roles/${base.id}`, {
      headers: sameOrigin,
      data: { version: base.version, description: "Theirs" },
    });
    expect(other.status()).toBe(200);
    await page.getByRole("button", { name: "Save changes" }).click();
    const stale = page.getByRole("alert").filter({ hasText: "Someone else changed this role since you opened it." });
    await expect(stale).toBeVisible();
    await shot(page, "admin-role-stale-version");
    await stale.getByRole("button", { name: "Reload" }).click();
    await expect(page.getByLabel("Description")).toHaveValue("Theirs");
    await page.getByLabel("Description").fill("Ours, after reloading");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(toast(page, `Saved ${base.name}`)).toBeVisible();
    expect((await (await api.get(`/api/v1/roles/${base.id}`)).json()).description).toBe("Ours, after reloading");

    await page.getByRole("tab", { name: "History" }).click();
    const history = page.getByRole("list", { name: "Role history" });
    await expect(history.getByText("Settings changed")).toHaveCount(2);
    await expect(history.getByText("Created")).toBeVisible();
    await shot(page, "admin-role-history");
    expect((await deleteRole(api, base.id)).status()).toBe(204);
  });

  test("a role's grants grouped by module with their badges, and its members", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    const roles = (await (await page.request.get("/api/v1/roles?limit=200")).json()).data as (Role & {
      user_count: number;
    })[];
    const salesManager = roles.find((r) => r.name === "Sales Manager")!;
    await page.goto(`/admin/roles/${salesManager.id}`);
    await expect(page.getByRole("link", { name: "Sales Rep" })).toBeVisible();
    // The editor ticks every grant of its own (solid boxes), and says a conditioned one's terms in words.
    const own = (await (await page.request.get(`/api/v1/roles/${salesManager.id}`)).json()).permissions as {
      code: string;
    }[];
    expect(own.length).toBeGreaterThan(0);
    for (const { code } of own)
      await expect(page.locator(`[data-act="cell"][data-code="${code}"]`)).toHaveAttribute("data-state", "checked");
    const terms = page.locator('[data-act="terms"][data-code="sales.customers.delete"]');
    await expect(terms).toContainText("only when");
    // Inherited from Sales Rep: drawn locked, naming where it comes from.
    const rep = (await (await page.request.get(`/api/v1/roles/${salesManager.id}`)).json()).parents as {
      id: string;
    }[];
    const inherited = (await (await page.request.get(`/api/v1/roles/${rep[0]!.id}`)).json()).permissions as {
      code: string;
    }[];
    const onlyInherited = inherited.find((g) => !own.some((o) => o.code === g.code));
    if (onlyInherited)
      await expect(page.locator(`[data-act="cell"][data-code="${onlyInherited.code}"]`)).toHaveAttribute(
        "aria-description",
        /Inherited from Sales Rep/,
      );
    await shot(page, "admin-role-detail-grants");
    const billing = roles.find((r) => r.name === "Billing Clerk")!;
    await page.goto(`/admin/roles/${billing.id}?tab=users`);
    const members = page.getByRole("table", { name: "Members with this role" });
    await expect(members.getByRole("row")).toHaveCount(billing.user_count + 1);
    expect(await members.getByRole("link").first().getAttribute("href")).toMatch(/^\/admin\/users\/[0-9a-f-]{36}$/);
    await shot(page, "admin-role-detail-members");
  });

  test("copy grants from another role into a role", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const role = await createRole(api, { name: unique("Night shift"), permissions: [{ code: "jobs.list.view" }] });
    const roles = (await (await api.get("/api/v1/roles?limit=200")).json()).data as (Role & {
      permission_count: number;
    })[];
    const billing = roles.find((r) => r.name === "Billing Clerk")!;
    await page.goto(`/admin/roles/${role.id}`);
    await page.getByRole("button", { name: "Copy from role" }).click();
    const dialog = page.getByRole("dialog", { name: `Copy grants into ${role.name}` });
    await dialog
      .getByLabel("Copy from")
      .selectOption({ label: `Billing Clerk (${billing.permission_count} permissions)` });
    await expect(dialog).toContainText(
      `${role.name}'s 1 grant will be replaced by Billing Clerk's ${billing.permission_count}`,
    );
    await shot(page, "admin-role-copy-dialog");
    await dialog.getByRole("button", { name: "Replace grants" }).click();
    await expect(
      toast(page, `Copied Billing Clerk's grants: +${billing.permission_count} added, −1 removed`),
    ).toBeVisible();
    await expect(page.getByRole("tab", { name: /Permissions/ })).toContainText(String(billing.permission_count));
    const codes = async (id: string) =>
      (await (await api.get(`/api/v1/roles/${id}`)).json()).permissions
        .map((p: { code: string; scope: string }) => `${p.code}@${p.scope}`)
        .sort();
    expect(await codes(role.id)).toEqual(await codes(billing.id));
    expect((await deleteRole(api, role.id)).status()).toBe(204);
  });

  test("apply a template to a role: the preview, then grants and an approval request", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const role = await createRole(api, {
      name: unique("Night shift"),
      permissions: [{ code: "jobs.list.view" }, { code: "sales.customers.view" }],
    });
    const tplName = unique("Sensitive kit");
    const tpl = await (
      await api.post("/api/v1/templates", {
        headers: sameOrigin,
        data: {
          name: tplName,
          permissions: {
            "reports.analysis.view": "allow",
            "sites.detail.fields.sensitive": "allow",
            "sales.customers.view": "deny",
          },
        },
      })
    ).json();
    await page.goto(`/admin/roles/${role.id}`);
    await page.getByRole("button", { name: "Apply template" }).click();
    const dialog = page.getByRole("dialog", { name: `Apply a template to ${role.name}` });
    await dialog.getByLabel("Template", { exact: true }).selectOption({ label: `${tplName} (3 codes)` });
    const preview = dialog.getByLabel("Resulting change");
    await expect(preview).toContainText("1 granted");
    await expect(preview).toContainText("+reports.analysis.view");
    await expect(preview).toContainText("1 removed");
    await expect(preview).toContainText("−sales.customers.view");
    await expect(preview).toContainText("1 will await a second admin's approval");
    await shot(page, "admin-role-apply-template");
    await dialog.getByRole("button", { name: "Apply template" }).click();
    await expect(
      toast(page, `Applied ${tplName} to ${role.name}: +1 granted, −1 removed, 1 grant awaits approval`),
    ).toBeVisible();
    const box = (code: string) => page.locator(`[data-act="cell"][data-code="${code}"]`);
    await expect(box("reports.analysis.view")).toHaveAttribute("data-state", "checked");
    await expect(box("sales.customers.view")).toHaveAttribute("data-state", "unchecked");
    await expect(box("sites.detail.fields.sensitive")).toHaveAttribute("data-state", "unchecked");
    await expect(page.getByRole("status").filter({ hasText: "Review in Approvals" })).toContainText(
      /1 grant awaits approval.*sites.detail.fields.sensitive/,
    );
    await shot(page, "admin-role-pending-approval");
    expect((await api.delete(`/api/v1/templates/${tpl.id}`, { headers: sameOrigin })).status()).toBe(204);
    expect((await deleteRole(api, role.id)).status()).toBe(204);
  });

  test("save a role as a template", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const role = await createRole(api, {
      name: unique("Night shift"),
      description: "Works nights",
      permissions: [{ code: "jobs.list.view" }, { code: "sites.list.view", scope: "team" }],
    });
    await page.goto(`/admin/roles/${role.id}`);
    const saved = unique("Night kit");
    await page.getByRole("button", { name: "Save as template" }).click();
    const dialog = page.getByRole("dialog", { name: `Save ${role.name} as a template` });
    await expect(dialog.getByLabel("Description")).toHaveValue("Works nights");
    await dialog.getByLabel("Template name").fill(saved);
    await shot(page, "admin-role-save-as-template");
    await dialog.getByRole("button", { name: "Save template" }).click();
    await expect(toast(page, `Saved template ${saved}`)).toBeVisible();
    const templates = (await (await api.get("/api/v1/templates?limit=200")).json()).data as {
      id: string;
      name: string;
      description: string;
      permissions: Record<string, string>;
    }[];
    const created = templates.find((t) => t.name === saved)!;
    expect(created).toMatchObject({
      description: "Works nights",
      permissions: { "jobs.list.view": "allow", "sites.list.view": "allow" },
    });
    expect(Object.keys(created.permissions)).toHaveLength(2);
    expect((await api.delete(`/api/v1/templates/${created.id}`, { headers: sameOrigin })).status()).toBe(204);
    expect((await deleteRole(api, role.id)).status()).toBe(204);
  });

  test("super-admin: system roles are read-only and Admin holds everything", async ({ page }) => {
    await loginAs(page, "superAdmin");
    await page.goto("/admin/roles");
    await expect(page.getByRole("table", { name: "Roles" })).toBeVisible();
    await page.getByRole("link", { name: "Admin", exact: true }).click();
    await expect(page.getByRole("note")).toContainText("Admin is a system role and is read-only.");
    // Every box ticked and locked, saying why.
    await expect(page.locator('[data-act="cell"]').first()).toHaveAttribute(
      "aria-description",
      "Admin holds every permission (system role, read-only)",
    );
    await expect(page.locator('[data-act="cell"][data-state="unchecked"]')).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Copy from role" })).toHaveCount(0);
    await page.getByRole("tab", { name: "Settings" }).click();
    await expect(page.getByLabel("Name")).toBeDisabled();
    await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
    await shot(page, "admin-role-system-readonly");
  });

  test("unknown ids, malformed ids and other tenants' ids are the same 404 page", async ({ page, browser }) => {
    await loginAs(page, "tenantAdmin");
    await page.goto("/admin/roles/0f8fad5b-d9cb-469f-a165-70867728950e");
    await expect(page.getByRole("heading", { name: "Role not found" })).toBeVisible();
    await shot(page, "admin-role-not-found");
    await page.goto("/admin/roles/not-a-uuid");
    await expect(page.getByRole("heading", { name: "Role not found" })).toBeVisible();
    const globex = await signedInPage(browser, "admin@globex.test");
    const theirs = (await (await globex.request.get("/api/v1/roles?search=purchaser")).json()).data[0];
    await globex.close();
    expect(theirs?.name).toBe("Purchaser");
    await page.goto(`/admin/roles/${theirs.id}`);
    await expect(page.getByRole("heading", { name: "Role not found" })).toBeVisible();
  });

  test("a member gets the 403 page at /admin/roles", async ({ page }) => {
    await loginAs(page, "member");
    await page.goto("/admin/roles");
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Roles" })).toHaveCount(0);
    await shot(page, "admin-roles-403-member");
  });
});
