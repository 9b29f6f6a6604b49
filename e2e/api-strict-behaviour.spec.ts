import { type APIRequestContext, type APIResponse, expect, test } from "@playwright/test";
import { baseURL, secondURL } from "../playwright.config";
import { createUserWithRole } from "./support/fresh-user";
import { PERSONAS, signedInPage } from "./support/personas";
import { sameOrigin, sameOriginJson } from "./support/same-origin";

/**
 * Behaviour docs/api.md promises, through HTTP: the matrix PATCH is all or nothing, `min_perm_version`
 * gives read-your-writes (on the second instance too, on PostgreSQL), and every write answers with
 * a perm_version (body and X-Perm-Version), even one that changes no decision.
 */
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
type Role = { id: string; name: string; version: number };
type Detail = Role & { permissions: { code: string }[] };

async function createRole(api: APIRequestContext, codes: string[]): Promise<Role> {
  const res = await api.post("/api/v1/roles", {
    headers: sameOrigin,
    data: { name: `Strict ${stamp()}`, permissions: codes.map((code) => ({ code })) },
  });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}
const detail = async (api: APIRequestContext, id: string): Promise<Detail> =>
  (await api.get(`/api/v1/roles/${id}`)).json();
const codesOf = (d: Detail) => d.permissions.map((p) => p.code).sort();
const permVersion = async (api: APIRequestContext): Promise<number> =>
  (await (await api.get("/api/v1/me/permissions")).json()).perm_version;

test.describe("the matrix PATCH is all or nothing", () => {
  test("one stale role among three: 409 with its current version, and none of the other changes is applied", async ({
    browser,
  }) => {
    const admin = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const api = admin.request;
    const [a, b, c] = [
      await createRole(api, ["sites.list.view"]),
      await createRole(api, ["sites.list.view"]),
      await createRole(api, ["sites.list.view", "sites.detail.view"]),
    ];
    // Someone else edits b meanwhile: the version the matrix read is stale.
    const edited = await api.patch(`/api/v1/roles/${b.id}`, {
      headers: sameOrigin,
      data: { version: b.version, description: "Edited meanwhile" },
    });
    expect(edited.status()).toBe(200);
    const bNow = (await edited.json()).version as number;
    expect(bNow).toBeGreaterThan(b.version);
    const before = await Promise.all([a, b, c].map((r) => detail(api, r.id)));

    // b last: a's and c's changes are written in the transaction before b's version is found stale.
    const res = await api.patch("/api/v1/matrix", {
      headers: sameOrigin,
      data: {
        changes: [
          { role_id: a.id, version: a.version, grant: ["sites.detail.view"] },
          { role_id: c.id, version: c.version, revoke: ["sites.detail.view"] },
          { role_id: b.id, version: b.version, grant: ["sites.detail.view"] },
        ],
      },
    });
    expect(res.status(), await res.text()).toBe(409);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    expect(await res.json()).toMatchObject({ status: 409, current_version: bNow });

    const after = await Promise.all([a, b, c].map((r) => detail(api, r.id)));
    for (const [i, role] of after.entries()) {
      expect(role.version, role.name).toBe(before[i]!.version);
      expect(codesOf(role), role.name).toEqual(codesOf(before[i]!));
    }
    // With b's current version the same PATCH goes through, all of it.
    const retry = await api.patch("/api/v1/matrix", {
      headers: sameOrigin,
      data: {
        changes: [
          { role_id: a.id, version: a.version, grant: ["sites.detail.view"] },
          { role_id: c.id, version: c.version, revoke: ["sites.detail.view"] },
          { role_id: b.id, version: bNow, grant: ["sites.detail.view"] },
        ],
      },
    });
    expect(retry.status(), await retry.text()).toBe(200);
    expect(retry.headers()["x-perm-version"]).toBe(String((await retry.json()).perm_version));
    const done = await Promise.all([a, b, c].map((r) => detail(api, r.id)));
    expect(done.map(codesOf)).toEqual([
      ["sites.detail.view", "sites.list.view"],
      ["sites.detail.view", "sites.list.view"],
      ["sites.list.view"],
    ]);
    await admin.close();
  });
});

test.describe("min_perm_version on the check routes", () => {
  test("a version just written is decided on at least that state (on the other instance too); a version not reached yet is answered on the freshest state", async ({
    browser,
    playwright,
  }) => {
    const admin = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const api = admin.request;
    const user = await createUserWithRole(api, baseURL, "Fresh Check", ["sites.detail.tabs.jobs"]);
    const keyRes = await api.post("/api/v1/api-keys", {
      headers: sameOrigin,
      data: { name: `strict min version ${stamp()}`, scopes: ["check"] },
    });
    expect(keyRes.status()).toBe(201);
    const key = (await keyRes.json()) as { id: string; secret: string };
    // The app asks the second instance (PostgreSQL): its cache learnt the old state first.
    const app = await playwright.request.newContext({
      baseURL: secondURL,
      extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
    });
    const check = (min?: number) =>
      app.post("/api/v1/check", {
        data: {
          user_id: user.id,
          code: "sites.detail.tabs.jobs",
          ...(min === undefined ? {} : { min_perm_version: min }),
        },
      });
    const bulk = (min: number) =>
      app.post("/api/v1/check/bulk", {
        data: { user_id: user.id, codes: ["sites.detail.tabs.jobs"], min_perm_version: min },
      });

    let res = await check();
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ granted: true, reason: "role" });

    // The admin revokes; the write answers the new perm_version, and a check that sends it sees the revocation at once.
    const role = await detail(api, user.roleId);
    const revoked = await api.delete(`/api/v1/roles/${user.roleId}/permissions`, {
      headers: sameOrigin,
      data: { version: role.version, codes: ["sites.detail.tabs.jobs"] },
    });
    expect(revoked.status(), await revoked.text()).toBe(200);
    const written = (await revoked.json()).perm_version as number;
    expect(revoked.headers()["x-perm-version"]).toBe(String(written));
    res = await check(written);
    expect(res.status()).toBe(200);
    let body = await res.json();
    expect(body).toMatchObject({ granted: false });
    expect(body.perm_version).toBeGreaterThanOrEqual(written);
    res = await bulk(written);
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ has_any: false, permissions: { "sites.detail.tabs.jobs": false } });

    // A version the tenant has not reached: the server reloads and decides on the freshest state,
    // whose perm_version (lower than asked) tells the caller — not an error, not a wait.
    const ahead = written + 1_000_000;
    for (const r of [await check(ahead), await bulk(ahead)]) {
      expect(r.status(), await r.text()).toBe(200);
      body = await r.json();
      expect(body.perm_version).toBeGreaterThanOrEqual(written);
      expect(body.perm_version).toBeLessThan(ahead);
    }
    expect(body).toMatchObject({ has_any: false });
    expect((await check(ahead)).status()).toBe(200);
    expect(await (await check()).json()).toMatchObject({ granted: false });

    // Not a version at all: 400 naming the field.
    res = await app.post("/api/v1/check", {
      data: { user_id: user.id, code: "sites.detail.tabs.jobs", min_perm_version: -1 },
    });
    expect(res.status()).toBe(400);
    expect((await res.json()).errors.map((e: { path: string }) => e.path)).toContain("body.min_perm_version");

    expect((await api.delete(`/api/v1/api-keys/${key.id}`, { headers: sameOrigin })).ok()).toBe(true);
    await app.dispose();
    await admin.close();
  });
});

test.describe("every write answers with a perm_version", () => {
  test("template create, update and delete answer the tenant's current perm_version in the body and X-Perm-Version", async ({
    browser,
  }) => {
    const admin = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const api = admin.request;
    const before = await permVersion(api);
    let res = await api.post("/api/v1/templates", {
      headers: sameOrigin,
      data: { name: `Strict template ${stamp()}`, description: null, permissions: { "sites.list.view": "allow" } },
    });
    expect(res.status(), await res.text()).toBe(201);
    const created = await res.json();
    expect(created.perm_version).toBeGreaterThanOrEqual(before);
    expect(res.headers()["x-perm-version"]).toBe(String(created.perm_version));
    // A template changes no decision: the version answered is the current one, not a new one.
    expect(created.perm_version).toBeLessThanOrEqual(await permVersion(api));

    res = await api.patch(`/api/v1/templates/${created.id}`, { headers: sameOrigin, data: { description: "Edited" } });
    expect(res.status()).toBe(200);
    const updated = await res.json();
    expect(updated).toMatchObject({ id: created.id, description: "Edited" });
    expect(updated.perm_version).toBeGreaterThanOrEqual(created.perm_version);
    expect(res.headers()["x-perm-version"]).toBe(String(updated.perm_version));

    res = await api.delete(`/api/v1/templates/${created.id}`, { headers: sameOrigin });
    expect(res.status()).toBe(204);
    expect(Number(res.headers()["x-perm-version"])).toBeGreaterThanOrEqual(updated.perm_version);
    await admin.close();
  });

  test("rejecting an approval request answers the perm_version it left unchanged", async ({ browser }) => {
    const requester = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const asked = await requester.request.post("/api/v1/roles", {
      headers: sameOrigin,
      data: {
        name: `Needs approval ${stamp()}`,
        permissions: [{ code: "finance.journal.delete", scope: "department" }],
      },
    });
    expect(asked.status(), await asked.text()).toBe(202);
    const approvalId = (await asked.json()).approval_ids[0] as string;

    const other = await signedInPage(browser, "ops-admin@acme.test");
    const before = await permVersion(other.request);
    const res = await other.request.post(`/api/v1/approvals/${approvalId}/reject`, {
      headers: sameOrigin,
      data: { reason: "Not now" },
    });
    expect(res.status(), await res.text()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: approvalId, status: "rejected", reason: "Not now" });
    expect(body.perm_version).toBeGreaterThanOrEqual(before);
    expect(res.headers()["x-perm-version"]).toBe(String(body.perm_version));
    await Promise.all([requester.close(), other.close()]);
  });

  test("creating a tenant answers the new tenant's perm_version in the body and X-Perm-Version", async ({
    browser,
  }) => {
    const superAdmin = await signedInPage(browser, PERSONAS.superAdmin.email);
    const slug = `strict-${stamp()}`;
    const res = await superAdmin.request.post("/api/v1/tenants", {
      headers: sameOrigin,
      data: { name: `Strict ${slug}`, slug },
    });
    expect(res.status(), await res.text()).toBe(201);
    const tenant = await res.json();
    expect(tenant.perm_version).toBeGreaterThanOrEqual(1);
    expect(res.headers()["x-perm-version"]).toBe(String(tenant.perm_version));
    const read = await (await superAdmin.request.get(`/api/v1/tenants/${tenant.id}`)).json();
    expect(read.perm_version).toBe(tenant.perm_version);
    await superAdmin.close();
  });
});

test.describe("input that cannot be stored safely is a 400 with the field path, never a 500", () => {
  const expectRefused = async (res: APIResponse, path: string) => {
    expect(res.status(), await res.text()).toBe(400);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    const body = await res.json();
    expect(body.status).toBe(400);
    expect(body.errors.map((e: { path: string }) => e.path)).toContain(path);
  };

  test("a path whose percent-encoding is not UTF-8 is a 400, never a 500", async ({ browser }) => {
    const page = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const api = page.request;
    for (const path of [
      "/api/v1/roles/%ED%A0%80",
      "/api/v1/roles/%FF",
      "/api/v1/users/%C0%AF/roles",
      "/api/v1/roles/%",
    ]) {
      const res = await api.get(path);
      expect(res.status(), path).toBe(400);
      expect(res.headers()["content-type"]).toBe("application/problem+json");
      expect((await res.json()).errors).toEqual([{ path: "path", message: "Malformed percent-encoding" }]);
    }
    // A page too; and a well-formed escape still reaches the route (an unknown role: 404).
    expect((await api.get("/admin/roles/%FF")).status()).toBe(400);
    expect(
      (await api.get(`/api/v1/roles/${encodeURIComponent("00000000-0000-4000-8000-000000000000")}`)).status(),
    ).toBe(404);
    await page.close();
  });

  test("a NUL character in a body string, a query string or a key", async ({ browser }) => {
    const admin = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const api = admin.request;
    await expectRefused(
      await api.post("/api/v1/roles", { headers: sameOrigin, data: { name: `Nul\u0000${stamp()}` } }),
      "body.name",
    );
    await expectRefused(await api.get("/api/v1/users?search=%00"), "query.search");
    await expectRefused(
      await api.post("/api/v1/roles", {
        headers: sameOrigin,
        data: {
          name: `Nul ${stamp()}`,
          permissions: [{ code: "sites.list.view", conditions: { "re\u0000gion": "eu" } }],
        },
      }),
      "body.permissions.0.conditions.re\u0000gion",
    );
    // The same requests without the NUL are answered normally.
    expect((await api.get("/api/v1/users?search=ada")).status()).toBe(200);
    await admin.close();
  });

  test("conditions 2,500 levels deep, or with a __proto__ key, are refused when written", async ({ browser }) => {
    const admin = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const api = admin.request;
    let deep: unknown = { $eq: 1 };
    for (let i = 0; i < 2_500; i++) deep = { a: deep };
    await expectRefused(
      await api.post("/api/v1/roles", {
        headers: sameOrigin,
        data: { name: `Deep ${stamp()}`, permissions: [{ code: "sites.list.view", conditions: deep }] },
      }),
      `body.permissions.0.conditions.${Array(8).fill("a").join(".")}`,
    );
    // Sent as raw JSON: a JavaScript object literal would not carry `__proto__` as a key.
    const res = await api.post("/api/v1/roles", {
      headers: sameOriginJson,
      data: `{"name":"Proto ${stamp()}","permissions":[{"code":"sites.list.view","conditions":{"__proto__":{"region":"eu"}}}]}`,
    });
    await expectRefused(res, "body.permissions.0.conditions.__proto__");
    await admin.close();
  });
});
