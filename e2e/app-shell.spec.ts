import { type Browser, expect, type Page, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { PERSONAS } from "./support/personas";
import { sameOrigin } from "./support/same-origin";
import { newSignedInPage, ready, signedIn } from "./support/sessions";

interface Menus {
  plan: { code: string; name: string } | null;
  modules: { name: string; items: { name: string; route: string }[] }[];
}

const sidebar = (page: Page) => page.getByRole("navigation", { name: "Product" });
/** The names of the sidebar's links that open a page (locked upgrade prompts excluded). */
const openItems = async (page: Page) =>
  (await sidebar(page).locator("a:not([data-locked])").allInnerTexts()).map((t) => t.trim());

async function menusOf(page: Page): Promise<Menus> {
  const res = await page.request.get("/api/v1/me/menus");
  expect(res.status()).toBe(200);
  return res.json();
}

async function app(browser: Browser, email: string) {
  const page = await newSignedInPage(browser, email);
  await page.goto("/app");
  await ready(page);
  return page;
}

test.describe("the app shell", () => {
  test("the home page opens the app, whose sidebar is exactly the member's menus", async ({ page }) => {
    test.slow(); // several users or a walk through several pages
    await signedIn(page, PERSONAS.member.email);
    await page.goto("/");
    await page.getByRole("link", { name: "Open the app" }).click();
    await expect(page).toHaveURL(/\/app$/);
    await ready(page);
    const menus = await menusOf(page);
    const names = menus.modules.flatMap((m) => m.items.map((i) => i.name));
    expect(await openItems(page)).toEqual(names);
    // Field Engineer at Acme: the field screens, nothing of the ERP, no field reports.
    expect(names).toEqual(expect.arrayContaining(["Dashboard", "Sites", "Jobs"]));
    expect(names).not.toContain("Products");
    expect(names).not.toContain("Field Reports");
    // Acme is on the enterprise plan: no upgrade prompt.
    await expect(sidebar(page).locator("[data-locked]")).toHaveCount(0);
    // Icons from the catalog, the active route highlighted.
    await expect(sidebar(page).getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
    await sidebar(page).getByRole("link", { name: "Sites" }).click();
    await expect(page).toHaveURL(/\/app\/sites$/);
    await expect(sidebar(page).getByRole("link", { name: "Sites" })).toHaveAttribute("aria-current", "page");
    await expect(sidebar(page).getByRole("link", { name: "Sites" }).locator("svg.lucide-map-pin")).toBeVisible();
    // The page itself, not its loading skeleton.
    await expect(page.getByRole("heading", { name: /Sites/ })).toBeVisible();
    await expect(page.getByRole("status", { name: "Loading" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Foundry Substation" })).toBeVisible();
    await page.screenshot({ path: "e2e/.screens/app-shell-member.png", fullPage: true });

    // Switching tenant redraws the shell from the other tenant's menus (no stale cache).
    await page.getByRole("button", { name: "Switch tenant" }).click();
    await page.getByRole("menuitem", { name: "Globex Trading" }).click();
    await expect(sidebar(page).getByRole("link", { name: "Customers" })).toBeVisible();
    const globex = (await menusOf(page)).modules.flatMap((m) => m.items.map((i) => i.name));
    expect(await openItems(page)).toEqual(globex);
    await expect(sidebar(page).locator("a[data-locked]").first()).toBeAttached();
  });

  test("an admin's sidebar holds what the member's lacks, in module and sort order", async ({ browser }) => {
    test.slow(); // several users or a walk through several pages
    const admin = await app(browser, "admin@acme.test");
    const names = await openItems(admin);
    expect(names).toEqual((await menusOf(admin)).modules.flatMap((m) => m.items.map((i) => i.name)));
    expect(names.slice(0, 4)).toEqual(["Dashboard", "Sites", "Jobs", "Field Reports"]);
    expect(names).toEqual(expect.arrayContaining(["Products", "Invoices", "Work Orders", "Financial Reports"]));
    await expect(sidebar(admin).locator('[data-module="Sales"]').getByRole("link")).toHaveText([
      "Invoices",
      "Sales Orders",
      "Customers",
    ]);
    await expect(sidebar(admin).getByRole("link", { name: "Work Orders" }).locator("svg.lucide-wrench")).toBeVisible();
    await admin.screenshot({ path: "e2e/.screens/app-shell-admin.png", fullPage: true });
    // A page the member may not open is the 403 page naming the permission, not an empty shell.
    const member = await app(browser, "member@acme.test");
    await member.goto("/app/master-data/products");
    await expect(member.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
    await expect(member.getByText("products.view")).toBeVisible();
    await Promise.all([admin.context().close(), member.context().close()]);
  });

  test("a basic-plan tenant sees upgrade prompts naming the plan that has the item", async ({ browser }) => {
    const page = await app(browser, "admin@initech.test");
    const nav = sidebar(page);
    // Partly included modules list their locked items in place…
    const categories = nav.locator("a[data-locked]", { hasText: "Categories" });
    await expect(categories).toContainText("Upgrade to Professional");
    await expect(categories.locator("svg.lucide-lock")).toBeVisible();
    await expect(nav.getByRole("link", { name: "Products" })).toBeVisible();
    // …whole modules the plan lacks fold up behind a lock, and open on demand.
    const fieldOps = nav.getByRole("button", { name: /Field Operations/ });
    await expect(fieldOps).toHaveAttribute("aria-expanded", "false");
    await fieldOps.click();
    await expect(nav.locator("a[data-locked]", { hasText: "Sites" })).toContainText("Upgrade to Enterprise");
    // On the home page the locked Dashboard item is an upgrade prompt, not the current page.
    await expect(nav.locator("a[data-locked]", { hasText: "Dashboard" })).not.toHaveAttribute("aria-current", "page");
    await expect(nav.locator("[aria-current=page]")).toHaveCount(0);
    await page.screenshot({ path: "e2e/.screens/app-shell-basic-plan.png", fullPage: true });
    // The home page has no dashboard on this plan: the open screens and the plan that has it.
    await expect(page.getByRole("heading", { name: "Welcome, Bill" })).toBeVisible();
    await expect(page.getByTestId("upgrade-panel")).toContainText("Enterprise Plan");
    // A locked item opens its upgrade page; the server agrees (plan), whatever the Admin role says.
    await categories.click();
    await expect(page.getByRole("heading", { name: "Categories is not in your plan" })).toBeVisible();
    await expect(page.getByTestId("upgrade-panel")).toContainText("Professional Plan");
    const res = await page.request.post("/api/demo/erp/categories", {
      headers: sameOrigin,
      data: { name: "Staplers" },
    });
    expect(res.status()).toBe(403);
    await page.context().close();
  });

  test("the admin previews a member's app: their sidebar and gates, read-only, no session switch", async ({ page }) => {
    test.slow(); // several users or a walk through several pages
    await signedIn(page, PERSONAS.tenantAdmin.email);
    const users = await (await page.request.get("/api/v1/users", { params: { search: "member@acme.test" } })).json();
    const max = users.data.find((u: { email: string }) => u.email === "member@acme.test");
    await page.goto(`/admin/users/${max.id}/preview`);
    await ready(page);
    await expect(page.getByTestId("preview-banner")).toContainText("Previewing as Max Member — read-only");
    const theirs = page.getByRole("navigation", { name: "Max Member’s sidebar" });
    await expect(theirs.getByRole("link", { name: "Sites" })).toBeVisible();
    await expect(theirs.getByRole("link", { name: "Products" })).toHaveCount(0);
    await expect(theirs.getByRole("link", { name: "Field Reports" })).toHaveCount(0);
    // Their dashboard: their widgets, the others locked with the reason.
    await expect(page.getByTestId("preview-content").locator("[data-widget=sites]")).toBeVisible();
    await expect(page.locator('[data-locked-panel="dashboard.widgets.financial"]')).toContainText("Max Member lacks");
    await page.screenshot({ path: "e2e/.screens/preview-dashboard.png", fullPage: true });

    // Links stay inside the preview.
    await theirs.getByRole("link", { name: "Sites" }).click();
    await expect(page).toHaveURL(/\/preview\?path=%2Fsites$/);
    await ready(page);
    const content = page.getByTestId("preview-content");
    // What they lack is disabled and says so; what they hold is disabled too (read-only).
    const add = content.locator('[data-gate="disabled"]', { has: page.getByRole("button", { name: "Add site" }) });
    await add.hover();
    await expect(page.getByRole("tooltip")).toContainText("Max Member lacks the permission sites.list.add_button");
    await expect(content.getByRole("button", { name: "Export" })).toBeDisabled();
    await page.mouse.move(0, 0);
    await content.locator('[data-gate="disabled"]', { has: page.getByRole("button", { name: "Export" }) }).hover();
    await expect(page.getByRole("tooltip")).toContainText("Read-only preview");
    await page.screenshot({ path: "e2e/.screens/preview-sites.png", fullPage: true });

    await content.getByRole("link", { name: (await content.getByRole("link").first().innerText()).trim() }).click();
    await expect(page).toHaveURL(/path=%2Fsites%2FS-/);
    await ready(page);
    await expect(page.getByTestId("sensitive-iban")).toContainText("••••");
    await expect(content.getByRole("tab", { name: "Calls" })).toBeDisabled();
    await page.screenshot({ path: "e2e/.screens/preview-site.png", fullPage: true });

    // Still the admin: the console, and their own session.
    await expect(page.getByRole("navigation", { name: "Admin console" })).toBeVisible();
    const me = await (await page.request.get("/api/v1/me")).json();
    expect(me.user.email).toBe("admin@acme.test");
  });

  test("below 768 px the top bar's menu button opens the same sidebar in a drawer", async ({ browser }) => {
    const context = await browser.newContext({
      baseURL,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await signedIn(page, PERSONAS.member.email);
    await page.goto("/app/sites");
    await expect(page.locator("[data-nav-ready]")).toBeVisible();
    // No desktop sidebar at this width; the button is the way in.
    await expect(sidebar(page)).toBeHidden();
    await expect(page.getByRole("heading", { name: /Sites/ })).toBeVisible();
    await page.screenshot({ path: "e2e/.screens/app-mobile-sites.png", fullPage: true });
    await page.getByRole("button", { name: "Open navigation" }).click();
    const drawer = page.getByRole("dialog", { name: "Navigation" });
    await expect(drawer).toBeVisible();
    const names = (await menusOf(page)).modules.flatMap((m) => m.items.map((i) => i.name));
    expect(await openItems(page)).toEqual(names);
    await expect(sidebar(page).getByRole("link", { name: "Sites" })).toHaveAttribute("aria-current", "page");
    await expect(drawer.getByTestId("live-status")).toContainText(/Permissions update live|Connecting/);
    await page.screenshot({ path: "e2e/.screens/app-mobile-menu.png" });
    // Following a link navigates and closes the drawer.
    await sidebar(page).getByRole("link", { name: "Jobs" }).click();
    await expect(page).toHaveURL(/\/app\/jobs$/);
    await expect(drawer).toBeHidden();
    await expect(page.getByRole("heading", { name: /Jobs/ })).toBeVisible();
    // Escape closes it too.
    await page.getByRole("button", { name: "Open navigation" }).click();
    await expect(drawer).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await context.close();
  });

  test("previewing an unknown user, or another tenant's, is a 404", async ({ page, browser }) => {
    test.slow(); // several users or a walk through several pages
    const globex = await newSignedInPage(browser, "admin@globex.test");
    const gus = (await (await globex.request.get("/api/v1/users", { params: { search: "admin@globex.test" } })).json())
      .data[0];
    await globex.context().close();
    await signedIn(page, PERSONAS.tenantAdmin.email);
    await page.goto(`/admin/users/${gus.id}/preview`);
    await expect(page.getByRole("heading", { name: "User not found" })).toBeVisible();
    await page.goto("/admin/users/7c9e6679-7425-40de-944b-e07fc1f90ae7/preview");
    await expect(page.getByRole("heading", { name: "User not found" })).toBeVisible();
    await page.goto("/admin/users/not-a-uuid/preview");
    await expect(page.getByRole("heading", { name: "User not found" })).toBeVisible();
  });
});
