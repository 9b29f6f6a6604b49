import { type APIRequestContext, expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { loginAs, PERSONAS, signedInPage } from "./support/personas";
import { sameOrigin, sameOriginJson } from "./support/same-origin";

const json = sameOriginJson;

async function createKey(request: APIRequestContext, scopes: string[]) {
  const res = await request.post("/api/v1/api-keys", {
    headers: json,
    data: { name: `e2e ${scopes.join("+")} ${Date.now()}`, scopes },
  });
  expect(res.status()).toBe(201);
  const body = await res.json();
  expect(body.secret).toMatch(/^gh_[0-9a-f]{12}_/);
  // A write answers the tenant's perm_version (a key changes no decision: the current one).
  expect(body.perm_version).toBe(Number(res.headers()["x-perm-version"]));
  expect(res.headers()["cache-control"]).toContain("no-store");
  return body as { id: string; secret: string; prefix: string };
}

test.describe("the check API with an API key", () => {
  test("decides, explains the reason, refuses bad input, and stops at once when the key is revoked", async ({
    page,
    playwright,
  }) => {
    await loginAs(page, "tenantAdmin");
    const key = await createKey(page.request, ["check"]);
    const app = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
    });

    let res = await app.post("/api/v1/check", {
      data: { user_email: PERSONAS.member.email, code: "sites.detail.tabs.meters" },
    });
    expect(res.status()).toBe(200);
    let body = await res.json();
    expect(body).toMatchObject({
      granted: true,
      reason: "role",
      via: { kind: "role", role: "Field Engineer", code: "sites.detail.tabs.meters" },
      requires_mfa: false,
    });
    expect(body.perm_version).toBeGreaterThan(0);

    res = await app.post("/api/v1/check", {
      data: { user_email: PERSONAS.member.email, code: "sites.detail.fields.consumption" },
    });
    expect(await res.json()).toMatchObject({ granted: false, reason: "override" });

    res = await app.post("/api/v1/check", { data: { user_email: PERSONAS.member.email, code: "no.such.code" } });
    expect(await res.json()).toMatchObject({ granted: false, reason: "unknown" });

    // Someone who is not a member is denied like anyone else: nothing reveals whether they exist.
    res = await app.post("/api/v1/check", { data: { user_email: "admin@globex.test", code: "sites.list.view" } });
    const other = await res.json();
    res = await app.post("/api/v1/check", { data: { user_email: "nobody@nowhere.test", code: "sites.list.view" } });
    // Alike but for perm_version: the tenant's, which other tests may move on between the two.
    expect({ ...(await res.json()), perm_version: 0 }).toEqual({ ...other, perm_version: 0 });
    expect(other).toMatchObject({ granted: false, reason: "none" });

    res = await app.post("/api/v1/check/bulk", {
      data: {
        user_email: PERSONAS.member.email,
        codes: ["sites.list.view", "sites.list.delete_action"],
        check_all: true,
      },
    });
    expect(await res.json()).toMatchObject({
      has_all: false,
      permissions: { "sites.list.view": true, "sites.list.delete_action": false },
    });

    res = await app.post("/api/v1/check", {
      data: { user_email: PERSONAS.member.email, code: "Not A Code", tenant_id: "x" },
    });
    expect(res.status()).toBe(400);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    body = await res.json();
    expect(body).toMatchObject({ status: 400, title: "Invalid request" });
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(["body.code"]));

    // The key has only the check scope: reading keys is refused.
    res = await app.get("/api/v1/api-keys");
    expect(res.status()).toBe(403);

    const revoked = await page.request.delete(`/api/v1/api-keys/${key.id}`, { headers: sameOrigin });
    expect(revoked.status()).toBe(204);
    expect(Number(revoked.headers()["x-perm-version"])).toBeGreaterThan(0);
    res = await app.post("/api/v1/check", { data: { user_email: PERSONAS.member.email, code: "sites.list.view" } });
    expect(res.status()).toBe(401);
    await app.dispose();
  });

  test("a signed-in member reads their own permissions, map and menus", async ({ page }) => {
    await loginAs(page, "member");
    const perms = await (await page.request.get("/api/v1/me/permissions")).json();
    expect(perms.codes).toContain("sites.detail.actions.test_meter");
    expect(perms.codes).not.toContain("sites.detail.fields.consumption");
    expect(perms.requires_mfa).toContain("sites.detail.actions.test_meter");
    expect(perms.roles).toEqual(["Field Engineer"]);
    const menus = await (await page.request.get("/api/v1/me/menus")).json();
    expect(menus.plan).toEqual({ code: "enterprise", name: "Enterprise Plan" });
    const items = menus.modules.flatMap((m: { items: { code: string }[] }) => m.items.map((i) => i.code));
    // Field Engineer opens the field-operations items and none of the ERP's.
    expect(items).toEqual(["dashboard", "sites", "jobs"]);
    const map = await (await page.request.get("/api/v1/me/permission-map")).json();
    expect(map["products"]).toEqual({
      can_view: false,
      can_create: false,
      can_edit: false,
      can_delete: false,
      can_export: false,
    });
  });

  test("guards: anonymous 401, members may not create keys, cross-origin cookie writes are refused", async ({
    page,
    browser,
    request,
  }) => {
    let res = await request.post("/api/v1/check", {
      data: { user_email: PERSONAS.member.email, code: "sites.list.view" },
    });
    expect(res.status()).toBe(401);
    res = await request.get("/api/v1/me/permissions");
    expect(res.status()).toBe(401);

    await loginAs(page, "member");
    res = await page.request.post("/api/v1/api-keys", { headers: json, data: { name: "mine", scopes: ["check"] } });
    expect(res.status()).toBe(403);
    expect((await res.json()).missing_permission).toBe("gatehouse.api_keys.manage");

    // A context of its own: a prefetch still in flight on the member's page could set the
    // member's session cookie again after clearCookies().
    const admin = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    for (const origin of ["https://evil.example", "null"]) {
      res = await admin.request.post("/api/v1/api-keys", {
        headers: { ...json, origin },
        data: { name: "csrf", scopes: ["check"] },
      });
      expect(res.status()).toBe(403);
    }
    res = await admin.request.post("/api/v1/api-keys", {
      headers: json,
      data: { name: "extra", scopes: ["check"], tenant_id: "00000000-0000-0000-0000-000000000000" },
    });
    expect(res.status()).toBe(400);
    await admin.context().close();
  });
});
