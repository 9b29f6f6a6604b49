import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { loginAs, signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * Issue 13 §2, "nothing breaks silently", in the browser and on the API: a permission outside the
 * tenant's plan is marked and cannot be ticked (and the API refuses it with 422 naming the plans
 * that have it); leaving the matrix with unsaved changes asks first; granting a console page
 * pulls in the console, so an auditor made in the matrix reads the audit log.
 */
const SHOTS = process.env.CONSOLE_SHOTS ?? "/work/wip-store/console1";
const unique = (name: string) =>
  `${name} ${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 5)}`;
type Role = { id: string; name: string; version: number };

async function createRole(api: APIRequestContext, data: Record<string, unknown>): Promise<Role> {
  const res = await api.post("/api/v1/roles", { headers: sameOrigin, data });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}
async function openMatrix(page: Page) {
  await page.goto("/admin/matrix");
  await expect(page.getByRole("table", { name: "Permission matrix" })).toBeVisible();
}
const filter = (page: Page, text: string) => page.getByLabel("Filter permissions").fill(text);
const cell = (page: Page, code: string, role: string) =>
  page.getByRole("checkbox", { name: `Grant ${code} to ${role}`, exact: true });
const counter = (page: Page) => page.getByRole("status").filter({ hasText: /^\d+ unsaved changes?$/ });
async function shots(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}-1440.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test.use({ viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 90_000 });

test("outside the plan: the API refuses with 422 naming the plan that has it, the matrix marks it and does not tick it", async ({
  browser,
}) => {
  // Initech is on the Basic plan, which has no Categories.
  const page = await signedInPage(browser, "admin@initech.test");
  const api = page.request;
  const role = await createRole(api, { name: unique("QA Plan"), permissions: [{ code: "contacts.view" }] });

  const res = await api.put(`/api/v1/roles/${role.id}/permissions`, {
    headers: sameOrigin,
    data: { version: role.version, permissions: [{ code: "contacts.view" }, { code: "categories.view" }] },
  });
  expect(res.status()).toBe(422);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const problem = await res.json();
  expect(problem).toMatchObject({
    status: 422,
    plan: "basic",
    out_of_plan: [{ code: "categories.view", menu_item: "categories", plans: ["enterprise", "professional"] }],
  });
  expect(problem.detail).toContain("Not in plan Basic Plan: categories.view");
  // Nothing changed.
  const after = await (await api.get(`/api/v1/roles/${role.id}`)).json();
  expect(after.version).toBe(role.version);
  expect((after.permissions as { code: string }[]).map((p) => p.code)).toEqual(["contacts.view"]);

  await page.setViewportSize({ width: 1440, height: 900 });
  await openMatrix(page);
  await filter(page, "categories.view");
  const row = page.getByRole("row").filter({ has: page.getByText("categories.view", { exact: true }) });
  await expect(row.getByText("Not in Basic Plan")).toBeVisible();
  const box = cell(page, "categories.view", role.name);
  await expect(box).toBeDisabled();
  await expect(box).toHaveAttribute("aria-description", /Categories is not in your plan \(Basic Plan\)/);
  await box.click({ force: true });
  await expect(box).not.toBeChecked();
  await expect(page.getByTestId("matrix-note")).toContainText(
    "Categories is not in your plan (Basic Plan). It comes with Professional Plan or Enterprise Plan.",
  );
  await expect(counter(page)).toHaveCount(0);
  await shots(page, "matrix-not-in-plan");
  await page.close();
});

test("unsaved matrix changes: a console link asks before leaving; Cancel keeps them, Leave discards; closing the tab asks too", async ({
  page,
}) => {
  await loginAs(page, "tenantAdmin");
  const role = await createRole(page.request, { name: unique("QA Unsaved") });
  await openMatrix(page);
  await filter(page, "jobs.list.view");
  await cell(page, "jobs.list.view", role.name).click();
  await expect(counter(page)).toHaveText("1 unsaved change");

  const nav = page.getByRole("navigation", { name: "Admin console" });
  await nav.getByRole("link", { name: "Roles", exact: true }).click();
  const ask = page.getByRole("alertdialog", { name: "Leave with 1 unsaved change?" });
  await expect(ask).toBeVisible();
  await expect(ask).toContainText("Your changes to the matrix are not saved.");
  await shots(page, "matrix-leave-prompt");
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/admin\/matrix$/);
  await expect(counter(page)).toHaveText("1 unsaved change");

  // Closing the tab (or reloading) asks the browser's own question.
  const unload = new Promise<string>((resolve) => page.once("dialog", (d) => (resolve(d.type()), void d.dismiss())));
  await page.close({ runBeforeUnload: true });
  expect(await unload).toBe("beforeunload");
  expect(page.isClosed()).toBe(false);

  await nav.getByRole("link", { name: "Roles", exact: true }).click();
  await ask.getByRole("button", { name: "Leave and discard" }).click();
  await expect(page).toHaveURL(/\/admin\/roles$/);
  await expect(page.getByRole("heading", { name: "Roles", exact: true })).toBeVisible();
  // Nothing was written.
  const saved = await (await page.request.get(`/api/v1/roles/${role.id}`)).json();
  expect(saved.permissions).toEqual([]);
});

test("an Auditor made in the matrix: ticking the audit log pulls in the console, and the auditor reads the log", async ({
  page,
  browser,
}) => {
  await loginAs(page, "tenantAdmin");
  const api = page.request;
  const role = await createRole(api, { name: unique("QA Auditor") });
  await openMatrix(page);
  await filter(page, "gatehouse.audit.view");
  await cell(page, "gatehouse.audit.view", role.name).click();
  await expect(page.getByTestId("matrix-note")).toContainText(
    `Ticked gatehouse.audit.view for ${role.name} and also gatehouse.console, which it depends on.`,
  );
  await page.getByRole("button", { name: "Save…" }).click();
  const dialog = page.getByRole("dialog", { name: "Review changes before saving" });
  await dialog.getByRole("button", { name: "Confirm 2 changes" }).click();
  await expect(page.getByTestId("matrix-note")).toContainText("Saved on 1 role: 2 granted.");

  const email = `${unique("qa-auditor").replace(/\W+/g, "-")}@acme.test`;
  const password = "correct-horse-battery-staple";
  const made = await api.post("/api/v1/users", {
    headers: sameOrigin,
    data: { email, name: "Audrey Auditor", password, role_ids: [role.id] },
  });
  expect(made.status(), await made.text()).toBe(201);

  // Preview as the auditor shows the console sections they get, not only the product.
  await page.goto(`/admin/users/${(await made.json()).id}/preview`);
  const consoleSections = page.getByRole("list", { name: "Console sections" });
  await expect(consoleSections.getByRole("listitem")).toHaveText(["Overview", "Audit log"]);
  await shots(page, "preview-console-sections");

  // Who can read the audit log? The catalog's drawer and the matrix row both answer, with the rule.
  await page.goto("/admin/permissions?code=gatehouse.audit.view");
  const drawer = page.getByRole("dialog", { name: "gatehouse.audit.view" });
  const holders = drawer.getByRole("list", { name: "Who holds gatehouse.audit.view" });
  await expect(holders.getByRole("listitem").filter({ hasText: "Audrey Auditor" })).toContainText(`Role ${role.name}`);
  await expect(holders.getByRole("listitem").filter({ hasText: "Ada Admin" })).toContainText("Role Admin");
  await shots(page, "catalog-holders");
  await openMatrix(page);
  await filter(page, "gatehouse.audit.view");
  await page.getByRole("button", { name: "Who has gatehouse.audit.view?" }).click();
  const who = page.getByRole("dialog", { name: "Who has gatehouse.audit.view?" });
  await expect(who.getByRole("listitem").filter({ hasText: "Audrey Auditor" })).toContainText(`Role ${role.name}`);
  await shots(page, "matrix-holders");
  await who.getByRole("button", { name: "Close" }).click();

  const auditor = await signedInPage(browser, email, password);
  await auditor.setViewportSize({ width: 1440, height: 900 });
  await auditor.goto("/admin/audit");
  await expect(auditor.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await shots(auditor, "auditor-audit-log");
  await auditor.close();
});

test("Why? with a resource in hand decides a scoped, conditioned grant as the check API does; the override editor asks before leaving", async ({
  page,
}) => {
  await loginAs(page, "tenantAdmin");
  const api = page.request;
  const code = "sales.orders.delete";
  const role = await createRole(api, {
    name: unique("QA Small refunds"),
    permissions: [{ code: "sales.orders.view" }, { code, scope: "personal", conditions: { amount: { $lte: 100 } } }],
  });
  const made = await api.post("/api/v1/users", {
    headers: sameOrigin,
    data: {
      email: `${unique("qa-refunds").replace(/\W+/g, "-")}@acme.test`,
      name: "Rita Refunds",
      role_ids: [role.id],
    },
  });
  expect(made.status(), await made.text()).toBe(201);
  const user = await made.json();
  const check = async (context: Record<string, unknown>) =>
    (await (await api.post("/api/v1/check", { headers: sameOrigin, data: { user_id: user.id, code, context } })).json())
      .granted;

  await page.goto(`/admin/users/${user.id}`);
  await page.getByLabel("Filter permissions").fill(code);
  const row = page.getByTestId(`perm-row-${code}`);
  await row.getByRole("button", { name: `Why is ${code} granted?` }).click();
  const panel = page.getByTestId("explain-panel");
  await expect(panel.getByTestId("explain-summary")).toBeVisible();
  await panel.getByText("Decide for a specific resource…").click();
  const form = panel.getByRole("form", { name: "Resource context" });
  await form.getByLabel("The resource belongs to Rita Refunds").check();
  await form.getByRole("button", { name: "Add a field" }).click();
  await form.getByRole("textbox", { name: "Field" }).fill("amount");
  await form.getByRole("textbox", { name: "Value" }).fill("500");
  await form.getByRole("button", { name: "Decide for this resource" }).click();
  await expect(panel.getByText("For a resource owned by Rita Refunds, where amount = 500")).toBeVisible();
  await expect(panel.getByRole("status").filter({ hasText: /^(Granted|Denied)/ })).toContainText("Denied");
  expect(await check({ resource: { owner_id: user.id }, amount: 500 })).toBe(false);
  await shots(page, "explain-context-denied");
  await form.getByRole("textbox", { name: "Value" }).fill("50");
  await form.getByRole("button", { name: "Decide for this resource" }).click();
  await expect(panel.getByRole("status").filter({ hasText: /^(Granted|Denied)/ })).toContainText("Granted");
  expect(await check({ resource: { owner_id: user.id }, amount: 50 })).toBe(true);
  await shots(page, "explain-context-granted");
  await page.keyboard.press("Escape");

  // An unsaved override: a console link asks first.
  await row.getByRole("radio", { name: `Deny ${code}` }).click();
  await page
    .getByRole("navigation", { name: "Admin console" })
    .getByRole("link", { name: "Roles", exact: true })
    .click();
  const ask = page.getByRole("alertdialog", { name: "Leave with 1 unsaved change?" });
  await expect(ask).toContainText("Your changes to Rita Refunds’s overrides are not saved.");
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/users/${user.id}$`));
});

test("a plan change shows what it takes first: menu items lost and how many members lose each, in the tenant dialog and on the plans page", async ({
  page,
}) => {
  await loginAs(page, "superAdmin");
  await page.goto("/admin/tenants");
  await page.getByRole("button", { name: "Edit Acme Energy" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit Acme Energy" });
  await dialog.getByLabel("Plan").selectOption({ label: "Basic Plan" });
  await expect(dialog).toContainText("Essential features for small businesses. Includes 4 menu items");
  const impact = dialog.getByRole("region", { name: "What this plan change does" });
  const lost = impact.getByRole("list", { name: "Menu items lost" });
  await expect(lost.getByRole("listitem").filter({ hasText: "Categories" })).toContainText(/\d+ members? lose access/);
  await expect(lost.getByRole("listitem").filter({ hasText: "Products" })).toHaveCount(0);
  await shots(page, "tenant-plan-impact");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await page.goto("/admin/plans");
  await page.getByLabel("Plan of Acme Energy").selectOption({ label: "Basic Plan" });
  const confirm = page.getByRole("alertdialog", { name: "Move Acme Energy to Basic Plan?" });
  await expect(
    confirm.getByRole("list", { name: "Menu items lost" }).getByRole("listitem").filter({ hasText: "Categories" }),
  ).toContainText(/lose access/);
  await shots(page, "plans-plan-impact");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  // Nothing changed.
  const tenants = (await (await page.request.get("/api/v1/tenants?limit=200")).json()).data as {
    name: string;
    plan: { code: string } | null;
  }[];
  expect(tenants.find((t) => t.name === "Acme Energy")?.plan?.code).toBe("enterprise");
});
