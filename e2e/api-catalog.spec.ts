import { type APIRequestContext, expect, test } from "@playwright/test";
import { loginAs, signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

const UNKNOWN = "0f8fad5b-d9cb-469f-a165-70867728950e";
// Codes of our own (never seeded ones other specs rely on): a fresh root segment per run.
const root = (tag: string) => `e2e_${tag}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
type Perm = {
  id: string;
  code: string;
  name: string;
  is_global: boolean;
  tenant_id: string | null;
  module_id: string | null;
  perm_version: number;
};

const create = (api: APIRequestContext, data: Record<string, unknown>) =>
  api.post("/api/v1/permissions", { headers: sameOrigin, data });
const byCode = async (api: APIRequestContext, code: string): Promise<Perm> =>
  (await (await api.get(`/api/v1/permissions?search=${encodeURIComponent(code)}&limit=200`)).json()).data.find(
    (p: Perm) => p.code === code,
  );

test.describe("permissions catalog over the API", () => {
  test("reads: filtered, paginated list; by category; module tree; modules and menu items", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const first = await (await api.get("/api/v1/permissions?module=sites&limit=5")).json();
    expect(first.data).toHaveLength(5);
    expect(first.data.every((p: { module: string }) => p.module === "sites")).toBe(true);
    const second = await (
      await api.get(`/api/v1/permissions?module=sites&limit=5&cursor=${encodeURIComponent(first.next_cursor)}`)
    ).json();
    expect(second.data[0].code > first.data[4].code).toBe(true);
    const tabs = (await (await api.get("/api/v1/permissions?category=tabs&active_only=true&limit=200")).json()).data;
    expect(tabs.length).toBeGreaterThan(3);
    expect(tabs.every((p: { category: string; is_active: boolean }) => p.category === "tabs" && p.is_active)).toBe(
      true,
    );
    const meters = (await (await api.get("/api/v1/permissions?search=meters")).json()).data.map(
      (p: { code: string }) => p.code,
    );
    expect(meters).toContain("sites.detail.tabs.meters");
    expect((await api.get("/api/v1/permissions?category=nope")).status()).toBe(400);

    const one = first.data[0];
    const detail = await (await api.get(`/api/v1/permissions/${one.id}`)).json();
    expect(detail).toMatchObject({ id: one.id, code: one.code, module: "sites", is_global: true, tenant_id: null });
    expect((await api.get("/api/v1/permissions/sites.list.view")).status()).toBe(400);
    expect((await api.get(`/api/v1/permissions/${UNKNOWN}`)).status()).toBe(404);

    const categories = await (await api.get("/api/v1/permissions/categories")).json();
    expect(Object.keys(categories)).toEqual(expect.arrayContaining(["navigation", "actions", "tabs", "fields"]));
    expect(categories.tabs.every((p: { category: string }) => p.category === "tabs")).toBe(true);
    const groups = await (await api.get("/api/v1/permissions/groups")).json();
    const operations = groups.modules.find((m: { code: string }) => m.code === "operations");
    const sites = operations.children.find((m: { code: string }) => m.code === "sites");
    expect(sites.permissions.map((p: { code: string }) => p.code)).toContain("sites.detail.tabs.meters");

    const modules = await (await api.get("/api/v1/modules?limit=200")).json();
    expect(modules.data.find((m: { code: string }) => m.code === "sites")).toMatchObject({
      parent_id: operations.id,
      icon: "map-pin",
    });
    const items = (await (await api.get("/api/v1/menu-items?limit=200")).json()).data;
    expect(items.find((i: { resource: string }) => i.resource === "sales.invoices")).toMatchObject({
      permission_code: "sales.invoices.view",
      plans: expect.arrayContaining(["enterprise"]),
    });
    const page1 = await (await api.get("/api/v1/menu-items?limit=2")).json();
    const page2 = await (
      await api.get(`/api/v1/menu-items?limit=2&cursor=${encodeURIComponent(page1.next_cursor)}`)
    ).json();
    expect(page2.data[0].resource > page1.data[1].resource).toBe(true);
  });

  test("who may read and write: anonymous 401, member 403", async ({ page, request }) => {
    for (const path of [
      "/api/v1/permissions",
      "/api/v1/permissions/categories",
      "/api/v1/permissions/groups",
      "/api/v1/modules",
      "/api/v1/menu-items",
    ]) {
      expect((await request.get(path)).status(), path).toBe(401);
    }
    expect((await request.post("/api/v1/permissions", { data: { code: "x.y", name: "x" } })).status()).toBe(401);
    await loginAs(page, "member");
    for (const path of [
      "/api/v1/permissions",
      "/api/v1/modules",
      "/api/v1/menu-items",
      "/api/v1/permissions/sites.list.view/dependencies",
    ]) {
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(403);
      expect(await res.json()).toMatchObject({ missing_permission: "gatehouse.permissions.view" });
    }
    const res = await create(page.request, { code: `${root("m")}.view`, name: "Mine" });
    expect(res.status()).toBe(403);
  });

  test("tenant admin: own custom permissions — create, strict body, duplicates, global codes, edit, deprecate, delete", async ({
    page,
  }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const base = root("acme");
    let res = await create(api, {
      code: `${base}.reports.view`,
      name: "View custom reports",
      description: "Ours",
      module: "sites",
      category: "tabs",
      resource: `${base}.reports`,
      action: "view",
      risk_level: "medium",
      requires_mfa: true,
      requires_approval: false,
      is_active: true,
      sort_order: 5,
    });
    expect(res.status()).toBe(201);
    expect(res.headers()["x-perm-version"]).toBeTruthy();
    const mine: Perm = await res.json();
    expect(mine).toMatchObject({
      is_global: false,
      module: "sites",
      category: "tabs",
      risk_level: "medium",
      requires_mfa: true,
      is_system: false,
    });
    expect(mine.tenant_id).toBeTruthy();
    const replacement: Perm = await (
      await create(api, { code: `${base}.reports.read`, name: "Read custom reports" })
    ).json();

    expect((await create(api, { code: mine.code, name: "again" })).status()).toBe(409);
    res = await create(api, { code: "sites.list.view", name: "Shadow a global" });
    expect(res.status()).toBe(422);
    expect((await res.json()).detail).toContain("global");
    for (const extra of [{ is_system: true }, { tenant_id: mine.tenant_id }]) {
      res = await create(api, { code: `${base}.strict`, name: "Strict", ...extra });
      expect(res.status()).toBe(400);
      expect((await res.json()).errors[0].path).toBe(`body.${Object.keys(extra)[0]}`);
    }
    expect((await create(api, { code: "Not A Code", name: "x" })).status()).toBe(400);
    expect((await create(api, { code: `${base}.mod`, name: "x", module: "no_such_module" })).status()).toBe(422);
    // A client sends back what it read: module_id is taken as reads answer it (not both module fields).
    res = await create(api, { code: `${base}.by_module_id`, name: "By module id", module_id: mine.module_id });
    expect(res.status()).toBe(201);
    expect(await res.json()).toMatchObject({ module: "sites", module_id: mine.module_id });
    res = await create(api, { code: `${base}.both`, name: "Both", module: "sites", module_id: mine.module_id });
    expect(res.status()).toBe(400);
    expect((await res.json()).errors[0].path).toBe("body.module_id");

    res = await api.patch(`/api/v1/permissions/${mine.id}`, { headers: sameOrigin, data: { code: `${base}.renamed` } });
    expect(res.status()).toBe(400);
    expect((await res.json()).detail).toContain("immutable");
    expect(
      (await api.patch(`/api/v1/permissions/${mine.id}`, { headers: sameOrigin, data: { is_system: true } })).status(),
    ).toBe(400);
    res = await api.patch(`/api/v1/permissions/${mine.id}`, {
      headers: sameOrigin,
      data: { deprecated: true, replacement: mine.code },
    });
    expect(res.status()).toBe(422);
    expect(
      (
        await api.patch(`/api/v1/permissions/${mine.id}`, {
          headers: sameOrigin,
          data: { deprecated: true, replacement: `${base}.none` },
        })
      ).status(),
    ).toBe(422);
    expect(
      (
        await api.patch(`/api/v1/permissions/${mine.id}`, {
          headers: sameOrigin,
          data: { replacement: replacement.code },
        })
      ).status(),
    ).toBe(422);
    res = await api.patch(`/api/v1/permissions/${mine.id}`, {
      headers: sameOrigin,
      data: {
        name: "View custom reports (old)",
        deprecated: true,
        deprecated_message: "Use read",
        replacement: replacement.code,
        risk_level: "high",
      },
    });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({
      name: "View custom reports (old)",
      deprecated: true,
      replacement: replacement.code,
      risk_level: "high",
      code: mine.code,
    });
    // The engine reports the replacement on a check.
    const check = await (
      await api.post("/api/v1/check", { headers: sameOrigin, data: { user_email: "admin@acme.test", code: mine.code } })
    ).json();
    expect(check).toMatchObject({ granted: true, deprecated: true, replacement: replacement.code });

    res = await api.delete(`/api/v1/permissions/${mine.id}`, { headers: sameOrigin });
    expect(res.status()).toBe(204);
    expect((await api.get(`/api/v1/permissions/${mine.id}`)).status()).toBe(404);
    expect((await api.delete(`/api/v1/permissions/${replacement.id}`, { headers: sameOrigin })).status()).toBe(204);
  });

  test("global catalog: super-admin only; bumps every tenant; system permissions refuse edits", async ({
    page,
    browser,
  }) => {
    await loginAs(page, "superAdmin");
    const api = page.request;
    const me = await (await api.get("/api/v1/me")).json();
    const globexId = me.tenants.find((t: { slug: string }) => t.slug === "globex").id;
    const version = async (tenantId: string) =>
      (await (await api.get("/api/v1/me/permissions", { headers: { "x-tenant-id": tenantId } })).json())
        .perm_version as number;
    const before = await version(globexId);

    const code = `${root("global")}.view`;
    let res = await create(api, { code, name: "A global one", module: "sales", category: "navigation" });
    expect(res.status()).toBe(201);
    const global: Perm = await res.json();
    expect(global).toMatchObject({ is_global: true, tenant_id: null });
    expect(await version(globexId)).toBeGreaterThan(before);
    expect((await create(api, { code, name: "again" })).status()).toBe(409);

    const system = await byCode(api, "gatehouse.roles.view");
    res = await api.patch(`/api/v1/permissions/${system.id}`, { headers: sameOrigin, data: { name: "Mine now" } });
    expect(res.status()).toBe(422);
    expect((await res.json()).detail).toContain("system permission");
    expect((await api.delete(`/api/v1/permissions/${system.id}`, { headers: sameOrigin })).status()).toBe(422);
    expect(
      (
        await api.put(`/api/v1/permissions/${system.id}/dependencies`, { headers: sameOrigin, data: { codes: [] } })
      ).status(),
    ).toBe(422);

    // A tenant admin sees the global permission but may not change it.
    const admin = await signedInPage(browser, "admin@acme.test");
    expect((await admin.request.get(`/api/v1/permissions/${global.id}`)).status()).toBe(200);
    for (const [method, data] of [
      ["PATCH", { name: "x" }],
      ["DELETE", undefined],
    ] as const) {
      res = await admin.request.fetch(`/api/v1/permissions/${global.id}`, { method, headers: sameOrigin, data });
      expect(res.status(), method).toBe(403);
      expect(await res.json()).toMatchObject({ required: "super-admin" });
    }
    expect((await create(admin.request, { code, name: "reuse" })).status()).toBe(422);

    res = await api.patch(`/api/v1/permissions/${global.id}`, { headers: sameOrigin, data: { is_active: false } });
    expect(await res.json()).toMatchObject({ is_active: false });
    const check = await (
      await admin.request.post("/api/v1/check", { headers: sameOrigin, data: { user_email: "admin@acme.test", code } })
    ).json();
    expect(check).toMatchObject({ granted: false, reason: "inactive" });
    expect((await api.delete(`/api/v1/permissions/${global.id}`, { headers: sameOrigin })).status()).toBe(204);
    await admin.close();
  });

  test("another tenant's permission is a 404 byte-identical to an unknown id", async ({ page, browser }) => {
    const globex = await signedInPage(browser, "admin@globex.test");
    const code = `${root("globex")}.secret`;
    const theirs: Perm = await (await create(globex.request, { code, name: "Globex only" })).json();
    await loginAs(page, "tenantAdmin");
    const cases: [string, string, Record<string, unknown> | undefined][] = [
      ["GET", "", undefined],
      ["PATCH", "", { name: "Mine" }],
      ["DELETE", "", undefined],
      ["PUT", "/dependencies", { codes: [] }],
    ];
    for (const [method, path, data] of cases) {
      const a = await page.request.fetch(`/api/v1/permissions/${theirs.id}${path}`, {
        method,
        headers: sameOrigin,
        data,
      });
      const b = await page.request.fetch(`/api/v1/permissions/${UNKNOWN}${path}`, {
        method,
        headers: sameOrigin,
        data,
      });
      expect(a.status(), `${method} ${path}`).toBe(404);
      expect(await a.text()).toBe(await b.text());
    }
    const a = await page.request.get(`/api/v1/permissions/${code}/dependencies`);
    const b = await page.request.get(`/api/v1/permissions/${root("nobody")}.x/dependencies`);
    expect(a.status()).toBe(404);
    expect(await a.text()).toBe(await b.text());
    // The same code is free in another tenant.
    expect((await create(page.request, { code, name: "Acme's own" })).status()).toBe(201);
    await globex.close();
  });

  test("dependencies: read by code with is_granted, replace by id, refuse self, unknown codes and cycles", async ({
    page,
  }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    let res = await api.get("/api/v1/permissions/sales.invoices.create/dependencies");
    expect(res.status()).toBe(200);
    expect((await res.json()).depends_on).toContainEqual({
      code: "sales.invoices.view",
      name: expect.any(String),
      is_granted: true,
    });
    const required = (
      await (await api.get("/api/v1/permissions/sales.invoices.view/dependencies")).json()
    ).required_by.map((d: { code: string }) => d.code);
    expect(required).toEqual(expect.arrayContaining(["sales.invoices.create", "sales.invoices.export"]));
    const fieldEngineer = (await (await api.get("/api/v1/roles?search=field")).json()).data.find(
      (r: { name: string }) => r.name === "Field Engineer",
    );
    const member = (await (await api.get(`/api/v1/roles/${fieldEngineer.id}/users`)).json()).data.find(
      (u: { email: string }) => u.email === "member@acme.test",
    );
    const theirs = await (
      await api.get(`/api/v1/permissions/sales.invoices.create/dependencies?user_id=${member.id}`)
    ).json();
    expect(theirs).toMatchObject({
      user_id: member.id,
      depends_on: [{ code: "sales.invoices.view", is_granted: false }],
    });
    expect((await api.get(`/api/v1/permissions/${fieldEngineer.id}/dependencies`)).status()).toBe(400);
    expect(
      (
        await api.put("/api/v1/permissions/sales.invoices.create/dependencies", {
          headers: sameOrigin,
          data: { codes: [] },
        })
      ).status(),
    ).toBe(400);

    const base = root("deps");
    const [a, b, c] = await Promise.all(
      ["a", "b", "c"].map(
        async (x) => (await (await create(api, { code: `${base}.${x}`, name: x.toUpperCase() })).json()) as Perm,
      ),
    );
    const put = (p: Perm, codes: string[]) =>
      api.put(`/api/v1/permissions/${p.id}/dependencies`, { headers: sameOrigin, data: { codes } });
    res = await put(a!, [b!.code, "sites.list.view"]);
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({
      depends_on: [b!.code, "sites.list.view"].sort(),
      perm_version: expect.any(Number),
    });
    expect((await put(b!, [c!.code])).status()).toBe(200);
    res = await put(c!, [a!.code]);
    expect(res.status()).toBe(422);
    const cycle = await res.json();
    expect(cycle.detail).toContain("cycle");
    expect(cycle.cycle).toEqual([c!.code, a!.code, b!.code, c!.code]);
    expect((await put(a!, [a!.code])).status()).toBe(422);
    res = await put(a!, [`${base}.nothing`]);
    expect(res.status()).toBe(422);
    expect((await res.json()).unknown_codes).toEqual([`${base}.nothing`]);
    expect((await put(a!, [b!.code, b!.code])).status()).toBe(400);

    const deps = await (await api.get(`/api/v1/permissions/${a!.code}/dependencies`)).json();
    expect(deps.depends_on.map((d: { code: string }) => d.code)).toEqual([b!.code, "sites.list.view"].sort());
    expect((await api.get(`/api/v1/permissions/${c!.code}/dependencies`)).ok()).toBe(true);
    expect((await (await api.get(`/api/v1/permissions/${c!.code}/dependencies`)).json()).required_by).toEqual([
      { code: b!.code, name: "B", is_granted: true },
    ]);
  });
});
