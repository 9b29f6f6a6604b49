import { expect, type Page, test } from "@playwright/test";
import { loginAs, PERSONAS, signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/.screens/${name}.png`, fullPage: false });

/** Narrows the catalog to one code and opens its drawer. */
async function openPermission(page: Page, code: string) {
  await page.getByLabel("Search permissions").fill(code);
  await page.getByRole("button", { name: new RegExp(`^${code.replace(/\./g, "\\.")} —`) }).click();
  const drawer = page.getByRole("dialog", { name: code });
  await expect(drawer).toBeVisible();
  return drawer;
}

test.describe("permissions catalog", () => {
  test("a tenant admin creates a custom permission (server errors next to fields), edits and deletes it", async ({
    page,
  }) => {
    test.slow(); // a long flow: generous on a loaded machine
    await loginAs(page, "tenantAdmin");
    const base = `e2e_cat_${stamp()}`;
    const code = `${base}.fleet.view`;

    await page.goto("/admin/permissions");
    await expect(page.getByRole("heading", { name: "Permissions catalog" })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Modules" }).getByRole("button", { name: /Sales/ }).first(),
    ).toBeVisible();
    await shot(page, "catalog");

    // Server field errors land next to their field: a malformed code, then a code of the global catalog.
    await page.getByRole("button", { name: "New permission" }).click();
    const form = page.getByRole("dialog", { name: "New permission" });
    await form.getByLabel("Code").fill("Not A Code");
    await form.getByLabel("Name").fill("Fleet view");
    await form.getByRole("button", { name: "Create permission" }).click();
    await expect(form.locator("#perm-code-error")).toContainText("lowercase segments");
    await form.getByLabel("Code").fill("sites.list.view");
    await form.getByRole("button", { name: "Create permission" }).click();
    await expect(form.locator("#perm-code-error")).toContainText("global catalog");
    await shot(page, "catalog-create-error");

    await form.getByLabel("Code").fill(code);
    await expect(form.locator("#perm-code-error")).toHaveCount(0);
    await form.getByLabel("Description").fill("See the fleet board");
    await form.getByLabel("Module").selectOption({ label: "Reports" });
    await form.getByLabel("Category").selectOption("navigation");
    await form.getByLabel("Risk level").selectOption("medium");
    await form.getByLabel("Requires MFA").check();
    await shot(page, "catalog-create");
    await form.getByRole("button", { name: "Create permission" }).click();
    await expect(form).toBeHidden();

    // The new permission opens in its drawer with every attribute.
    const drawer = page.getByRole("dialog", { name: code });
    await expect(drawer).toBeVisible();
    await expect(drawer.getByText("Custom (Acme Energy only)")).toBeVisible();
    await expect(drawer.getByText("Yes — a TOTP step-up within 15 minutes")).toBeVisible();
    await expect(drawer.getByText("See the fleet board")).toBeVisible();
    await expect(drawer.getByTitle("Risk: medium")).toBeVisible();

    // Edit: name and risk.
    await drawer.getByRole("button", { name: "Edit", exact: true }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${code}` });
    await expect(edit.getByLabel("Code")).toBeDisabled();
    await edit.getByLabel("Name").fill("View the fleet board");
    await edit.getByLabel("Risk level").selectOption("high");
    await shot(page, "catalog-edit");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit).toBeHidden();
    await expect(drawer.getByText("View the fleet board").first()).toBeVisible();
    await expect(drawer.getByTitle("Risk: high")).toBeVisible();
    const detail = await (await page.request.get(`/api/v1/permissions?search=${code}`)).json();
    expect(detail.data).toEqual([
      expect.objectContaining({
        code,
        name: "View the fleet board",
        risk_level: "high",
        requires_mfa: true,
        module: "reports",
        category: "navigation",
        is_global: false,
      }),
    ]);

    // Delete, with a confirmation.
    await drawer.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("alertdialog", { name: `Delete ${code}?` });
    await shot(page, "catalog-delete");
    await confirm.getByRole("button", { name: "Delete permission" }).click();
    await expect(confirm).toBeHidden();
    await expect(drawer).toBeHidden();
    await page.getByLabel("Search permissions").fill(base);
    await expect(page.getByText("No permission matches")).toBeVisible();
    await shot(page, "catalog-empty");
    expect((await (await page.request.get(`/api/v1/permissions?search=${code}`)).json()).data).toEqual([]);
  });

  test("dependencies of a custom permission: add one, a cycle is refused, deprecate with a replacement", async ({
    page,
  }) => {
    test.slow();
    await loginAs(page, "tenantAdmin");
    const base = `e2e_dep_${stamp()}`;
    const code = `${base}.fleet.view`;
    const other = `${base}.fleet.edit`;
    const ids: string[] = [];
    for (const [c, name] of [
      [code, "View the fleet board"],
      [other, "Edit the fleet board"],
    ] as const) {
      const res = await page.request.post("/api/v1/permissions", { headers: sameOrigin, data: { code: c, name } });
      expect(res.status()).toBe(201);
      ids.push((await res.json()).id);
    }
    const rx = (c: string) => new RegExp(c.replace(/\./g, "\\."));

    try {
      await page.goto("/admin/permissions");
      let drawer = await openPermission(page, code);
      await drawer.getByRole("button", { name: "Edit dependencies" }).click();
      await drawer.getByLabel("Add a dependency").fill(other);
      await drawer.getByRole("button", { name: "Add", exact: true }).click();
      await expect(drawer.getByRole("list", { name: "Dependencies being edited" })).toContainText(other);
      await drawer.getByRole("button", { name: "Save dependencies" }).click();
      await expect(drawer.getByRole("list", { name: "Dependencies being edited" })).toBeHidden();
      await expect(drawer.getByRole("button", { name: rx(other) })).toBeVisible();
      // The actions live in the drawer's header: whole and on top, however far the body scrolled.
      for (const name of ["Edit", "Deprecate", "Delete"]) {
        const button = drawer.getByRole("group", { name: "Actions" }).getByRole("button", { name, exact: true });
        await expect(button).toBeInViewport({ ratio: 1 });
        expect(
          await button.evaluate((el) => {
            const r = el.getBoundingClientRect();
            return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + 2));
          }),
        ).toBe(true);
      }
      await shot(page, "catalog-drawer");

      // The other way round would be a cycle: the API refuses it and the drawer says why.
      await drawer.getByRole("button", { name: rx(other) }).click();
      drawer = page.getByRole("dialog", { name: other });
      await expect(drawer.getByRole("heading", { name: "Required by" })).toBeVisible();
      await expect(drawer.getByRole("button", { name: rx(code) })).toBeVisible();
      await drawer.getByRole("button", { name: "Edit dependencies" }).click();
      await drawer.getByLabel("Add a dependency").fill(code);
      await drawer.getByRole("button", { name: "Add", exact: true }).click();
      await drawer.getByRole("button", { name: "Save dependencies" }).click();
      await expect(drawer.getByRole("alert")).toContainText("would make a cycle");
      await expect(drawer.getByRole("alert")).toContainText(`${other} → ${code} → ${other}`);
      await shot(page, "catalog-cycle");
      await drawer.getByRole("button", { name: "Cancel" }).click();
      await page.keyboard.press("Escape");
      await expect(drawer).toBeHidden();

      // Deprecate the first with the second as its replacement.
      drawer = await openPermission(page, code);
      await drawer.getByRole("button", { name: "Deprecate" }).click();
      const dep = page.getByRole("dialog", { name: `Deprecate ${code}` });
      await dep.getByLabel("Replacement").fill(other);
      await dep.getByLabel("Message").fill("Use the edit permission");
      await shot(page, "catalog-deprecate");
      await dep.getByRole("button", { name: "Deprecate" }).click();
      await expect(dep).toBeHidden();
      await expect(drawer.getByRole("heading", { name: "Deprecated" })).toBeVisible();
      await expect(drawer.getByText("Use the edit permission")).toBeVisible();
      await expect(drawer.getByRole("button", { name: other, exact: true })).toBeVisible();
      await shot(page, "catalog-deprecated");
      const detail = await (await page.request.get(`/api/v1/permissions/${ids[0]}`)).json();
      expect(detail).toMatchObject({
        deprecated: true,
        replacement: other,
        deprecated_message: "Use the edit permission",
      });
      const deps = await (await page.request.get(`/api/v1/permissions/${code}/dependencies`)).json();
      expect(deps.depends_on.map((d: { code: string }) => d.code)).toEqual([other]);

      // The deprecated filter finds it, and not the other.
      await page.keyboard.press("Escape");
      await page.getByLabel("Search permissions").fill(base);
      await page.getByLabel("Status").selectOption("deprecated");
      await expect(page.getByRole("button", { name: new RegExp(`^${code.replace(/\./g, "\\.")} —`) })).toBeVisible();
      await expect(page.getByRole("button", { name: new RegExp(`^${other.replace(/\./g, "\\.")} —`) })).toHaveCount(0);
    } finally {
      for (const id of ids) await page.request.delete(`/api/v1/permissions/${id}`, { headers: sameOrigin });
    }
  });

  test("system and global permissions are read-only for a tenant admin; the tree and chips filter", async ({
    page,
  }) => {
    test.slow();
    await loginAs(page, "tenantAdmin");
    await page.goto("/admin/permissions");

    let drawer = await openPermission(page, "gatehouse.roles.manage");
    await expect(drawer.getByRole("note")).toContainText("system permission");
    await expect(drawer.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
    await expect(drawer.getByRole("button", { name: "Delete" })).toHaveCount(0);
    await expect(drawer.getByRole("button", { name: "Edit dependencies" })).toHaveCount(0);
    await shot(page, "catalog-system");
    await page.keyboard.press("Escape");

    drawer = await openPermission(page, "sales.invoices.create");
    await expect(drawer.getByRole("note")).toContainText("global catalog");
    await expect(drawer.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
    await expect(drawer.getByRole("button", { name: /sales\.invoices\.view/ })).toBeVisible();
    await page.keyboard.press("Escape");

    // Module tree × category chip: Sales navigation permissions only.
    await page.getByLabel("Search permissions").fill("");
    await page
      .getByRole("navigation", { name: "Modules" })
      .getByRole("button", { name: /^Sales \d+$/ })
      .click();
    await page
      .getByRole("group", { name: "Categories" })
      .getByRole("button", { name: /^Navigation/ })
      .click();
    const list = page.getByRole("list", { name: "Permissions" });
    await expect(list.getByRole("button", { name: /^sales\.invoices\.view —/ })).toBeVisible();
    await expect(list.getByRole("button", { name: /^sales\.invoices\.create —/ })).toHaveCount(0);
    await expect(list.getByRole("button", { name: /^purchasing\./ })).toHaveCount(0);
    await shot(page, "catalog-filtered");

    // Folding a module hides its children in the tree.
    const tree = page.getByRole("navigation", { name: "Modules" });
    await expect(tree.getByRole("button", { name: /^Sites \d+$/ }).first()).toBeVisible();
    await tree.getByRole("button", { name: "Collapse Field Operations" }).click();
    await expect(tree.getByRole("button", { name: /^Jobs \d+$/ })).toHaveCount(0);
  });

  test("a super-admin may edit global permissions (not system ones) and creates into the global catalog", async ({
    page,
  }) => {
    test.slow();
    await loginAs(page, "superAdmin");
    await page.goto("/admin/permissions");
    let drawer = await openPermission(page, "sales.invoices.create");
    await expect(drawer.getByRole("note")).toHaveCount(0);
    await expect(drawer.getByRole("button", { name: "Edit", exact: true })).toBeVisible();
    await expect(drawer.getByRole("button", { name: "Edit dependencies" })).toBeVisible();
    await page.keyboard.press("Escape");
    drawer = await openPermission(page, "gatehouse.console");
    await expect(drawer.getByRole("note")).toContainText("system permission");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "New permission" }).click();
    await expect(page.getByRole("dialog", { name: "New permission" })).toContainText("the global catalog");
  });
});

test("a super-admin creates and edits a global permission; a tenant admin sees it read-only as global", async ({
  page,
  browser,
}) => {
  test.slow(); // two people sign in
  await loginAs(page, "superAdmin");
  const base = `e2e_glob_${stamp()}`;
  const code = `${base}.fleet.view`;
  try {
    await page.goto("/admin/permissions");
    await page.getByRole("button", { name: "New permission" }).click();
    const form = page.getByRole("dialog", { name: "New permission" });
    await expect(form).toContainText("the global catalog");
    await form.getByLabel("Code").fill(code);
    await form.getByLabel("Name").fill("Fleet board");
    await form.getByLabel("Description").fill("See the fleet board, every tenant");
    await form.getByLabel("Module").selectOption({ label: "Reports" });
    await form.getByRole("button", { name: "Create permission" }).click();
    await expect(form).toBeHidden();
    const drawer = page.getByRole("dialog", { name: code });
    await expect(drawer).toBeVisible();
    await expect(drawer.getByText("Global (shared by every tenant)")).toBeVisible();
    await expect(drawer.getByRole("note")).toHaveCount(0);

    // The super-admin edits it: name and risk.
    await drawer.getByRole("button", { name: "Edit", exact: true }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${code}` });
    await edit.getByLabel("Name").fill("Global fleet board");
    await edit.getByLabel("Risk level").selectOption("high");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit).toBeHidden();
    await expect(drawer.getByText("Global fleet board").first()).toBeVisible();
    await expect(drawer.getByTitle("Risk: high")).toBeVisible();
    await shot(page, "catalog-global-created");

    // A tenant admin sees it, global and read-only, with the edit.
    const ada = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const theirs = (await (await ada.request.get(`/api/v1/permissions?search=${code}`)).json()).data;
    expect(theirs).toEqual([
      expect.objectContaining({ code, name: "Global fleet board", risk_level: "high", is_global: true }),
    ]);
    await ada.goto("/admin/permissions");
    await ada.getByLabel("Search permissions").fill(code);
    const item = ada.getByRole("list", { name: "Permissions" }).getByRole("listitem").filter({ hasText: code });
    await expect(item.getByText("Global", { exact: true })).toBeVisible();
    const theirDrawer = await openPermission(ada, code);
    await expect(theirDrawer.getByText("Global fleet board").first()).toBeVisible();
    await expect(theirDrawer.getByText("Global (shared by every tenant)")).toBeVisible();
    await expect(theirDrawer.getByRole("note")).toContainText("global catalog");
    await expect(theirDrawer.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
    await expect(theirDrawer.getByRole("button", { name: "Delete" })).toHaveCount(0);
    await expect(theirDrawer.getByRole("button", { name: "Edit dependencies" })).toHaveCount(0);
    await shot(ada, "catalog-global-read-only");
    // The server refuses what the page does not offer.
    const id = theirs[0].id as string;
    expect(
      (
        await ada.request.patch(`/api/v1/permissions/${id}`, { headers: sameOrigin, data: { name: "Hijacked" } })
      ).status(),
    ).toBe(403);
    await ada.close();
  } finally {
    const found = (await (await page.request.get(`/api/v1/permissions?search=${code}`)).json()).data as {
      id: string;
    }[];
    for (const p of found) await page.request.delete(`/api/v1/permissions/${p.id}`, { headers: sameOrigin });
  }
});

test("a member gets the 403 page at /admin/permissions", async ({ page }) => {
  await loginAs(page, "member");
  await page.goto("/admin/permissions");
  await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Permissions catalog" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Go to the app" })).toHaveAttribute("href", "/app");
  await shot(page, "catalog-403-member");
});
