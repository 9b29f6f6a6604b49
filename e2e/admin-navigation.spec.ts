import { mkdirSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { createUserWithRole, tag } from "./support/fresh-user";
import { loginAs, signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * The navigation catalog in the console (issue 14 §2), as its users do it: the super-admin adds a
 * module and a menu item (icon picked by search), includes the item in the tenant's plan; a member
 * holding its permission sees it in the product's sidebar, which follows a rename and a
 * deactivation live; a tenant admin reads the global tree and manages only its own modules.
 */
const SHOTS = process.env.NAVCAT_SHOTS ?? "e2e/.screens";
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });

test.describe("navigation catalog console", () => {
  test("super-admin adds a menu item and includes it in a plan; a member with its permission sees it, live", async ({
    page,
    browser,
  }) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs(page, "superAdmin");
    const t = tag();
    const resource = `navflow_${t}`;
    // The permission the item needs (the permissions catalog's business, made over the API).
    expect(
      (
        await page.request.post("/api/v1/permissions", {
          headers: sameOrigin,
          data: { code: `${resource}.view`, name: "View the fleet tracker", category: "navigation" },
        })
      ).status(),
    ).toBe(201);

    await page.goto("/admin/navigation");
    await expect(page.getByRole("heading", { name: "Navigation catalog", level: 1 })).toBeVisible();
    await expect(page.getByTestId("module-sites")).toBeVisible();

    // 1. A module, with an icon found by search.
    await page.getByRole("button", { name: "New module" }).click();
    let dialog = page.getByRole("dialog", { name: "New module" });
    await dialog.getByLabel("Code", { exact: true }).fill(`fleet_${t}`);
    await dialog.getByLabel("Name", { exact: true }).fill(`Fleet ${t}`);
    await dialog.getByLabel("Search icons", { exact: true }).fill("truck");
    await dialog.getByRole("button", { name: "truck", exact: true }).click();
    await expect(dialog.getByRole("button", { name: "truck", exact: true })).toHaveAttribute("aria-pressed", "true");
    await dialog.getByRole("button", { name: "Create module" }).click();
    await expect(dialog).toBeHidden();
    const moduleRow = page.getByTestId(`module-fleet_${t}`);
    await expect(moduleRow).toContainText(`Fleet ${t}`);
    await expect(moduleRow).toContainText("Global");

    // 2. Its menu item: a bad route is refused beside the field; the permission is suggested from the resource.
    await moduleRow.getByRole("button", { name: "Menu item" }).click();
    dialog = page.getByRole("dialog", { name: "New menu item" });
    await expect(dialog.getByLabel("Module", { exact: true })).toHaveValue(/.+/);
    await dialog.getByLabel("Code", { exact: true }).fill("tracker");
    await dialog.getByLabel("Name", { exact: true }).fill(`Tracker ${t}`);
    await dialog.getByLabel("Description", { exact: true }).fill("Where every truck is, right now");
    await dialog.getByLabel("Route", { exact: true }).fill("not a route");
    await dialog.getByLabel("Resource", { exact: true }).fill(resource);
    await expect(dialog.getByLabel("Permission to see it", { exact: true })).toHaveValue(`${resource}.view`);
    await dialog.getByLabel("Search icons", { exact: true }).fill("map");
    await dialog.getByRole("button", { name: "map-pin", exact: true }).click();
    await dialog.getByRole("button", { name: "Create menu item" }).click();
    await expect(dialog.getByText(/A path such as \/sales\/invoices/)).toBeVisible();
    await expect(dialog.getByLabel("Route", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await shot(page, "navigation-item-dialog-error");
    await dialog.getByLabel("Route", { exact: true }).fill(`/fleet-${t}/tracker`);
    await dialog.getByRole("button", { name: "Create menu item" }).click();
    await expect(dialog).toBeHidden();
    const itemRow = page.getByTestId("menu-item-tracker").filter({ hasText: `Tracker ${t}` });
    await expect(itemRow).toContainText("In no plan");
    await expect(itemRow).toContainText("Where every truck is");
    await shot(page, "navigation-desktop");

    // 3. Included in Acme's plan (Enterprise) on the Plans page.
    await page.goto("/admin/plans");
    await page.getByRole("checkbox", { name: `Include Tracker ${t} in Enterprise Plan` }).click();
    await page.getByRole("button", { name: "Review and save" }).click();
    await page
      .getByRole("alertdialog", { name: "Save plan features?" })
      .getByRole("button", { name: /^Save 1 change$/ })
      .click();
    await expect(page.getByText(/Saved the features of/)).toBeVisible();

    // 4. A member of Acme whose role holds the item's permission sees it in the product's sidebar.
    const admin = await signedInPage(browser, "admin@acme.test");
    const user = await createUserWithRole(admin.request, baseURL, "Fleet Watcher", [`${resource}.view`]);
    await admin.close();
    const member = await signedInPage(browser, user.email, user.password);
    await member.setViewportSize({ width: 1440, height: 900 });
    await member.goto("/app");
    const sidebar = member.getByRole("navigation", { name: "Product" });
    await expect(sidebar.getByRole("link", { name: `Tracker ${t}` })).toBeVisible();
    await expect(sidebar).toContainText(`Fleet ${t}`);
    await expect(member.getByTestId("live-status")).toContainText("Permissions update live");
    await member.evaluate(() => {
      (window as unknown as { __same: string }).__same = "no reload";
    });
    await shot(member, "navigation-member-sidebar");

    // 5. The super-admin renames it: the member's sidebar follows without a reload.
    await page.goto("/admin/navigation");
    await page.getByRole("button", { name: `Edit Tracker ${t}` }).click();
    dialog = page.getByRole("dialog", { name: `Edit Tracker ${t}` });
    await expect(dialog.getByLabel("Code", { exact: true })).toBeDisabled();
    await dialog.getByLabel("Name", { exact: true }).fill(`Live tracker ${t}`);
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toBeHidden();
    await expect(sidebar.getByRole("link", { name: `Live tracker ${t}` })).toBeVisible({ timeout: 5_000 });

    // 6. Deactivating the module takes its items out of every sidebar, live.
    await page.getByRole("button", { name: `Deactivate Fleet ${t}` }).click();
    await expect(moduleRow).toContainText("Inactive");
    await expect(sidebar.getByRole("link", { name: `Live tracker ${t}` })).toHaveCount(0, { timeout: 5_000 });
    expect(await member.evaluate(() => (window as unknown as { __same?: string }).__same)).toBe("no reload");
    await member.close();

    // 7. A module that still holds an item is not deleted; the item is, out of every plan; then the module.
    await page.getByRole("button", { name: `Delete Fleet ${t}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText(/still holds 1 menu item/)).toBeVisible();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: `Delete Live tracker ${t}` }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText("enterprise");
    await confirm.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByTestId("menu-item-tracker").filter({ hasText: t })).toHaveCount(0);
    await page.getByRole("button", { name: `Delete Fleet ${t}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    // While the dialog is open the page behind it is hidden from the accessibility tree: wait for the answer.
    await expect(page.getByRole("alertdialog")).toBeHidden();
    await expect(moduleRow).toHaveCount(0);
  });

  test("a tenant admin reads the global tree and manages the tenant's own modules; reorder by keyboard", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await loginAs(page, "tenantAdmin");
    await page.goto("/admin/navigation");
    await expect(page.getByRole("heading", { name: "Navigation catalog", level: 1 })).toBeVisible();
    const sites = page.getByTestId("module-sites");
    await expect(page.getByText("The global navigation is read-only here.")).toBeVisible();
    await expect(sites.getByRole("button", { name: "Edit Sites" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "New menu item" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Edit / })).toHaveCount(0);

    const t = tag();
    for (const [code, name] of [
      [`a_${t}`, `Alpha ${t}`],
      [`b_${t}`, `Beta ${t}`],
    ]) {
      await page.getByRole("button", { name: "New module" }).click();
      const dialog = page.getByRole("dialog", { name: "New module" });
      await expect(dialog).toContainText("Acme Energy’s own modules");
      await dialog.getByLabel("Code", { exact: true }).fill(code!);
      await dialog.getByLabel("Name", { exact: true }).fill(name!);
      await dialog.getByRole("button", { name: "Create module" }).click();
      await expect(dialog).toBeHidden();
    }
    const alpha = page.getByTestId(`module-a_${t}`);
    const beta = page.getByTestId(`module-b_${t}`);
    await expect(alpha).toContainText("Acme Energy’s own");
    // Both at sort order 0: Alpha first by code. Moving Beta up, by keyboard, puts it first.
    const order = async () =>
      await page
        .locator(`[data-testid^="module-"][data-testid$="_${t}"]`)
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
    expect(await order()).toEqual([`module-a_${t}`, `module-b_${t}`]);
    await beta.getByRole("button", { name: `Move Beta ${t} up` }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByText(`Moved Beta ${t} up`)).toBeVisible();
    await expect.poll(order).toEqual([`module-b_${t}`, `module-a_${t}`]);
    await shot(page, "navigation-tenant-admin", true);

    // Phone size: the tree and its actions stay usable.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(alpha.getByRole("button", { name: `Delete Alpha ${t}` })).toBeVisible();
    await shot(page, "navigation-phone");
    await page.getByRole("button", { name: "New module" }).click();
    await expect(page.getByRole("dialog", { name: "New module" })).toBeVisible();
    await shot(page, "navigation-phone-dialog");
    await page.keyboard.press("Escape");

    for (const [row, name] of [
      [alpha, `Alpha ${t}`],
      [beta, `Beta ${t}`],
    ] as const) {
      await row.getByRole("button", { name: `Delete ${name}` }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
      // While the dialog is open the page behind it is hidden from the accessibility tree: wait for the answer.
      await expect(page.getByRole("alertdialog")).toBeHidden();
      await expect(row).toHaveCount(0);
    }
  });
});
