import { expect, type Page, test } from "@playwright/test";
import { loginAs, PERSONAS, signedInPage, signIn } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

const tag = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 5);

async function roleIds(page: Page): Promise<Map<string, string>> {
  const roles = (await (await page.request.get("/api/v1/roles?limit=200")).json()).data as {
    id: string;
    name: string;
  }[];
  return new Map(roles.map((r) => [r.name, r.id]));
}

/** A member of our own (unique name), so the seeded personas stay as other spec files expect them. */
async function createUser(page: Page, name: string, roles: string[]): Promise<string> {
  const ids = await roleIds(page);
  const res = await page.request.post("/api/v1/users", {
    headers: sameOrigin,
    data: {
      email: `${name.toLowerCase().replace(/\W+/g, ".")}.${tag()}@acme.test`,
      name,
      role_ids: roles.map((r) => ids.get(r)!),
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).id as string;
}

/** A `datetime-local` value `days` from now, in the browser's (= this machine's) time zone. */
function localInDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const stat = async (page: Page, name: string) =>
  Number(await page.getByTestId(`stat-${name}`).locator("p").nth(1).innerText());

test.describe("admin console: users", () => {
  // Generous for a loaded machine (several parallel builds): each flow is a handful of page loads.
  test.describe.configure({ timeout: 90_000 });
  test.use({ viewport: { width: 1440, height: 1000 } });

  test("a member gets the 403 page", async ({ page }) => {
    await loginAs(page, "member");
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  });

  test("tenant admin: search and role filter, add a user with a role", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    await page.goto("/admin/users");
    const table = page.getByRole("table", { name: "Users" });
    await expect(table.getByRole("row", { name: /Lena Lead/ })).toContainText("Engineer Lead");
    await expect(table.getByRole("row", { name: /Dora Disabled/ })).toContainText("Disabled");
    await expect(table.getByRole("row", { name: /Ada Admin/ })).toContainText("Operations");
    await page.screenshot({ path: "e2e/.screens/admin-users-list.png", fullPage: true });

    await page.getByLabel("Search users").fill("lead@acme");
    await expect(table.getByRole("row")).toHaveCount(2); // header + Lena
    await expect(table).toContainText("lead@acme.test");
    await page.getByLabel("Search users").fill("");
    const ids = await roleIds(page);
    await page.getByLabel("Filter by role").selectOption(ids.get("Billing Clerk")!);
    await expect(table.getByRole("row", { name: /Ada Admin/ })).toHaveCount(0);
    const billing = table.locator("tbody tr");
    await expect(billing.first()).toContainText("Billing Clerk");
    for (const row of await billing.all()) await expect(row).toContainText("Billing Clerk");
    await page.getByLabel("Filter by role").selectOption("");

    // Cursor paging: enough members for a second page of 25, whatever other tests added.
    const t = tag();
    for (let i = 0; i < 6; i++) {
      expect(
        (
          await page.request.post("/api/v1/users", {
            headers: sameOrigin,
            data: { email: `pager.${i}.${t}@acme.test`, name: `Pager ${i} ${t}` },
          })
        ).status(),
      ).toBe(201);
    }
    await page.reload();
    const names = async () => (await table.locator("tbody tr td:first-child").allInnerTexts()).map((n) => n.trim());
    await expect(table.locator("tbody tr")).toHaveCount(25);
    const first = await names();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByText("Page 2")).toBeVisible();
    await expect.poll(async () => (await names())[0]).not.toBe(first[0]);
    const second = await names();
    expect(second.filter((n) => first.includes(n))).toEqual([]);
    await page.getByRole("button", { name: "Previous" }).click();
    await expect(page.getByText("Page 1")).toBeVisible();
    await expect.poll(async () => (await names())[0]).toBe(first[0]);

    // Add a user through the dialog, with a role.
    const name = `Nadia Newcomer ${tag()}`;
    await page.getByRole("button", { name: "Add user" }).click();
    const dialog = page.getByRole("dialog", { name: "Add user" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Email").fill("admin@acme.test");
    await dialog.getByRole("checkbox", { name: "Give role Field Engineer" }).click();
    await dialog.getByRole("button", { name: "Add user" }).click();
    await expect(dialog.getByText(/already a member/)).toBeVisible(); // 409 shown next to the field
    await page.screenshot({ path: "e2e/.screens/admin-users-create-dialog.png" });
    await dialog.getByLabel("Email").fill(`nadia.${tag()}@acme.test`);
    await expect(dialog.getByText(/already a member/)).toHaveCount(0);
    await dialog.getByRole("button", { name: "Add user" }).click();
    await expect(page).toHaveURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
    await expect(page.getByRole("list", { name: "Assigned roles" })).toContainText("Field Engineer");
    await expect(page.getByRole("list", { name: "History of changes" })).toContainText(
      "Created the user with Field Engineer",
    );
  });

  test("tenant admin: assign a role until a date, then remove it", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    const id = await createUser(page, "Rolf Roles", ["Field Engineer"]);
    const ids = await roleIds(page);
    await page.goto(`/admin/users/${id}`);
    const roles = page.getByRole("list", { name: "Assigned roles" });
    await expect(roles).toContainText("Field Engineer");
    const fromRoles = await stat(page, "from-roles");

    // Assign a second role until a date, then remove it.
    await page.getByRole("button", { name: "Assign role" }).click();
    const assign = page.getByRole("dialog", { name: /Assign a role/ });
    await assign.getByLabel("Role").selectOption(ids.get("Support Agent")!);
    await assign.getByLabel("Expires (optional)").fill(localInDays(10));
    await page.screenshot({ path: "e2e/.screens/admin-users-assign-role.png" });
    await assign.getByRole("button", { name: "Assign role" }).click();
    await expect(assign).toBeHidden();
    const support = roles.getByRole("listitem").filter({ hasText: "Support Agent" });
    await expect(support).toContainText(/Expires .* \(in 10 days\)/);
    await expect.poll(() => stat(page, "from-roles")).toBeGreaterThan(fromRoles);
    const history = page.getByRole("list", { name: "History of changes" });
    await expect(history.getByRole("listitem").first()).toContainText(/Assigned role Support Agent until/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: "e2e/.screens/admin-users-detail.png", fullPage: true });

    await page.getByRole("button", { name: "Remove role Support Agent" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Remove role" }).click();
    // While the dialog is open the page behind it is hidden from the accessibility tree: wait for the answer.
    await expect(page.getByRole("alertdialog")).toBeHidden();
    await expect(support).toHaveCount(0);
    await expect(history.getByRole("listitem").first()).toContainText("Removed role Support Agent");
    await expect.poll(() => stat(page, "from-roles")).toBe(fromRoles);

    // Disable the membership (asked first), then enable it again.
    await page.getByRole("button", { name: "Disable" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Disabled here");
    await expect.poll(() => stat(page, "granted")).toBe(0);
    await page.getByRole("button", { name: "Enable" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Active");
    await expect(history.getByRole("listitem").first()).toContainText("Re-enabled the membership");
  });

  test("tenant admin: a deny override flips a role grant, explain names it, stats and history follow; approvals answer 202", async ({
    page,
  }) => {
    await loginAs(page, "tenantAdmin");
    const id = await createUser(page, "Otis Override", ["Field Engineer"]);
    await page.goto(`/admin/users/${id}`);
    const timing = await page.evaluate(
      () => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).responseEnd,
    );
    console.log(`user detail page: server response complete after ${Math.round(timing)} ms`);
    const code = "sites.detail.tabs.meters";
    const granted = await stat(page, "granted");
    // The stats say where access comes from: nothing is denied by an override yet.
    await expect.poll(() => stat(page, "direct-deny")).toBe(0);
    await expect(page.getByTestId("stat-granted")).toContainText(/effective now · \d+ not granted/);

    await page.getByLabel("Filter permissions").fill(code);
    const row = page.getByTestId(`perm-row-${code}`);
    await expect(row.getByTestId("perm-source")).toHaveText("Role Field Engineer");
    await expect(row.getByTestId("perm-effective")).toHaveText("Granted");
    await row.getByRole("radio", { name: `Deny ${code}` }).click();
    await row.getByLabel(`Notes on the override on ${code}`).fill("Meter audit week");
    await expect(page.getByText("1 unsaved change")).toBeVisible();
    await page.getByRole("region", { name: "Permissions and overrides" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "e2e/.screens/admin-users-override-editor.png" });
    await page.getByRole("button", { name: "Review and save" }).click();
    const review = page.getByRole("alertdialog");
    await expect(review.getByRole("list", { name: "Changes to save" })).toContainText(code);
    await review.getByRole("button", { name: "Save 1 change" }).click();
    await expect(page.getByText(/Saved 1 override change/)).toBeVisible();
    await expect(row.getByTestId("perm-effective")).toHaveText("Denied");
    await expect(row.getByTestId("perm-source")).toHaveText("Direct deny");
    await expect(row.getByRole("radio", { name: `Deny ${code}` })).toHaveAttribute("aria-checked", "true");
    await expect.poll(() => stat(page, "granted")).toBeLessThan(granted);
    await expect.poll(() => stat(page, "direct-deny")).toBe(1);
    await page.getByRole("region", { name: "Permission statistics" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "e2e/.screens/admin-users-stats.png" });

    // Why? — the override is the reason, at the override step.
    await row.getByRole("button", { name: `Why is ${code} denied?` }).click();
    const panel = page.getByRole("dialog", { name: "Meters Tab" });
    await expect(panel.getByTestId("explain-summary")).toHaveText(`Denied by a direct deny override.`);
    const deciding = panel.getByRole("list", { name: "Explanation steps" }).locator("li[aria-current=step]");
    await expect(deciding).toContainText("Direct overrides");
    await expect(deciding).toContainText(`Override deny on ${code}`);
    await expect(panel.getByRole("listitem").filter({ hasText: "Roles" }).first()).toContainText("Not reached");
    await page.screenshot({ path: "e2e/.screens/admin-users-explain-panel.png" });
    await page.keyboard.press("Escape");
    await expect(panel).toBeHidden();
    const history = page.getByRole("list", { name: "History of changes" });
    await expect(history.getByRole("listitem").first()).toContainText(`Set a deny override on ${code}`);
    await expect(history.getByRole("listitem").first()).toContainText("Meter audit week");

    // Allowing a permission that needs approval opens a request instead (202).
    await page.getByLabel("Filter permissions").fill("finance.journal.delete");
    const risky = page.getByTestId("perm-row-finance.journal.delete");
    await risky.getByRole("radio", { name: "Allow finance.journal.delete" }).click();
    await page.getByRole("button", { name: "Review and save" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Save 1 change" }).click();
    await expect(page.getByText(/Awaiting approval by another admin: finance.journal.delete/)).toBeVisible();
    await expect(risky.getByTestId("perm-effective")).toHaveText("DeniedAwaits approval");
    await page.screenshot({ path: "e2e/.screens/admin-users-approval-pending.png" });
    await expect(history.getByRole("listitem").first()).toContainText(
      "Requested approval to allow finance.journal.delete",
    );

    // Remove the deny override: the role decides again.
    await page.getByLabel("Filter permissions").fill(code);
    await row.getByRole("button", { name: `Remove the deny override on ${code}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Remove override" }).click();
    await expect(row.getByTestId("perm-effective")).toHaveText("Granted");
    await expect(row.getByTestId("perm-source")).toHaveText("Role Field Engineer");
    await expect.poll(() => stat(page, "granted")).toBe(granted);
    await expect.poll(() => stat(page, "direct-deny")).toBe(0);
    await expect(history.getByRole("listitem").first()).toContainText(`Removed the deny override on ${code}`);
  });

  test("tenant admin: an override saved with an expiry and notes shows its expiry, and the API returns it", async ({
    page,
  }) => {
    await loginAs(page, "tenantAdmin");
    const id = await createUser(page, "Erik Expiry", ["Field Engineer"]);
    await page.goto(`/admin/users/${id}`);
    const code = "sites.detail.tabs.meters";
    await page.getByLabel("Filter permissions").fill(code);
    const row = page.getByTestId(`perm-row-${code}`);
    await expect(row.getByTestId("perm-source")).toHaveText("Role Field Engineer");
    await row.getByRole("radio", { name: `Deny ${code}` }).click();
    const expires = localInDays(5);
    await row.getByLabel(`Expiry of the override on ${code}`).fill(expires);
    await row.getByLabel(`Notes on the override on ${code}`).fill("Meters locked during the migration");
    await page.getByRole("button", { name: "Review and save" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Save 1 change" }).click();
    await expect(page.getByText(/Saved 1 override change/)).toBeVisible();

    // The row: a direct deny until the chosen minute, the notes and expiry kept in the fields.
    await expect(row.getByTestId("perm-source")).toHaveText("Direct deny");
    await expect(row.getByTestId("perm-effective")).toHaveText("Denied");
    const until = new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    }).format(new Date(expires));
    await expect(row.getByText(`until ${until}`)).toBeVisible();
    await expect(row.getByLabel(`Expiry of the override on ${code}`)).toHaveValue(expires);
    await expect(row.getByLabel(`Notes on the override on ${code}`)).toHaveValue("Meters locked during the migration");
    const history = page.getByRole("list", { name: "History of changes" });
    await expect(history.getByRole("listitem").first()).toContainText(`Set a deny override on ${code} until ${until}`);
    await expect(history.getByRole("listitem").first()).toContainText("Meters locked during the migration");
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "e2e/.screens/admin-users-override-expiry.png" });

    // The API agrees: the override's instant is the minute the admin picked (in their time zone).
    const res = await page.request.get(`/api/v1/users/${id}/permissions`);
    expect(res.status()).toBe(200);
    const item = (
      (await res.json()).data as {
        code: string;
        granted: boolean;
        reason: string;
        expires_at: string | null;
        notes: string | null;
      }[]
    ).find((p) => p.code === code);
    expect(item).toMatchObject({ granted: false, reason: "override", notes: "Meters locked during the migration" });
    expect(Date.parse(item!.expires_at!)).toBe(new Date(expires).getTime());
  });

  test("the override editor names the sources: blocked by plan (basic-plan tenant) and missing dependency", async ({
    page,
    browser,
  }) => {
    // Initech is on the basic plan: Field Operations is not in it, whatever the roles say.
    const bill = await signedInPage(browser, "admin@initech.test");
    const members = (await (await bill.request.get("/api/v1/users?limit=200")).json()).data as {
      id: string;
      email: string;
    }[];
    const member = members.find((u) => u.email !== "admin@initech.test")!;
    await bill.goto(`/admin/users/${member.id}`);
    await bill.getByLabel("Filter permissions").fill("sites.list.view");
    const blocked = bill.getByTestId("perm-row-sites.list.view");
    await expect(blocked.getByTestId("perm-source")).toHaveText("Blocked by plan");
    await expect(blocked.getByTestId("perm-effective")).toHaveText("Denied");
    await blocked.getByRole("button", { name: "Why is sites.list.view denied?" }).click();
    await expect(bill.getByTestId("explain-summary")).toContainText("Denied by the plan: menu item");
    await expect(bill.getByTestId("explain-summary")).toContainText("is not in the tenant’s plan");
    await bill.screenshot({ path: "e2e/.screens/admin-users-blocked-by-plan.png" });
    const theirs = (
      (await (await bill.request.get(`/api/v1/users/${member.id}/permissions`)).json()).data as {
        code: string;
        reason: string;
      }[]
    ).find((p) => p.code === "sites.list.view");
    expect(theirs?.reason).toBe("plan");
    await bill.close();

    // Acme: an allow override on sales.orders.create for a Member, who cannot see sales orders.
    await loginAs(page, "tenantAdmin");
    const id = await createUser(page, "Dee Dependency", ["Member"]);
    await page.goto(`/admin/users/${id}`);
    const code = "sales.orders.create";
    await page.getByLabel("Filter permissions").fill(code);
    const row = page.getByTestId(`perm-row-${code}`);
    await expect(row.getByTestId("perm-effective")).toHaveText("Denied");
    await row.getByRole("radio", { name: `Allow ${code}` }).click();
    await page.getByRole("button", { name: "Review and save" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Save 1 change" }).click();
    await expect(page.getByText(/Saved 1 override change/)).toBeVisible();
    await expect(row.getByTestId("perm-source")).toHaveText("Missing dependency sales.orders.view");
    await expect(row.getByTestId("perm-effective")).toHaveText("Denied");
    await expect(row.getByRole("radio", { name: `Allow ${code}` })).toHaveAttribute("aria-checked", "true");
    await row.getByRole("button", { name: `Why is ${code} denied?` }).click();
    await expect(page.getByTestId("explain-summary")).toHaveText(
      "Denied: it depends on sales.orders.view, which the user does not have.",
    );
    await page.screenshot({ path: "e2e/.screens/admin-users-missing-dependency.png" });
    const item = (
      (await (await page.request.get(`/api/v1/users/${id}/permissions`)).json()).data as {
        code: string;
        granted: boolean;
        reason: string;
      }[]
    ).find((p) => p.code === code);
    expect(item).toMatchObject({ granted: false, reason: "dependency" });
  });

  test("super-admin: explain names inherited roles and parent codes; unknown and other-tenant ids are a 404", async ({
    page,
    browser,
  }) => {
    await loginAs(page, "superAdmin");
    const lead = await createUser(page, "Ines Inherits", ["Engineer Lead", "Billing Clerk"]);
    await page.goto("/admin/users");
    await page.getByLabel("Search users").fill("Ines Inherits");
    await page
      .getByRole("link", { name: /Ines Inherits/ })
      .first()
      .click();
    await expect(page).toHaveURL(new RegExp(`/admin/users/${lead}$`));
    await expect(page.getByRole("button", { name: "Assign role" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Preview as this user" })).toHaveAttribute(
      "href",
      `/admin/users/${lead}/preview`,
    );

    await page.getByLabel("Filter permissions").fill("sites.detail.tabs.readings");
    const inherited = page.getByTestId("perm-row-sites.detail.tabs.readings");
    await expect(inherited.getByTestId("perm-source")).toHaveText("Role Engineer Lead, inherited from Field Engineer");
    await inherited.click(); // a click on the row explains it too
    await expect(page.getByTestId("explain-summary")).toHaveText(
      "Granted by role Engineer Lead (inherited from Field Engineer).",
    );
    await page.keyboard.press("Escape");

    await page.getByLabel("Filter permissions").fill("sales.invoices.view");
    const parent = page.getByTestId("perm-row-sales.invoices.view");
    await expect(parent.getByTestId("perm-source")).toHaveText("Role Billing Clerk · parent sales.invoices");
    await parent.getByRole("button", { name: "Why is sales.invoices.view granted?" }).click();
    await expect(page.getByTestId("explain-summary")).toHaveText(
      "Granted by role Billing Clerk through parent code sales.invoices.",
    );
    await page.keyboard.press("Escape");

    // Only granted / only overridden filters.
    await page.getByLabel("Filter permissions").fill("sites.detail.actions");
    await page.getByRole("checkbox", { name: "Only granted" }).click();
    const rows = page.getByTestId("override-list").locator("[data-testid^=perm-row-]");
    await expect(rows.first()).toBeVisible();
    for (const r of await rows.all()) await expect(r.getByTestId("perm-effective")).toHaveText("Granted");
    await page.getByRole("checkbox", { name: "Only overridden" }).click();
    await expect(page.getByText("No permission matches these filters")).toBeVisible();

    await page.goto("/admin/users/00000000-0000-4000-8000-000000000000");
    await expect(page.getByRole("heading", { name: "User not found" })).toBeVisible();
    await page.screenshot({ path: "e2e/.screens/admin-users-not-found.png" });
    const globex = await signedInPage(browser, "admin@globex.test");
    const theirs = (await (await globex.request.get("/api/v1/me")).json()).user.id as string;
    await globex.close();
    await page.goto(`/admin/users/${theirs}`);
    await expect(page.getByRole("heading", { name: "User not found" })).toBeVisible();
    await page.goto("/admin/users/not-a-uuid");
    await expect(page.getByRole("heading", { name: "User not found" })).toBeVisible();
  });

  test("a user admin who may only view sees no write controls", async ({ page, browser }) => {
    await loginAs(page, "tenantAdmin");
    const t = tag();
    let res = await page.request.post("/api/v1/roles", {
      headers: sameOrigin,
      data: {
        name: `User Auditor ${t}`,
        permissions: [{ code: "gatehouse.console" }, { code: "gatehouse.users.view" }],
      },
    });
    expect(res.status()).toBe(201);
    const role = (await res.json()).id as string;
    const email = `auditor.${t}@acme.test`;
    res = await page.request.post("/api/v1/users", {
      headers: sameOrigin,
      data: { email, name: `Una Auditor ${t}`, password: "correct-horse-battery", role_ids: [role] },
    });
    expect(res.status()).toBe(201);
    const subject = await createUser(page, "Rita Readonly", ["Field Engineer"]);

    const auditor = await signedInPage(browser, email, "correct-horse-battery");
    await auditor.goto("/admin/users");
    await expect(auditor.getByRole("table", { name: "Users" })).toContainText("Lena Lead");
    await expect(auditor.getByRole("button", { name: "Add user" })).toHaveCount(0);
    await auditor.goto(`/admin/users/${subject}`);
    await expect(auditor.getByRole("heading", { level: 1 })).toContainText("Rita Readonly");
    await expect(auditor.getByRole("button", { name: "Assign role" })).toHaveCount(0);
    await expect(auditor.getByRole("button", { name: /^Remove role/ })).toHaveCount(0);
    await expect(auditor.getByRole("button", { name: "Disable" })).toHaveCount(0);
    await expect(auditor.getByRole("radiogroup")).toHaveCount(0);
    await expect(auditor.getByText(/Seeing the history needs the permission/)).toBeVisible();
    await auditor.getByLabel("Filter permissions").fill("sites.detail.tabs.meters");
    await auditor.getByRole("button", { name: "Why is sites.detail.tabs.meters granted?" }).click();
    await expect(auditor.getByTestId("explain-summary")).toHaveText("Granted by role Field Engineer.");
    await auditor.screenshot({ path: "e2e/.screens/admin-users-read-only.png" });
    // The server refuses what the page does not offer.
    expect(
      (
        await auditor.request.post(`/api/v1/users/${subject}/roles`, { headers: sameOrigin, data: { role_id: role } })
      ).status(),
    ).toBe(403);
    await auditor.close();
    expect((await page.request.delete(`/api/v1/roles/${role}?force=true`, { headers: sameOrigin })).status()).toBe(204);
  });

  test("the viewer persona, who may not view users, is refused too", async ({ page }) => {
    await signIn(page, PERSONAS.viewer.email);
    await expect(page.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
    await page.goto("/admin/users/00000000-0000-4000-8000-000000000000");
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  });
});
