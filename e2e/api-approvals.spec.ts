import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { loginAs, signIn } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

const unknown = "0f8fad5b-d9cb-469f-a165-70867728950e";
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
type Approval = {
  id: string;
  kind: string;
  status: string;
  reason: string | null;
  role: { id: string; name: string } | null;
  permission: { code: string; name: string; risk_level: string };
  requested_by: { id: string; email: string };
  decided_by: { email: string } | null;
  created_at: string;
};

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await browser.newPage();
  await signIn(page, email);
  await expect(page.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
  return page;
}

/** Asks for a requires_approval permission on a fresh role: 202 with the request's id. */
async function request(api: APIRequestContext, code = "finance.journal.delete") {
  const res = await api.post("/api/v1/roles", {
    headers: sameOrigin,
    data: { name: `Needs approval ${stamp()}`, permissions: [{ code, scope: "department" }] },
  });
  expect(res.status()).toBe(202);
  const body = await res.json();
  expect(body.approval_ids).toHaveLength(1);
  return { roleId: body.id as string, approvalId: body.approval_ids[0] as string, version: body.version as number };
}
const codesOf = async (api: APIRequestContext, roleId: string) =>
  (await (await api.get(`/api/v1/roles/${roleId}`)).json()).permissions as { code: string; scope: string }[];
const approve = (api: APIRequestContext, id: string, data: Record<string, unknown> = {}) =>
  api.post(`/api/v1/approvals/${id}/approve`, { headers: sameOrigin, data });
const reject = (api: APIRequestContext, id: string, data: Record<string, unknown> = {}) =>
  api.post(`/api/v1/approvals/${id}/reject`, { headers: sameOrigin, data });

test.describe("approvals (four eyes)", () => {
  test("a request is listed with what it would grant; the requester cannot decide it; another admin approves it once", async ({
    page,
    browser,
  }) => {
    await loginAs(page, "tenantAdmin");
    const mine = page.request;
    const { roleId, approvalId } = await request(mine);
    expect((await codesOf(mine, roleId)).map((p) => p.code)).not.toContain("finance.journal.delete");

    const pending = (await (await mine.get("/api/v1/approvals?status=pending&limit=200")).json()).data as Approval[];
    const listed = pending.find((a) => a.id === approvalId)!;
    expect(listed).toMatchObject({
      kind: "role_grant",
      status: "pending",
      role: { id: roleId },
      permission: { code: "finance.journal.delete" },
      requested_by: { email: "admin@acme.test" },
      decided_by: null,
    });
    expect(Date.parse(listed.created_at)).toBeGreaterThan(0);
    // The seeded request of the demo world is there too.
    expect(
      pending.some((a) => a.permission.code === "sites.detail.fields.sensitive" && a.role?.name === "Engineer Lead"),
    ).toBe(true);

    let res = await approve(mine, approvalId);
    expect(res.status()).toBe(403);
    expect((await res.json()).detail).toContain("own request");
    expect((await reject(mine, approvalId)).status()).toBe(403);

    const ops = await as(browser, "ops-admin@acme.test");
    res = await approve(ops.request, approvalId, { reason: "Checked with finance" });
    expect(res.status()).toBe(200);
    const decided = await res.json();
    expect(decided).toMatchObject({ id: approvalId, status: "approved", reason: "Checked with finance" });
    expect(res.headers()["x-perm-version"]).toBe(String(decided.perm_version));
    expect(await codesOf(mine, roleId)).toContainEqual(
      expect.objectContaining({ code: "finance.journal.delete", scope: "department" }),
    );

    res = await approve(ops.request, approvalId);
    expect(res.status()).toBe(409);
    // The problem keeps its own status; the request's is an extension member.
    expect(await res.json()).toMatchObject({ status: 409, approval_status: "approved" });
    expect((await reject(ops.request, approvalId)).status()).toBe(409);

    const audit = (await (await mine.get(`/api/v1/audit?target_type=role&target_id=${roleId}`)).json()).data as {
      action: string;
      actor: string;
    }[];
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(["approval.approved", "role.permissions.updated", "approval.requested", "role.created"]),
    );
    expect(audit.find((e) => e.action === "approval.approved")!.actor).toBe("ops-admin@acme.test");
    await ops.close();
  });

  test("an allow override of a requires_approval permission waits for a second admin, then takes effect", async ({
    page,
    browser,
  }) => {
    await loginAs(page, "tenantAdmin");
    const mine = page.request;
    const email = `override.${stamp()}@acme.test`;
    const created = await (
      await mine.post("/api/v1/users", { headers: sameOrigin, data: { email, name: "Olive Override" } })
    ).json();
    const explain = async () =>
      (await (await mine.get(`/api/v1/users/${created.id}/permissions/finance.journal.delete/explain`)).json()) as {
        granted: boolean;
        reason: string;
      };
    expect(await explain()).toMatchObject({ granted: false, reason: "none" });

    let res = await mine.put(`/api/v1/users/${created.id}/permissions`, {
      headers: sameOrigin,
      data: { permissions: [{ code: "finance.journal.delete", effect: "allow", notes: "year-end close" }] },
    });
    expect(res.status()).toBe(202);
    const approvalId = (await res.json()).approval_ids[0] as string;
    expect(await explain()).toMatchObject({ granted: false, reason: "none" });
    const listed = (
      (await (await mine.get("/api/v1/approvals?status=pending&limit=200")).json()).data as Approval[]
    ).find((a) => a.id === approvalId)!;
    expect(listed).toMatchObject({
      kind: "user_override",
      status: "pending",
      permission: { code: "finance.journal.delete" },
    });

    expect((await approve(mine, approvalId)).status()).toBe(403);
    const ops = await as(browser, "ops-admin@acme.test");
    res = await approve(ops.request, approvalId, { reason: "Year-end" });
    expect(res.status()).toBe(200);
    // The override now counts: the decision moves from "none" to the dependency step, which names
    // what journal deletion still needs (the user holds nothing else of finance).
    expect(await explain()).toMatchObject({ granted: false, reason: "dependency" });
    const detail = await (await mine.get(`/api/v1/users/${created.id}`)).json();
    expect(detail.overrides).toContainEqual(
      expect.objectContaining({ code: "finance.journal.delete", effect: "allow", notes: "year-end close" }),
    );
    await ops.close();
  });

  test("a rejection grants nothing and is listed with its reason", async ({ page, browser }) => {
    await loginAs(page, "tenantAdmin");
    const { roleId, approvalId } = await request(page.request, "settings.permissions.manage");
    const ops = await as(browser, "ops-admin@acme.test");
    const res = await reject(ops.request, approvalId, { reason: "Not for this role" });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ status: "rejected", reason: "Not for this role" });
    expect((await codesOf(page.request, roleId)).map((p) => p.code)).not.toContain("settings.permissions.manage");
    expect((await approve(ops.request, approvalId)).status()).toBe(409);

    const rejected = (await (await page.request.get("/api/v1/approvals?status=rejected&limit=200")).json())
      .data as Approval[];
    expect(rejected.find((a) => a.id === approvalId)).toMatchObject({
      status: "rejected",
      reason: "Not for this role",
      decided_by: { email: "ops-admin@acme.test" },
    });
    const audit = (await (await page.request.get(`/api/v1/audit?action=approval.rejected&target_id=${roleId}`)).json())
      .data;
    expect(audit).toHaveLength(1);
    await ops.close();
  });

  test("errors: 401 anonymous, 403 without the permission, 400 strict input, 404 for another tenant's request like an unknown id", async ({
    page,
    browser,
    playwright,
  }) => {
    const anon = await playwright.request.newContext({ baseURL });
    expect((await anon.get("/api/v1/approvals")).status()).toBe(401);
    expect((await anon.post(`/api/v1/approvals/${unknown}/approve`, { headers: sameOrigin, data: {} })).status()).toBe(
      401,
    );
    await anon.dispose();

    await loginAs(page, "tenantAdmin");
    const { approvalId } = await request(page.request);
    expect((await page.request.get("/api/v1/approvals?status=maybe")).status()).toBe(400);
    expect((await approve(page.request, approvalId, { reason: 42 })).status()).toBe(400);
    expect((await approve(page.request, approvalId, { status: "approved" })).status()).toBe(400);
    expect((await approve(page.request, "not-a-uuid")).status()).toBe(400);

    const globex = await as(browser, "admin@globex.test");
    for (const decide of [approve, reject]) {
      const theirs = await decide(globex.request, approvalId);
      const none = await decide(globex.request, unknown);
      expect(theirs.status()).toBe(404);
      expect(await theirs.text()).toBe(await none.text());
    }
    const listed = (await (await globex.request.get("/api/v1/approvals?limit=200")).json()).data as Approval[];
    expect(listed.some((a) => a.id === approvalId)).toBe(false);
    await globex.close();

    const member = await as(browser, "member@acme.test");
    let res = await member.request.get("/api/v1/approvals");
    expect(res.status()).toBe(403);
    expect((await res.json()).missing_permission).toBe("gatehouse.approvals.view");
    res = await approve(member.request, approvalId);
    expect(res.status()).toBe(403);
    expect((await res.json()).missing_permission).toBe("gatehouse.approvals.manage");
    await member.close();

    // Still pending after all of that.
    const pending = (await (await page.request.get("/api/v1/approvals?status=pending&limit=200")).json())
      .data as Approval[];
    expect(pending.some((a) => a.id === approvalId)).toBe(true);
  });

  test("the list is cursor-paged, newest first", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    const a = await request(page.request);
    const b = await request(page.request);
    const first = await (await page.request.get("/api/v1/approvals?status=pending&limit=1")).json();
    expect(first.data.map((x: Approval) => x.id)).toHaveLength(1);
    expect(first.next_cursor).toBeTruthy();
    const seen: string[] = [...first.data.map((x: Approval) => x.id)];
    let cursor: string | null = first.next_cursor;
    while (cursor && seen.length < 400) {
      const next = await (
        await page.request.get(`/api/v1/approvals?status=pending&limit=50&cursor=${encodeURIComponent(cursor)}`)
      ).json();
      seen.push(...next.data.map((x: Approval) => x.id));
      cursor = next.next_cursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.indexOf(b.approvalId)).toBeLessThan(seen.indexOf(a.approvalId));
    expect(seen.indexOf(a.approvalId)).toBeGreaterThanOrEqual(0);
    expect((await page.request.get("/api/v1/approvals?cursor=forged.cursor")).status()).toBe(400);
  });
});
