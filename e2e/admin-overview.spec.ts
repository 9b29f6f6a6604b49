import { expect, test } from "@playwright/test";
import { loginAs } from "./support/personas";

test.use({ viewport: { width: 1280, height: 900 } });

test.describe("console overview", () => {
  test("a tenant admin sees the tenant's numbers as links, what waits for approval, recent changes and the matrix", async ({
    page,
  }) => {
    await loginAs(page, "tenantAdmin");
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Overview · Acme Energy", level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toHaveText(/^Console\s*Overview$/);

    // Each number is a link to its page, and matches what that page's API says.
    const glance = page.getByRole("navigation", { name: "Tenant at a glance" });
    const roles = (await (await page.request.get("/api/v1/roles?limit=200")).json()).data as unknown[];
    const rolesTile = glance.getByRole("link", { name: /^Roles/ });
    await expect(rolesTile).toHaveAttribute("href", "/admin/roles");
    await expect(rolesTile).toContainText(String(roles.length));
    const pending = (await (await page.request.get("/api/v1/approvals?status=pending&limit=200")).json()).data as {
      permission: { code: string };
    }[];
    await expect(glance.getByRole("link", { name: /^Pending approvals/ })).toContainText(String(pending.length));
    for (const [name, href] of [
      ["Members", "/admin/users"],
      ["Permissions", "/admin/permissions"],
      ["Templates", "/admin/templates"],
      ["Active API keys", "/admin/api-keys"],
    ] as const) {
      await expect(glance.getByRole("link", { name: new RegExp(`^${name}`) })).toHaveAttribute("href", href);
    }

    // The pending requests (the seed has one), the latest audit entries, the way into the matrix.
    if (pending.length)
      await expect(page.getByRole("list", { name: "Pending approvals" })).toContainText(pending[0]!.permission.code);
    await expect(page.getByRole("list", { name: "Recent audit entries" }).getByRole("listitem").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "All approvals" })).toHaveAttribute("href", "/admin/approvals");
    await expect(page.getByRole("link", { name: "Audit log", exact: true }).last()).toHaveAttribute(
      "href",
      "/admin/audit",
    );
    await page.screenshot({ path: "e2e/.screens/admin-overview.png", fullPage: true });
    await page.getByRole("link", { name: "Open the matrix" }).click();
    await expect(page.getByRole("heading", { name: "Permission matrix", level: 1 })).toBeVisible();
  });
});

test.describe("console on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("below 768 px the top bar's menu button opens the console's sections in a drawer", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Overview · Acme Energy", level: 1 })).toBeVisible();
    await expect(page.locator("[data-nav-ready]")).toBeVisible();
    // No desktop sidebar at this width; the button is the way in.
    const consoleNav = page.getByRole("navigation", { name: "Admin console" });
    await expect(consoleNav).toBeHidden();
    await page.getByRole("button", { name: "Open navigation" }).click();
    const drawer = page.getByRole("dialog", { name: "Navigation" });
    await expect(drawer).toBeVisible();
    const nav = drawer.getByRole("navigation", { name: "Admin console" });
    await expect(nav).toContainText("Acme Energy");
    // The tenant admin's sections, in sidebar order; the platform pages are the super-admin's only.
    await expect(nav.getByRole("link")).toHaveText([
      "Overview",
      "Roles",
      "Permission matrix",
      "Users",
      "Organisation",
      "Permissions catalog",
      "Navigation catalog",
      "Templates",
      "Approvals",
      "Audit log",
      "API keys",
      "Analytics",
    ]);
    await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    await page.screenshot({ path: "e2e/.screens/admin-mobile-menu.png" });
    // Following a link navigates and closes the drawer.
    await nav.getByRole("link", { name: "Roles" }).click();
    await expect(page).toHaveURL(/\/admin\/roles$/);
    await expect(drawer).toBeHidden();
    await expect(page.getByRole("heading", { name: "Roles", level: 1 })).toBeVisible();
    // Opened again, it marks the new page; Escape closes it.
    await page.getByRole("button", { name: "Open navigation" }).click();
    await expect(drawer.getByRole("link", { name: "Roles" })).toHaveAttribute("aria-current", "page");
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
  });
});
