import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { loginAs, PERSONAS } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

const unique = (name: string) => `${name} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/.screens/${name}.png`, fullPage: true });

test.describe.configure({ timeout: 90_000 });

/** What the check API decides for `userId` about a record of this team or department. */
async function may(api: APIRequestContext, userId: string, code: string, resource: Record<string, string>) {
  const res = await api.post("/api/v1/check", {
    headers: sameOrigin,
    data: { user_id: userId, code, context: { resource } },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).granted as boolean;
}

async function userIdOf(api: APIRequestContext, email: string): Promise<string> {
  const found = (await (await api.get(`/api/v1/users?search=${encodeURIComponent(email)}`)).json()).data as {
    id: string;
    email: string;
  }[];
  return found.find((u) => u.email === email)!.id;
}

test.describe("admin console: organisation", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("a team made in the console, its members ticked: team-scoped grants follow at once", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const member = await userIdOf(api, PERSONAS.member.email);
    await page.goto("/admin/organisation");
    await expect(page.getByRole("heading", { name: "Organisation", level: 1 })).toBeVisible();
    await expect(page.getByRole("table", { name: "Departments" }).getByRole("row", { name: /Finance/ })).toBeVisible();

    const name = unique("Night Shift");
    await page.getByRole("button", { name: "New team" }).click();
    const dialog = page.getByRole("dialog", { name: "New team" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Department").selectOption({ label: "Operations" });
    await dialog.getByRole("button", { name: "Create team" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole("table", { name: "Teams" }).getByRole("row").filter({ hasText: name });
    await expect(row).toContainText("Operations");
    const team = (
      (await (await api.get("/api/v1/teams?limit=200")).json()).data as { id: string; name: string }[]
    ).find((t) => t.name === name)!;
    expect(await may(api, member, "jobs.detail.edit", { team_id: team.id })).toBe(false);

    await row.getByRole("button", { name: `Members of ${name}` }).click();
    const members = page.getByRole("dialog", { name: `Members of ${name}` });
    await members.getByLabel("Search members").fill("member@acme");
    await members.getByRole("checkbox", { name: PERSONAS.member.name }).click();
    await expect(members.getByText("+1")).toBeVisible();
    await shot(page, "admin-organisation-members");
    await members.getByRole("button", { name: "Save members" }).click();
    await expect(members).toBeHidden();
    await expect(row.getByRole("button", { name: `Members of ${name}` })).toContainText("1");
    expect(await may(api, member, "jobs.detail.edit", { team_id: team.id })).toBe(true);

    // Deleting the team takes the reach away again.
    await row.getByRole("button", { name: `Delete ${name}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    // While the dialog is open the page behind it is hidden from the accessibility tree: wait for the answer.
    await expect(page.getByRole("alertdialog")).toBeHidden();
    await expect(row).toHaveCount(0);
    expect(await may(api, member, "jobs.detail.edit", { team_id: team.id })).toBe(false);
    await shot(page, "admin-organisation");
  });

  test("a department made in the console; a member moved into it from their page: department-scoped grants follow", async ({
    page,
  }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    // A Billing Clerk of the demo (finance.journal.create, department-scoped), in Finance.
    const roles = (await (await api.get("/api/v1/roles?limit=200")).json()).data as { id: string; name: string }[];
    const clerkRole = roles.find((r) => r.name === "Billing Clerk")!.id;
    const clerk = (
      (await (await api.get(`/api/v1/users?role_id=${clerkRole}`)).json()).data as { id: string; name: string }[]
    )[0]!;

    const name = unique("Internal Audit");
    await page.goto("/admin/organisation");
    await page.getByRole("button", { name: "New department" }).click();
    const dialog = page.getByRole("dialog", { name: "New department" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("button", { name: "Create department" }).click();
    await expect(
      page.getByRole("table", { name: "Departments" }).getByRole("row").filter({ hasText: name }),
    ).toBeVisible();
    const departments = (await (await api.get("/api/v1/departments?limit=200")).json()).data as {
      id: string;
      name: string;
    }[];
    const audit = departments.find((d) => d.name === name)!.id;
    const finance = departments.find((d) => d.name === "Finance")!.id;
    expect(await may(api, clerk.id, "finance.journal.create", { department_id: audit })).toBe(false);
    expect(await may(api, clerk.id, "finance.journal.create", { department_id: finance })).toBe(true);

    await page.goto(`/admin/users/${clerk.id}`);
    await page.getByRole("button", { name: "Change department" }).click();
    const move = page.getByRole("dialog", { name: `Department of ${clerk.name}` });
    await move.getByLabel("Department").selectOption({ label: name });
    await shot(page, "admin-user-department");
    await move.getByRole("button", { name: "Save department" }).click();
    await expect(move).toBeHidden();
    await expect(page.getByText(`· ${name}`)).toBeVisible();
    expect(await may(api, clerk.id, "finance.journal.create", { department_id: audit })).toBe(true);
    expect(await may(api, clerk.id, "finance.journal.create", { department_id: finance })).toBe(false);

    // Put back, so other specs find the demo as it was.
    const back = await api.patch(`/api/v1/users/${clerk.id}`, {
      headers: sameOrigin,
      data: { department_id: finance },
    });
    expect(back.status()).toBe(200);
  });
});

test.describe("organisation on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("both lists and their actions fit the screen", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    await page.goto("/admin/organisation");
    const teams = page.getByRole("table", { name: "Teams" });
    await expect(teams.getByRole("row").filter({ hasText: "North Field" })).toBeVisible();
    const edit = teams.getByRole("button", { name: "Edit North Field" });
    await edit.scrollIntoViewIfNeeded();
    await expect(edit).toBeInViewport();
    await shot(page, "admin-organisation-phone");
  });
});
