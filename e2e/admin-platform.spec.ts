import { expect, type Page, test } from "@playwright/test";
import { loginAs } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/.screens/${name}.png`, fullPage: false });
type Plan = { id: string; code: string; name: string; menu_items: { id: string; code: string; name: string }[] };

test.describe("plans (super-admin)", () => {
  test("create a plan, tick a feature in the matrix, review and save it, then restore it", async ({ page }) => {
    test.slow(); // a long flow: generous under a loaded machine
    await loginAs(page, "superAdmin");
    await page.goto("/admin/plans");
    await expect(page.getByRole("heading", { name: "Plans", level: 1 })).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "Include Invoices in Basic Plan" })).toBeVisible();
    await page.screenshot({ path: "e2e/.screens/plans.png", fullPage: true });

    // A plan of our own: the seeded plans decide other specs' tenants and stay untouched.
    const code = `e2e-${stamp()}`;
    const name = `E2E ${code}`;
    await page.getByRole("button", { name: "New plan" }).click();
    const dialog = page.getByRole("dialog", { name: "New plan" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Code").fill("enterprise");
    await dialog.getByRole("button", { name: "Create plan" }).click();
    await expect(dialog.locator("#plan-code-error")).toContainText("already exists");
    await dialog.getByLabel("Code").fill(code);
    await dialog.getByLabel("Monthly price (USD)").fill("19");
    await shot(page, "plans-create");
    await dialog.getByRole("button", { name: "Create plan" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("cell", { name: code, exact: true })).toBeVisible();
    await page.getByRole("button", { name: `Edit ${name}` }).click();
    const editPlan = page.getByRole("dialog", { name: `Edit ${name}` });
    await editPlan.getByLabel("Yearly price (USD)").fill("190");
    await editPlan.getByRole("button", { name: "Save plan" }).click();
    await expect(editPlan).toBeHidden();
    await expect(
      page.getByRole("row", { name: new RegExp(code) }).getByRole("cell", { name: "$190", exact: true }),
    ).toBeVisible();

    const invoices = page.getByRole("checkbox", { name: `Include Invoices in ${name}` });
    await expect(invoices).not.toBeChecked();
    await invoices.click();
    await expect(invoices).toBeChecked();
    await expect(page.getByText("1 unsaved change")).toBeVisible();
    // The features table is the page's, not a box of its own: the save bar stays at the viewport's foot.
    await expect(page.getByRole("button", { name: "Review and save" })).toBeInViewport({ ratio: 1 });
    // A module's box ticks the rest of it.
    const purchasing = page.getByRole("checkbox", { name: `Include all of Purchasing in ${name}` });
    await purchasing.click();
    await expect(purchasing).toBeChecked();
    await expect(page.getByRole("checkbox", { name: `Include Vendors in ${name}` })).toBeChecked();
    await page.getByRole("button", { name: "Review and save" }).click();
    const review = page.getByRole("alertdialog", { name: "Save plan features?" });
    await expect(review.getByRole("list", { name: "Changes by plan" })).toContainText("+ Invoices");
    await expect(review).toContainText("No tenant is on this plan.");
    await shot(page, "plans-review");
    await review.getByRole("button", { name: /^Save \d+ changes$/ }).click();
    await expect(review).toBeHidden();
    await expect(page.getByText(/Saved the features of/)).toBeVisible();

    const saved = async () =>
      ((await (await page.request.get("/api/v1/plans")).json()).data as Plan[]).find((p) => p.code === code)!;
    expect((await saved()).menu_items.map((i) => i.name)).toEqual(
      expect.arrayContaining(["Invoices", "Vendors", "Purchase Orders"]),
    );
    await page.reload();
    await expect(page.getByRole("checkbox", { name: `Include Invoices in ${name}` })).toBeChecked();

    // Restore: untick everything we ticked and save again.
    await page.getByRole("checkbox", { name: `Include Invoices in ${name}` }).click();
    await page.getByRole("checkbox", { name: `Include all of Purchasing in ${name}` }).click();
    await page.getByRole("button", { name: "Review and save" }).click();
    await page
      .getByRole("alertdialog", { name: "Save plan features?" })
      .getByRole("button", { name: /^Save \d+ changes$/ })
      .click();
    await expect(page.getByRole("alertdialog")).toBeHidden();
    await expect.poll(async () => (await saved()).menu_items.length).toBe(0);
    // Retire the test plan so that members' price list stays the seeded one.
    expect(
      (
        await page.request.patch(`/api/v1/plans/${(await saved()).id}`, {
          headers: sameOrigin,
          data: { is_active: false },
        })
      ).status(),
    ).toBe(200);
  });

  test("create a tenant, see its default roles, move it to another plan, switch into it", async ({ page }) => {
    test.slow();
    await loginAs(page, "superAdmin");
    await page.goto("/admin/tenants");
    await expect(page.getByRole("heading", { name: "Tenants", level: 1 })).toBeVisible();
    await expect(page.getByRole("row", { name: /Acme Energy/ })).toBeVisible();
    await shot(page, "tenants");

    const name = `E2E Tenant ${stamp()}`;
    const slug = name.toLowerCase().replace(/ /g, "-");
    await page.getByRole("button", { name: "New tenant" }).click();
    const dialog = page.getByRole("dialog", { name: "New tenant" });
    await dialog.getByLabel("Name").fill(name);
    await expect(dialog.getByLabel("Slug")).toHaveValue(slug);
    await dialog.getByLabel("Plan").selectOption({ label: "Basic Plan" });
    await shot(page, "tenants-create");
    await dialog.getByRole("button", { name: "Create tenant" }).click();

    const ready = page.getByRole("dialog", { name: `${name} is ready` });
    const roles = ready.getByRole("list", { name: `Roles of ${name}` });
    await expect(roles.getByRole("listitem")).toHaveCount(3);
    for (const role of ["Admin", "Member", "Viewer"])
      await expect(roles.getByText(role, { exact: true })).toBeVisible();
    await shot(page, "tenants-created");
    await ready.getByRole("button", { name: "Done" }).click();

    // The same slug again is refused next to the field.
    await page.getByRole("button", { name: "New tenant" }).click();
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("button", { name: "Create tenant" }).click();
    await expect(dialog.locator("#tenant-slug-error")).toContainText("already exists");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    // Its plan, changed from the plans page (with a confirmation).
    await page.goto("/admin/plans");
    const plans = (await (await page.request.get("/api/v1/plans")).json()).data as Plan[];
    const planId = (c: string) => plans.find((p) => p.code === c)!.id;
    const select = page.getByLabel(`Plan of ${name}`);
    await expect(select).toHaveValue(planId("basic"));
    await select.selectOption({ label: "Professional Plan" });
    const confirm = page.getByRole("alertdialog", { name: `Move ${name} to Professional Plan?` });
    await shot(page, "plans-tenant-plan");
    await confirm.getByRole("button", { name: "Change plan" }).click();
    await expect(page.getByText(`${name} is now on Professional Plan`)).toBeVisible();
    const tenants = (await (await page.request.get("/api/v1/tenants?limit=200")).json()).data as {
      id: string;
      name: string;
      plan: { code: string } | null;
    }[];
    const created = tenants.find((t) => t.name === name)!;
    expect(created.plan?.code).toBe("professional");

    // Edit its name on the tenants page, then switch into it.
    await page.goto("/admin/tenants");
    await page.getByLabel("Search tenants").fill(name);
    await page.getByRole("button", { name: `Edit ${name}` }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${name}` });
    await expect(edit.getByLabel("Plan")).toHaveValue(planId("professional"));
    await edit.getByLabel("Name").fill(`${name} Ltd`);
    await shot(page, "tenants-edit");
    await edit.getByRole("button", { name: "Save tenant" }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByRole("row", { name: new RegExp(`${name} Ltd`) })).toBeVisible();

    await page.getByRole("button", { name: `Switch into ${name} Ltd` }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { name: `Overview · ${name} Ltd` })).toBeVisible();
    const me = await (await page.request.get("/api/v1/me")).json();
    expect(me.tenant.id).toBe(created.id);
    await shot(page, "tenants-switched");

    // Back home, so that nothing else of this browser context acts in the new tenant.
    expect(
      (
        await page.request.post("/api/v1/me/tenant", {
          headers: sameOrigin,
          data: { tenant_id: (me.tenants as { slug: string; id: string }[]).find((t) => t.slug === "acme")!.id },
        })
      ).status(),
    ).toBe(200);
  });
});

test.describe("platform pages are for super-admins", () => {
  for (const persona of ["tenantAdmin", "member"] as const) {
    test(`${persona} gets the 403 page at /admin/plans and /admin/tenants`, async ({ page }) => {
      test.slow();
      await loginAs(page, persona);
      for (const path of ["/admin/plans", "/admin/tenants"]) {
        await page.goto(path);
        await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
        await expect(page.getByRole("heading", { name: /^(Plans|Tenants)$/ })).toHaveCount(0);
      }
      if (persona === "tenantAdmin") {
        await expect(page.getByRole("navigation", { name: "Admin console" })).toHaveCount(0);
        await page.goto("/admin");
        await expect(page.getByRole("link", { name: "Plans" })).toHaveCount(0);
        await expect(page.getByRole("link", { name: "Tenants" })).toHaveCount(0);
      }
      await page.goto("/admin/plans");
      // Signed in, in the product's frame, with a way back and a way out.
      await expect(page.getByRole("link", { name: "Sign out" })).toHaveAttribute("href", "/sign-out");
      if (persona === "tenantAdmin") {
        // Super-admin is an account flag, not a permission a tenant admin could be granted.
        await expect(page.getByTestId("forbidden-reason")).toHaveText(/This page is for platform super-admins/);
        await expect(page.getByTestId("forbidden-reason")).not.toContainText("permission");
        await expect(page.getByRole("link", { name: "Back to the admin console" })).toHaveAttribute("href", "/admin");
      } else {
        await expect(page.getByRole("link", { name: /Back to the admin console|Go to the app/ })).toBeVisible();
      }
      await shot(page, `platform-403-${persona}`);
    });
  }
});
