import { readFile } from "node:fs/promises";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { createUserWithRole } from "./support/fresh-user";
import { loginAs, PERSONAS, signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: `e2e/.screens/${name}.png`, fullPage });

/** A role asking for a requires_approval permission: 202 and one pending request. */
async function requestGrant(api: APIRequestContext, code: string) {
  const name = `Needs approval ${stamp()}`;
  const res = await api.post("/api/v1/roles", {
    headers: sameOrigin,
    data: { name, permissions: [{ code, scope: "department" }] },
  });
  expect(res.status()).toBe(202);
  const body = await res.json();
  return { roleId: body.id as string, roleName: name, approvalId: body.approval_ids[0] as string };
}

/** A super-admin acting in Acme (its session's active tenant switched there). */
async function superAdminInAcme(browser: import("@playwright/test").Browser, acmeId: string) {
  const page = await signedInPage(browser, PERSONAS.superAdmin.email);
  expect(
    (await page.request.post("/api/v1/me/tenant", { headers: sameOrigin, data: { tenant_id: acmeId } })).status(),
  ).toBe(200);
  return page;
}

test.describe("approvals page", () => {
  test("the requester cannot decide; a second admin approves, the super-admin rejects with a reason", async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000); // three people sign in
    await loginAs(page, "tenantAdmin");
    const acmeId = (await (await page.request.get("/api/v1/me")).json()).tenant.id as string;
    const first = await requestGrant(page.request, "finance.journal.delete");
    const second = await requestGrant(page.request, "settings.permissions.manage");

    // The requester: both buttons disabled, the tooltip says why.
    await page.goto("/admin/approvals");
    await expect(page.getByRole("heading", { name: "Approvals" })).toBeVisible();
    const mine = page.locator(`[data-approval-id="${first.approvalId}"]`);
    await expect(mine).toContainText("finance.journal.delete");
    await expect(mine).toContainText(first.roleName);
    await expect(mine).toContainText("department scope");
    await expect(mine.getByText("you", { exact: true })).toBeVisible();
    await expect(mine.getByRole("button", { name: /Approve/ })).toBeDisabled();
    await expect(mine.getByRole("button", { name: /Reject/ })).toBeDisabled();
    await mine.getByTestId("decide-locked").focus();
    await expect(page.getByRole("tooltip")).toContainText("another admin must decide it");
    await shot(page, "approvals-requester");

    // A second admin of the tenant approves the first with a reason.
    const ops = await signedInPage(browser, "ops-admin@acme.test");
    await ops.goto("/admin/approvals");
    const row = ops.locator(`[data-approval-id="${first.approvalId}"]`);
    await row.getByRole("button", { name: "Approve finance.journal.delete" }).click();
    const dialog = ops.getByRole("dialog", { name: "Approve this request?" });
    await expect(dialog).toContainText(
      `Grant finance.journal.delete (Delete Journal Entries) to the role ${first.roleName} at department scope.`,
    );
    await dialog.getByLabel("Reason (optional)").fill("Checked with the finance lead");
    await shot(ops, "approvals-approve-dialog");
    await dialog.getByRole("button", { name: "Approve" }).click();
    await expect(ops.getByText("Request approved: the grant is in effect")).toBeVisible();
    await expect(row).toHaveCount(0);
    const granted = (await (await ops.request.get(`/api/v1/roles/${first.roleId}`)).json()).permissions as {
      code: string;
    }[];
    expect(granted.map((p) => p.code)).toContain("finance.journal.delete");

    await ops.getByRole("tab", { name: "Approved" }).click();
    await expect(ops).toHaveURL(/status=approved/);
    const approved = ops.locator(`[data-approval-id="${first.approvalId}"]`);
    await expect(approved).toContainText("Approved");
    await expect(approved).toContainText("by ops-admin@acme.test");
    await expect(approved).toContainText("Checked with the finance lead");
    await shot(ops, "approvals-approved");
    await ops.close();

    // The super-admin, acting in Acme, rejects the second: a reason is required.
    const sup = await superAdminInAcme(browser, acmeId);
    await sup.goto("/admin/approvals");
    await sup
      .locator(`[data-approval-id="${second.approvalId}"]`)
      .getByRole("button", { name: "Reject settings.permissions.manage" })
      .click();
    const reject = sup.getByRole("dialog", { name: "Reject this request?" });
    await reject.getByRole("button", { name: "Reject" }).click();
    await expect(reject.getByText("Say why, so the requester knows what to change.")).toBeVisible();
    await reject.getByLabel("Reason").fill("Too broad for this role");
    await shot(sup, "approvals-reject-dialog");
    await reject.getByRole("button", { name: "Reject" }).click();
    await expect(sup.getByText("Request rejected")).toBeVisible();
    await sup.goto("/admin/approvals?status=rejected");
    await expect(sup.getByRole("tab", { name: "Rejected" })).toHaveAttribute("aria-selected", "true");
    await expect(sup.locator(`[data-approval-id="${second.approvalId}"]`)).toContainText("Too broad for this role");
    await sup.close();

    // The server refuses the requester anyway (the disabled button is only a hint).
    const res = await page.request.post(`/api/v1/approvals/${first.approvalId}/approve`, {
      headers: sameOrigin,
      data: {},
    });
    expect(res.status()).toBe(403);
  });
});

test.describe("audit log page", () => {
  test("filters in the URL find a change, its diff shows, pages load by cursor, CSV exports the filtered entries", async ({
    page,
  }) => {
    test.setTimeout(150_000); // 53 writes to make two pages (seconds on an idle machine, a minute under load)
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const name = `Audited, "quoted" ${stamp()}`;
    const role = await (
      await api.post("/api/v1/roles", { headers: sameOrigin, data: { name, description: "first draft" } })
    ).json();
    let version = role.version as number;
    // 51 edits: more than one page (50) of entries about this role.
    for (let i = 1; i <= 51; i++) {
      const res = await api.patch(`/api/v1/roles/${role.id}`, {
        headers: sameOrigin,
        data: { version, description: `draft ${i}`, ...(i === 51 ? { is_default: false, name: `${name} v2` } : {}) },
      });
      expect(res.status()).toBe(200);
      version = (await res.json()).version;
    }

    await page.goto("/admin/audit");
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await expect(page.getByTestId("chain-status")).toHaveText(/Chain intact · [\d,]+ entries/);
    await shot(page, "audit-log", false);

    // Filter by target through the form: the URL carries it.
    // The target by its name (the search offers the tenant's roles, users and keys).
    await page.getByLabel("Target type").selectOption("role");
    await page.getByLabel("Target", { exact: true }).fill(`${name} v2`);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(new RegExp(`target_type=role&target_id=${role.id}`));
    const rows = page.getByTestId("audit-row");
    await expect(rows).toHaveCount(50);
    await page.getByRole("button", { name: "Load more" }).click();
    await expect(rows).toHaveCount(52);
    await expect(rows.last()).toContainText("Role created");
    await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);

    // Narrow to the last edit by action and today's date; a reload keeps the filters (server-seeded).
    await page.getByLabel("Action").selectOption({ label: "Role renamed or edited" });
    await page.getByRole("button", { name: "Today" }).click();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/action=role.updated/);
    await page.reload();
    await expect(page.getByLabel("Action")).toHaveValue("role.updated");
    await expect(page.getByLabel("Target", { exact: true })).toHaveValue(`${name} v2`);
    await expect(rows).toHaveCount(50);
    const newest = rows.first();
    await expect(newest).toContainText("admin@acme.test");
    // The target is named (the name the entry recorded), its id on hover.
    const target = newest.getByTestId("audit-target");
    await expect(target).toHaveText(`role ${name} v2`);
    await expect(target).toHaveAttribute("title", new RegExp(role.id));
    await newest.getByRole("button", { name: /Show details of entry/ }).click();
    const diff = page.getByTestId("audit-diff").first();
    await expect(diff.locator('[data-diff="changed"]', { hasText: "description" })).toContainText("draft 50");
    await expect(diff.locator('[data-diff="changed"]', { hasText: "description" })).toContainText("draft 51");
    await expect(diff.locator('[data-diff="changed"]', { hasText: "name" })).toContainText(`${name} v2`);
    await expect(diff.locator('[data-diff="same"]', { hasText: "is_default" })).toBeVisible();
    await shot(page, "audit-diff", false);

    // The export: the same filters, every matching entry (not one page), CSV-escaped.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const file = await download;
    await expect(page.getByText("Audit log exported")).toBeVisible();
    expect(file.suggestedFilename()).toMatch(/^audit-acme-.+\.csv$/);
    const csv = await readFile((await file.path())!, "utf8");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "seq,created_at,actor_type,actor_id,actor,action,target_type,target_id,permission_code,before,after,ip,user_agent,notes,hash",
    );
    expect(lines).toHaveLength(52);
    expect(lines.slice(1).every((l) => l.includes(",role.updated,role," + role.id + ","))).toBe(true);
    // The name's quotes are doubled inside a quoted JSON field.
    expect(csv).toContain(`""name"":""${name.replaceAll('"', '\\""')} v2""`);

    // Nothing matches: nothing to export, and the button says why.
    await page.goto(
      `/admin/audit?action=role.updated&target_type=role&target_id=${role.id}&from=2000-01-01&to=2000-01-01`,
    );
    await expect(page.getByText("No entries match these filters")).toBeVisible();
    await expect(page.getByRole("button", { name: "Export CSV" })).toBeDisabled();
    await expect(page.getByTestId("export-disabled")).toContainText(
      "Nothing to export: no entry matches these filters.",
    );
  });
});

test.describe("audit log actor filter", () => {
  test("choosing an actor narrows the entries to theirs, and the URL keeps it", async ({ page, browser }) => {
    test.setTimeout(90_000); // two people sign in
    await loginAs(page, "tenantAdmin");
    // A new member who writes once on their own: their entries are exactly known.
    const actor = await createUserWithRole(page.request, baseURL, "Audit Actor", ["gatehouse.roles.manage"]);
    const theirs = await signedInPage(browser, actor.email, actor.password);
    const roleName = `Actor's role ${stamp()}`;
    const created = await theirs.request.post("/api/v1/roles", { headers: sameOrigin, data: { name: roleName } });
    expect(created.status()).toBe(201);
    await theirs.close();

    await page.goto("/admin/audit");
    const rows = page.getByTestId("audit-row");
    // Unfiltered: both people's entries (the admin made the member and their role, the member a role).
    await expect(rows.filter({ hasText: roleName })).toHaveCount(1);
    await expect(rows.filter({ hasText: "admin@acme.test" }).first()).toBeVisible();
    await page.getByLabel("Actor").fill(actor.email);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]actor=${actor.id}`));
    await expect(rows.filter({ hasText: roleName })).toHaveCount(1);
    await expect(rows.filter({ hasText: roleName })).toContainText("Role created");
    for (const row of await rows.all()) {
      await expect(row).toContainText(actor.email);
      await expect(row).not.toContainText("admin@acme.test");
    }
    await shot(page, "audit-actor-filter", false);
    // The API behind the page agrees: every entry is theirs.
    const api = await (await page.request.get(`/api/v1/audit?actor_id=${actor.id}&limit=50`)).json();
    expect(api.data.length).toBe(await rows.count());
    expect(api.data.every((e: { actor_id: string }) => e.actor_id === actor.id)).toBe(true);

    // A reload keeps the filter: the form shows it and the list is still theirs.
    await page.reload();
    await expect(page.getByLabel("Actor")).toHaveValue(new RegExp(actor.email.replace(/[.+]/g, "\\$&")));
    await expect(rows.filter({ hasText: roleName })).toHaveCount(1);
    for (const row of await rows.all()) await expect(row).toContainText(actor.email);
  });
});

test("a member gets the 403 page for approvals and the audit log", async ({ page }) => {
  await loginAs(page, "member");
  for (const path of ["/admin/approvals", "/admin/audit"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  }
  await shot(page, "governance-403");
});
