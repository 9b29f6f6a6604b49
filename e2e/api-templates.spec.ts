import { type APIRequestContext, expect, test } from "@playwright/test";
import { loginAs, signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

const UNKNOWN = "0f8fad5b-d9cb-469f-a165-70867728950e";
const unique = (name: string) => `${name} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
type Template = { id: string; name: string; is_global: boolean; permissions: Record<string, string> };
type Role = { id: string; name: string; version: number };

const createTemplate = (api: APIRequestContext, data: Record<string, unknown>) =>
  api.post("/api/v1/templates", { headers: sameOrigin, data });
const createRole = async (api: APIRequestContext, codes: string[]): Promise<Role> =>
  (
    await api.post("/api/v1/roles", {
      headers: sameOrigin,
      data: { name: unique("Templated"), permissions: codes.map((code) => ({ code })) },
    })
  ).json();
const roleCodes = async (api: APIRequestContext, id: string) => {
  const role = await (await api.get(`/api/v1/roles/${id}`)).json();
  return { version: role.version as number, codes: (role.permissions as { code: string }[]).map((p) => p.code).sort() };
};

test.describe("templates over the API", () => {
  test("tenant admin: create, list with the global ones, edit, delete; strict bodies; duplicates; unknown codes", async ({
    page,
  }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const name = unique("Desk");
    let res = await createTemplate(api, {
      name,
      description: "Order desk",
      permissions: { "sales.orders.view": "allow", "sales.orders.delete": "deny" },
    });
    expect(res.status()).toBe(201);
    const mine: Template = await res.json();
    expect(mine).toMatchObject({
      name,
      is_global: false,
      permissions: { "sales.orders.view": "allow", "sales.orders.delete": "deny" },
      permission_count: 2,
    });

    expect((await createTemplate(api, { name: name.toUpperCase(), permissions: {} })).status()).toBe(409);
    for (const data of [
      { name: unique("x"), permissions: {}, tenant_id: UNKNOWN },
      { name: unique("x"), permissions: { "sales.orders.view": "maybe" } },
      { name: unique("x"), permissions: { "Bad Code": "allow" } },
    ]) {
      expect((await createTemplate(api, data)).status()).toBe(400);
    }
    res = await createTemplate(api, { name: unique("x"), permissions: { "no.such.code": "allow" } });
    expect(res.status()).toBe(422);
    expect((await res.json()).unknown_codes).toEqual(["no.such.code"]);
    res = await createTemplate(api, { name: unique("x"), permissions: {}, global: true });
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ required: "super-admin" });

    const all = (await (await api.get("/api/v1/templates?limit=200")).json()).data as Template[];
    expect(all.map((t) => t.name)).toContain(name);
    const readOnly = all.find((t) => t.name === "Read-only ERP")!;
    expect(readOnly.is_global).toBe(true);
    expect(all.map((t) => t.name)).not.toContain("Counter sales");
    expect((await api.get(`/api/v1/templates/${readOnly.id}`)).status()).toBe(200);
    for (const [method, data] of [
      ["PATCH", { description: "ours now" }],
      ["DELETE", undefined],
    ] as const) {
      res = await api.fetch(`/api/v1/templates/${readOnly.id}`, { method, headers: sameOrigin, data });
      expect(res.status(), method).toBe(403);
      expect((await res.json()).detail).toContain("super-admin");
    }

    res = await api.patch(`/api/v1/templates/${mine.id}`, {
      headers: sameOrigin,
      data: { description: "Order desk v2", permissions: { "sales.orders.create": "allow" } },
    });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({
      description: "Order desk v2",
      permissions: { "sales.orders.create": "allow" },
    });
    expect(
      (await api.patch(`/api/v1/templates/${mine.id}`, { headers: sameOrigin, data: { is_global: true } })).status(),
    ).toBe(400);
    expect((await api.delete(`/api/v1/templates/${mine.id}`, { headers: sameOrigin })).status()).toBe(204);
    expect((await api.get(`/api/v1/templates/${mine.id}`)).status()).toBe(404);
  });

  test("anonymous 401, member 403; another tenant's template is a 404 byte-identical to an unknown id", async ({
    page,
    browser,
    request,
  }) => {
    expect((await request.get("/api/v1/templates")).status()).toBe(401);
    expect((await request.post("/api/v1/templates", { data: { name: "x", permissions: {} } })).status()).toBe(401);
    const member = await signedInPage(browser, "member@acme.test");
    let res = await member.request.get("/api/v1/templates");
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ missing_permission: "gatehouse.templates.view" });
    expect((await createTemplate(member.request, { name: unique("x"), permissions: {} })).status()).toBe(403);
    await member.close();

    const globex = await signedInPage(browser, "admin@globex.test");
    const theirs = (
      (await (await globex.request.get("/api/v1/templates?search=counter")).json()).data as Template[]
    )[0]!;
    expect(theirs.name).toBe("Counter sales");
    await globex.close();
    await loginAs(page, "tenantAdmin");
    const role = await createRole(page.request, []);
    const cases: [string, string, Record<string, unknown> | undefined][] = [
      ["GET", "", undefined],
      ["PATCH", "", { description: "mine" }],
      ["DELETE", "", undefined],
      ["POST", "/apply", { role_id: role.id, version: role.version }],
    ];
    for (const [method, path, data] of cases) {
      const a = await page.request.fetch(`/api/v1/templates/${theirs.id}${path}`, {
        method,
        headers: sameOrigin,
        data,
      });
      const b = await page.request.fetch(`/api/v1/templates/${UNKNOWN}${path}`, { method, headers: sameOrigin, data });
      expect(a.status(), `${method} ${path}`).toBe(404);
      expect(await a.text()).toBe(await b.text());
    }
    res = await page.request.get("/api/v1/templates/not-a-uuid");
    expect(res.status()).toBe(400);
  });

  test("apply: allow codes granted, deny codes removed, role version bumped; stale version 409; approvals 202; system role 422", async ({
    page,
  }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const role = await createRole(api, ["products.view", "sales.orders.delete"]);
    const tpl: Template = await (
      await createTemplate(api, {
        name: unique("Counter"),
        permissions: {
          "sales.orders.view": "allow",
          "sales.orders.create": "allow",
          "products.view": "allow",
          "sales.orders.delete": "deny",
        },
      })
    ).json();

    let res = await api.post(`/api/v1/templates/${tpl.id}/apply`, {
      headers: sameOrigin,
      data: { role_id: role.id, version: 1 },
    });
    expect(res.status()).toBe(200);
    expect(res.headers()["x-perm-version"]).toBeTruthy();
    const applied = await res.json();
    expect(applied).toMatchObject({
      role_id: role.id,
      template_id: tpl.id,
      version: 2,
      removed: ["sales.orders.delete"],
    });
    expect(applied.added.sort()).toEqual(["sales.orders.create", "sales.orders.view"]);
    expect(await roleCodes(api, role.id)).toEqual({
      version: 2,
      codes: ["products.view", "sales.orders.create", "sales.orders.view"],
    });

    res = await api.post(`/api/v1/templates/${tpl.id}/apply`, {
      headers: sameOrigin,
      data: { role_id: role.id, version: 1 },
    });
    expect(res.status()).toBe(409);
    expect(await res.json()).toMatchObject({ current_version: 2 });
    expect(
      (
        await api.post(`/api/v1/templates/${tpl.id}/apply`, {
          headers: sameOrigin,
          data: { role_id: UNKNOWN, version: 1 },
        })
      ).status(),
    ).toBe(404);
    expect(
      (
        await api.post(`/api/v1/templates/${tpl.id}/apply`, { headers: sameOrigin, data: { role_id: role.id } })
      ).status(),
    ).toBe(400);

    const roles = (await (await api.get("/api/v1/roles?limit=200")).json()).data as (Role & { is_system: boolean })[];
    const admin = roles.find((r) => r.is_system)!;
    expect(
      (
        await api.post(`/api/v1/templates/${tpl.id}/apply`, {
          headers: sameOrigin,
          data: { role_id: admin.id, version: admin.version },
        })
      ).status(),
    ).toBe(422);

    // A requires_approval code becomes a request, not a grant.
    const sensitive: Template = await (
      await createTemplate(api, {
        name: unique("Sensitive"),
        permissions: { "sites.detail.fields.sensitive": "allow", "sites.list.view": "allow" },
      })
    ).json();
    res = await api.post(`/api/v1/templates/${sensitive.id}/apply`, {
      headers: sameOrigin,
      data: { role_id: role.id, version: 2 },
    });
    expect(res.status()).toBe(202);
    const pending = await res.json();
    expect(pending.approval_ids).toHaveLength(1);
    expect(pending).toMatchObject({ version: 3, added: ["sites.list.view"] });
    expect((await roleCodes(api, role.id)).codes).not.toContain("sites.detail.fields.sensitive");

    const audit = (await (await api.get(`/api/v1/audit?action=template.applied&target_id=${role.id}`)).json()).data;
    expect(audit).toHaveLength(2);
  });

  test("super-admin: global templates are created with global: true, seen by every tenant, edited by super-admins only", async ({
    page,
    browser,
  }) => {
    await loginAs(page, "superAdmin");
    const api = page.request;
    const name = unique("Global kit");
    let res = await createTemplate(api, {
      name,
      description: "For all",
      permissions: { "products.view": "allow" },
      global: true,
    });
    expect(res.status()).toBe(201);
    const tpl: Template = await res.json();
    expect(tpl).toMatchObject({ is_global: true, tenant_id: null });
    expect((await createTemplate(api, { name, permissions: {}, global: true })).status()).toBe(409);

    const globex = await signedInPage(browser, "admin@globex.test");
    expect((await (await globex.request.get(`/api/v1/templates/${tpl.id}`)).json()).name).toBe(name);
    expect(
      (
        await globex.request.patch(`/api/v1/templates/${tpl.id}`, { headers: sameOrigin, data: { name: "theirs" } })
      ).status(),
    ).toBe(403);
    await globex.close();

    res = await api.patch(`/api/v1/templates/${tpl.id}`, {
      headers: sameOrigin,
      data: { permissions: { "products.view": "allow", "products.delete": "deny" } },
    });
    expect(res.status()).toBe(200);
    expect((await res.json()).permission_count).toBe(2);
    expect((await api.delete(`/api/v1/templates/${tpl.id}`, { headers: sameOrigin })).status()).toBe(204);
  });
});
