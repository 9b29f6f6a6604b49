import { expect, type Locator, type Page, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { createUserWithRole } from "./support/fresh-user";
import { PERSONAS, type PersonaName, signIn } from "./support/personas";
import { sameOrigin } from "./support/same-origin";
import { ready, signedIn } from "./support/sessions";

async function openApp(page: Page, persona: PersonaName, path = "/app") {
  await signedIn(page, PERSONAS[persona].email);
  await page.goto(path);
  await ready(page);
}

/** The focusable wrapper of a control rendered disabled by a gate. */
const gated = (scope: Page | Locator, name: string | RegExp) =>
  scope.locator('[data-gate="disabled"]', { has: scope.getByRole("button", { name }) });

async function expectTooltip(page: Page, target: Locator, text: string) {
  await target.hover();
  await expect(page.getByRole("tooltip")).toContainText(text);
  await page.mouse.move(0, 0);
  await expect(page.getByRole("tooltip")).toHaveCount(0);
}

test.describe("the demo product", () => {
  test("dashboard: each widget is its own permission", async ({ page }) => {
    await openApp(page, "member");
    await expect(page.getByRole("heading", { name: /Dashboard/ })).toBeVisible();
    await expect(page.locator("[data-widget=sites]")).toContainText("Sites summary");
    await expect(page.locator("[data-widget=jobs]")).toContainText("Jobs overview");
    // Not granted: the widget's data never came, and its place names the permission.
    await expect(page.locator("[data-widget=financial]")).toHaveCount(0);
    await expect(page.locator('[data-locked-panel="dashboard.widgets.financial"]')).toContainText(
      "Requires dashboard.widgets.financial",
    );
    await expectTooltip(page, gated(page, "Customize"), "Requires the permission dashboard.customize");
    await page.screenshot({ path: "e2e/.screens/app-dashboard-member.png", fullPage: true });
  });

  test("sites list: disabled controls explain themselves, hidden ones are absent, granted ones work", async ({
    page,
  }) => {
    await openApp(page, "member", "/app/sites");
    await expect(page.getByRole("heading", { name: /Sites/ })).toBeVisible();
    // disable: visible, disabled, the tooltip names the missing permission.
    await expect(page.getByRole("button", { name: "Add site" })).toBeDisabled();
    await expectTooltip(page, gated(page, "Add site"), "Requires the permission sites.list.add_button");
    await expectTooltip(page, gated(page, "Advanced filters"), "Requires the permission sites.list.filter_advanced");
    await expect(gated(page, /Apply to/)).toHaveAttribute("data-missing", "sites.list.bulk_actions");
    // hide: no delete button at all, no selection column.
    await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    // Granted by an allow override: export works, through the server.
    await page.getByRole("button", { name: "Export" }).click();
    await expect(page.getByText("Exported 36 sites.")).toBeVisible();
    await page.getByRole("button", { name: "Export" }).hover();
    await expect(page.getByRole("tooltip")).toHaveCount(0);
    await page.screenshot({ path: "e2e/.screens/app-sites-member.png", fullPage: true });
  });

  test("sites list as an admin: every control, validation errors by the field", async ({ page }) => {
    await openApp(page, "tenantAdmin", "/app/sites");
    await expect(page.getByRole("button", { name: "Delete" }).first()).toBeVisible();
    await page.getByRole("button", { name: "Advanced filters" }).click();
    await expect(page.getByTestId("advanced-filters")).toBeVisible();
    // Region and meter type are filtered by the server (which checks sites.list.filter_advanced).
    const answered = page.waitForResponse(
      (r) => r.url().includes("/api/demo/sites?") && r.url().includes("region=North"),
    );
    await page.getByLabel("Region").selectOption("North");
    expect((await answered).status()).toBe(200);
    await expect(page.getByText(/^\d+ of 36 sites$/)).not.toHaveText("36 of 36 sites");
    for (const region of await page.locator("tbody tr td:nth-child(4)").allInnerTexts()) expect(region).toBe("North");
    await page.getByLabel("Region").selectOption("");
    await page.getByRole("button", { name: "Add site" }).click();
    await page.getByLabel("Site name").fill("X");
    await page.getByLabel("City").fill("Leeds");
    await page.getByRole("dialog").getByRole("button", { name: "Add site" }).click();
    await expect(page.getByRole("dialog").getByText("At least 2 characters")).toBeVisible();
    await page.getByLabel("Site name").fill("Harbour Substation");
    await page.getByRole("dialog").getByRole("button", { name: "Add site" }).click();
    await expect(page.getByText("Site “Harbour Substation” in Leeds added.")).toBeVisible();
    await page.getByRole("checkbox", { name: "Select S-1001" }).check();
    await page.getByRole("button", { name: "Apply to 1 selected" }).click();
    await expect(page.getByText("Engineer assigned to 1 site.")).toBeVisible();
    await page.screenshot({ path: "e2e/.screens/app-sites-admin.png", fullPage: true });
  });

  test("site detail: tabs, actions and fields each follow their permission; sensitive data is masked", async ({
    page,
  }) => {
    await openApp(page, "member", "/app/sites/S-1001");
    // Tabs: the Field Engineer's four open, the rest disabled with the reason.
    for (const tab of ["Overview", "Meters", "Readings", "Jobs"])
      await expect(page.getByRole("tab", { name: tab })).toBeEnabled();
    for (const tab of ["Calls", "Alerts", "History"]) await expect(page.getByRole("tab", { name: tab })).toBeDisabled();
    await expectTooltip(
      page,
      page.locator('[data-gate="disabled"]', { has: page.getByRole("tab", { name: "Calls" }) }),
      "Requires the permission sites.detail.tabs.calls",
    );
    // Fields: masked sensitive data, hidden account number, the consumption chart denied by an override.
    await expect(page.getByTestId("sensitive-iban")).toContainText("••••");
    await expect(page.getByTestId("sensitive-card")).toContainText("Masked: requires sites.detail.fields.sensitive");
    await expect(page.getByTestId("field-account-number")).toContainText(
      "Hidden: requires sites.detail.fields.account_number",
    );
    await expect(page.locator('[data-locked-panel="sites.detail.fields.consumption"]')).toBeVisible();
    // Texting the landlord needs their contact: the button stays, disabled, and says so.
    await expectTooltip(page, gated(page, "Text landlord"), "sites.detail.fields.landlord_contact");
    // The breadcrumb ends with the page itself; the status shows once.
    await expect(page.getByRole("navigation", { name: "Breadcrumb" }).locator('[aria-current="page"]')).toHaveText(
      "Foundry Substation",
    );
    await expect(page.locator("main").getByText("online", { exact: true })).toHaveCount(1);
    // The legend is one click from the title.
    await expect(page.getByTestId("page-permissions")).toBeHidden();
    await page.getByRole("button", { name: "What can I do here?" }).click();
    await expect(page.getByTestId("page-permissions")).toBeVisible();
    await expect(page.getByTestId("page-permissions").locator('[data-granted="false"]').first()).toBeVisible();
    await page.screenshot({ path: "e2e/.screens/app-site-legend-member.png" });
    await page.getByRole("button", { name: /What your permissions change/ }).click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: "e2e/.screens/app-site-member.png", fullPage: true });
    // Meter actions: test meter (MFA) is theirs, change meter and change SIM are not.
    await page.getByRole("tab", { name: "Meters" }).click();
    await expect(page.getByRole("button", { name: /Test meter/ })).toContainText("MFA");
    await expectTooltip(page, gated(page, /Change meter/), "Requires the permission sites.detail.actions.change_meter");
    await page.screenshot({ path: "e2e/.screens/app-site-meters-member.png", fullPage: true });
    // An MFA-protected action asks for the second factor (the server answered mfa_required).
    await page.getByRole("button", { name: /Test meter/ }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expect(page.getByRole("dialog")).toContainText(/second factor|Two-factor|Confirm it/i);
  });

  test("site detail as an admin: sensitive data in clear, every tab open", async ({ page }) => {
    await openApp(page, "tenantAdmin", "/app/sites/S-1001");
    await expect(page.getByTestId("sensitive-iban")).toContainText(/GB\d\d/);
    await expect(page.getByTestId("field-account-number")).toContainText(/ACC-\d{4}-\d{4}/);
    await page.getByRole("tab", { name: "History" }).click();
    await expect(page.getByText("Site created")).toBeVisible();
    await page.getByRole("tab", { name: "Calls" }).click();
    await page.screenshot({ path: "e2e/.screens/app-site-admin.png", fullPage: true });
    await page.goto("/app/operations/reports");
    await ready(page);
    await expect(page.getByRole("heading", { name: "Reading discrepancies (RDG)" })).toBeVisible();
    await page.getByRole("button", { name: "Advanced" }).click();
    await expect(page.getByTestId("analysis-stats")).toContainText(/winter uplift \d+%/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: "e2e/.screens/app-reports-admin.png", fullPage: true });
  });

  test("a forged request for an action the user lacks is refused with 403 problem+json", async ({ page }) => {
    await signedIn(page, PERSONAS.member.email);
    const post = (path: string, data: unknown = {}) => page.request.post(path, { headers: sameOrigin, data });
    for (const [path, code, data] of [
      ["/api/demo/sites/S-1001/change-meter", "sites.detail.actions.change_meter", {}],
      ["/api/demo/sites", "sites.list.add_button", { name: "Forged", city: "Leeds" }],
      ["/api/demo/erp/products", "products.create", { name: "Forged" }],
    ] as const) {
      const res = await post(path, data);
      expect(res.status(), path).toBe(403);
      expect(res.headers()["content-type"]).toContain("application/problem+json");
      expect((await res.json()).missing_permission).toBe(code);
    }
    const del = await page.request.delete("/api/demo/sites/S-1001", { headers: sameOrigin });
    expect(del.status()).toBe(403);
    // Reads the UI only disables are refused by the server too: advanced filters, advanced analysis.
    for (const [path, code] of [
      ["/api/demo/sites?region=North", "sites.list.filter_advanced"],
      ["/api/demo/sites?status=online&meter_type=AMR", "sites.list.filter_advanced"],
      ["/api/demo/reports/analysis", "reports.analysis.advanced"],
    ] as const) {
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(403);
      expect(res.headers()["content-type"]).toContain("application/problem+json");
      expect((await res.json()).missing_permission, path).toBe(code);
    }
    const basic = await page.request.get("/api/demo/sites?status=online&q=a");
    expect(basic.status()).toBe(200);
    expect(((await basic.json()).data as { status: string }[]).every((r) => r.status === "online")).toBe(true);
    // What the member does hold goes through.
    const note = await post("/api/demo/sites/S-1001/notes", { text: "Gate checked" });
    expect(note.status()).toBe(200);
    expect((await note.json()).message).toContain("Note added");
  });

  test("a generic ERP list: view, create, edit, delete and export are five permissions", async ({ page }) => {
    await openApp(page, "viewer", "/app/master-data/products");
    await expect(page.getByRole("heading", { name: /Products/ })).toBeVisible();
    const actions = page.getByTestId("resource-actions");
    await expect(actions.locator("[data-action=view]")).toHaveAttribute("data-granted", "true");
    await expect(actions.locator("[data-action=create]")).toHaveAttribute("data-granted", "false");
    await expectTooltip(page, gated(page, "New product"), "Requires the permission products.create");
    await expect(page.getByRole("button", { name: "Edit" })).toHaveCount(0);
    await expect(page.getByText("No Edit buttons: requires")).toBeVisible();
    await page.screenshot({ path: "e2e/.screens/app-erp-viewer.png", fullPage: true });

    await page.goto("/app/sales/invoices");
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
    // The viewer's deny override on sales.invoices.view wins over the Viewer role.
    await expect(page.getByText("sales.invoices.view")).toBeVisible();
    await page.screenshot({ path: "e2e/.screens/app-no-access-viewer.png", fullPage: true });
  });

  test("a generic ERP list as an admin: create and delete go through the server", async ({ page }) => {
    await openApp(page, "tenantAdmin", "/app/sales/invoices");
    await page.getByRole("button", { name: "New invoice" }).click();
    await page.getByLabel("Name").fill("March retainer");
    await page.getByRole("dialog").getByRole("button", { name: "Create" }).click();
    await expect(page.getByText("Created “March retainer”.")).toBeVisible();
    await page.getByRole("button", { name: "Delete" }).first().click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText(/^Deleted INV-\d+\.$/)).toBeVisible();
    await page.screenshot({ path: "e2e/.screens/app-erp-admin.png", fullPage: true });
  });

  test("jobs and field reports follow their permissions too", async ({ page }) => {
    await openApp(page, "member", "/app/jobs");
    await expect(page.getByRole("button", { name: "Create job" })).toBeDisabled();
    await page.getByRole("button", { name: "Board" }).click();
    await expect(page.getByText("Read-only board: moving cards requires")).toBeVisible();
    // A column says how many it holds; the cards beyond the first six are one click away.
    const status = await page
      .locator("[data-column]", { has: page.getByRole("button", { name: /^\+\d+ more$/ }) })
      .first()
      .getAttribute("data-column");
    const column = page.locator(`[data-column="${status}"]`);
    const total = Number((await column.locator("p").first().innerText()).match(/(\d+)$/)![1]);
    await expect(column.locator("li")).toHaveCount(6);
    await expect(column.getByRole("button", { name: `+${total - 6} more` })).toBeVisible();
    await page.screenshot({ path: "e2e/.screens/app-jobs-member.png", fullPage: true });
    await column.getByRole("button", { name: /more$/ }).click();
    await expect(column.locator("li")).toHaveCount(total);
    // No report permission at all: the page says which ones would open it.
    await page.goto("/app/operations/reports");
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
    await expect(page.getByTestId("no-access")).toHaveAttribute(
      "data-missing",
      "reports.rdg.view reports.analysis.view reports.fco.view",
    );
    await expect(page.getByText("reports.rdg.view")).toBeVisible();
  });

  test("field reports open to any report permission; each panel follows its own", async ({ page, browser }) => {
    await signedIn(page, PERSONAS.tenantAdmin.email);
    const user = await createUserWithRole(page.request, baseURL, "Analyst", ["reports.analysis.view"]);
    const context = await browser.newContext({ baseURL });
    const analyst = await context.newPage();
    await signIn(analyst, user.email, user.password);
    await expect(analyst.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
    await analyst.goto("/app/operations/reports");
    await ready(analyst);
    await expect(analyst.getByRole("heading", { name: /Field reports/ })).toBeVisible();
    await expect(analyst.locator("[data-report=analysis]")).toContainText("Consumption analysis");
    // The RDG and FCO reports: locked panels naming their permission, their rows never sent.
    await expect(analyst.locator('[data-locked-panel="reports.rdg.view"]')).toContainText("Requires reports.rdg.view");
    await expect(analyst.locator('[data-locked-panel="reports.fco.view"]')).toBeVisible();
    await expect(analyst.locator("[data-report=rdg]")).toHaveCount(0);
    await expectTooltip(analyst, gated(analyst, "Advanced"), "Requires the permission reports.analysis.advanced");
    await analyst.screenshot({ path: "e2e/.screens/app-reports-analyst.png", fullPage: true });
    await context.close();
  });
});
