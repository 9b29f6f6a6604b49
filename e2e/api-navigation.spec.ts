import { type APIRequestContext, expect, test } from "@playwright/test";
import { tag } from "./support/fresh-user";
import { loginAs, signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * The navigation catalog's writes over HTTP (API.md "Navigation catalog", issue 14 §2): the
 * super-admin edits the global modules and menu items; a tenant admin only its tenant's own
 * modules; another tenant's module is a 404 byte-identical to an unknown id; a module that holds
 * anything is a 409; bad input is refused with field paths and changes nothing.
 */
const UNKNOWN = "0f8fad5b-d9cb-469f-a165-70867728950e";
type Module = {
  id: string;
  code: string;
  name: string;
  is_global: boolean;
  tenant_id: string | null;
  perm_version: number;
};
type Item = { id: string; name: string; plans: string[]; description: string | null; perm_version: number };

const post = (api: APIRequestContext, path: string, data: unknown) => api.post(path, { headers: sameOrigin, data });
const patch = (api: APIRequestContext, path: string, data: unknown) => api.patch(path, { headers: sameOrigin, data });
const del = (api: APIRequestContext, path: string) => api.delete(path, { headers: sameOrigin });
const version = async (api: APIRequestContext, tenantId?: string) =>
  (
    await (
      await api.get("/api/v1/me/permissions", tenantId ? { headers: { "x-tenant-id": tenantId } } : undefined)
    ).json()
  ).perm_version as number;

type Row = Record<string, unknown>;
/**
 * The part of the catalog a test writes (`keep`), as the caller sees it: what a refused write
 * must leave exactly as it was (other specs, running beside this one, edit the rest).
 */
const snapshot = async (api: APIRequestContext, keep: (row: Row) => boolean) =>
  JSON.stringify([
    ((await (await api.get("/api/v1/modules?limit=200")).json()).data as Row[]).filter(keep),
    ((await (await api.get("/api/v1/menu-items?limit=200")).json()).data as Row[]).filter(keep),
  ]);
const tenantOwn = (row: Row) => row.is_global === false;

test.describe("navigation catalog writes over the API", () => {
  // Generous: on a busy shared machine a request can wait seconds for the CPU.
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  test("a tenant admin's own modules: create, edit, reorder, deactivate, delete; global ones are the super-admin's", async ({
    page,
  }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const code = `own_${tag()}`;
    const before = await version(api);
    let res = await post(api, "/api/v1/modules", { code, name: "Our reports", icon: "file-text", sort_order: 4 });
    expect(res.status(), await res.text()).toBe(201);
    const mine: Module = await res.json();
    expect(mine).toMatchObject({ code, is_global: false, icon: "file-text", sort_order: 4 });
    expect(mine.tenant_id).toBeTruthy();
    expect(mine.perm_version).toBeGreaterThan(before);
    expect(Number(res.headers()["x-perm-version"])).toBe(mine.perm_version);

    // Its custom permissions group under it (by code, within the tenant).
    res = await post(api, "/api/v1/permissions", { code: `${code}.view`, name: "View ours", module: code });
    expect(res.status()).toBe(201);
    const perm = await res.json();
    expect(perm.module_id).toBe(mine.id);
    res = await del(api, `/api/v1/modules/${mine.id}`);
    expect(res.status()).toBe(409);
    expect(await res.json()).toMatchObject({ permissions: 1, menu_items: 0 });
    expect((await del(api, `/api/v1/permissions/${perm.id}`)).status()).toBe(204);

    res = await patch(api, `/api/v1/modules/${mine.id}`, { sort_order: 9, is_active: false, description: "Ours" });
    expect(await res.json()).toMatchObject({ sort_order: 9, is_active: false, description: "Ours" });
    const listed = (await (await api.get("/api/v1/modules?limit=200")).json()).data as Module[];
    expect(listed.find((m) => m.id === mine.id)).toMatchObject({ is_active: false });

    // The global catalog is read-only for a tenant admin: 403 naming the super-admin, nothing changed.
    const sites = listed.find((m) => m.code === "sites")!;
    const mineOrSites = (row: Row) => tenantOwn(row) || row.code === "sites" || row.module === "sites";
    const state = await snapshot(api, mineOrSites);
    for (const [method, data] of [
      ["PATCH", { name: "Ours now" }],
      ["DELETE", undefined],
    ] as const) {
      res = await api.fetch(`/api/v1/modules/${sites.id}`, { method, headers: sameOrigin, data });
      expect(res.status(), method).toBe(403);
      expect(await res.json()).toMatchObject({ required: "super-admin" });
    }
    res = await post(api, "/api/v1/menu-items", {
      module_id: sites.id,
      code: "mine",
      name: "Mine",
      route: "/mine",
      resource: `${code}.x`,
      permission_code: "sites.list.view",
    });
    expect(res.status()).toBe(403);
    expect(await snapshot(api, mineOrSites)).toBe(state);

    expect((await del(api, `/api/v1/modules/${mine.id}`)).status()).toBe(204);
    expect((await del(api, `/api/v1/modules/${mine.id}`)).status()).toBe(404);
  });

  test("bad input: 400 or 422 naming the field, and nothing changes", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const state = await snapshot(api, tenantOwn);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ code: "Not a code", name: "x" }, 400, "body.code"],
      [{ code: `ok_${tag()}` }, 400, "body.name"],
      [{ code: `ok_${tag()}`, name: "x", icon: "not-an-icon" }, 400, "body.icon"],
      [{ code: `ok_${tag()}`, name: "x", color: "red" }, 400, "body.color"],
      [{ code: `ok_${tag()}`, name: "x", tenant_id: UNKNOWN }, 400, "body.tenant_id"],
      [{ code: `ok_${tag()}`, name: "x", sort_order: 1.5 }, 400, "body.sort_order"],
      [{ code: "sites", name: "Shadow a global" }, 422, "body.code"],
      [{ code: `ok_${tag()}`, name: "x", parent_id: UNKNOWN }, 422, "body.parent_id"],
    ];
    for (const [data, status, path] of cases) {
      const res = await post(api, "/api/v1/modules", data);
      expect(res.status(), JSON.stringify(data)).toBe(status);
      expect(res.headers()["content-type"]).toContain("application/problem+json");
      expect((await res.json()).errors?.[0]?.path, JSON.stringify(data)).toBe(path);
    }
    expect(await snapshot(api, tenantOwn)).toBe(state);
    const mine: Module = await (await post(api, "/api/v1/modules", { code: `ok_${tag()}`, name: "Mine" })).json();
    let res = await patch(api, `/api/v1/modules/${mine.id}`, { code: "renamed" });
    expect(res.status()).toBe(400);
    expect((await res.json()).detail).toContain("immutable");
    res = await patch(api, `/api/v1/modules/${mine.id}`, { parent_id: mine.id });
    expect(res.status()).toBe(422);
    expect((await res.json()).errors[0].path).toBe("body.parent_id");
    expect((await api.patch("/api/v1/modules/not-a-uuid", { headers: sameOrigin, data: {} })).status()).toBe(400);
    const unchanged = ((await (await api.get("/api/v1/modules?limit=200")).json()).data as Module[]).find(
      (m) => m.id === mine.id,
    );
    expect(unchanged).toMatchObject({ code: mine.code, name: "Mine", parent_id: null });
    expect((await del(api, `/api/v1/modules/${mine.id}`)).status()).toBe(204);
    expect(await snapshot(api, tenantOwn)).toBe(state);
  });

  test("another tenant's module is a 404 byte-identical to an unknown id, and is never listed", async ({
    page,
    browser,
  }) => {
    const globex = await signedInPage(browser, "admin@globex.test");
    const code = `globex_${tag()}`;
    const theirs: Module = await (await post(globex.request, "/api/v1/modules", { code, name: "Globex only" })).json();
    await loginAs(page, "tenantAdmin");
    for (const [method, data] of [
      ["PATCH", { name: "Mine" }],
      ["DELETE", undefined],
    ] as const) {
      const a = await page.request.fetch(`/api/v1/modules/${theirs.id}`, { method, headers: sameOrigin, data });
      const b = await page.request.fetch(`/api/v1/modules/${UNKNOWN}`, { method, headers: sameOrigin, data });
      expect(a.status(), method).toBe(404);
      expect(await a.text()).toBe(await b.text());
    }
    const listed = (await (await page.request.get("/api/v1/modules?limit=200")).json()).data as Module[];
    expect(listed.map((m) => m.code)).not.toContain(code);
    // Nor can a custom permission be put in it, nor a menu item filter find it.
    expect(
      (await post(page.request, "/api/v1/permissions", { code: `${code}.x`, name: "x", module: theirs.id })).status(),
    ).toBe(422);
    expect((await (await page.request.get(`/api/v1/menu-items?module=${theirs.id}`)).json()).data).toEqual([]);
    // The same code is free in Acme.
    const ours = await post(page.request, "/api/v1/modules", { code, name: "Acme's own" });
    expect(ours.status()).toBe(201);
    expect((await del(page.request, `/api/v1/modules/${(await ours.json()).id}`)).status()).toBe(204);
    expect((await del(globex.request, `/api/v1/modules/${theirs.id}`)).status()).toBe(204);
    await globex.close();
  });

  test("super-admin: a global module and a menu item with a description; every tenant re-decides; delete leaves every plan", async ({
    page,
  }) => {
    await loginAs(page, "superAdmin");
    const api = page.request;
    const me = await (await api.get("/api/v1/me")).json();
    const globexId = me.tenants.find((t: { slug: string }) => t.slug === "globex").id;
    const t = tag();
    const resource = `navapi_${t}`;
    expect(
      (
        await post(api, "/api/v1/permissions", { code: `${resource}.view`, name: "View it", category: "navigation" })
      ).status(),
    ).toBe(201);
    const before = await version(api, globexId);
    let res = await post(api, "/api/v1/modules", {
      code: `navapi_${t}`,
      name: "API nav",
      icon: "truck",
      color: "#0f766e",
    });
    expect(res.status()).toBe(201);
    const mod: Module = await res.json();
    expect(mod).toMatchObject({ is_global: true, tenant_id: null });
    expect(await version(api, globexId)).toBeGreaterThan(before);

    const item = {
      module_id: mod.id,
      code: "tracker",
      name: "Tracker",
      description: "Where every truck is",
      route: `/navapi-${t}`,
      icon: "map-pin",
      resource,
      permission_code: `${resource}.view`,
    };
    // Refusals first: each names its field, none changes anything.
    const ours = (row: Row) => row.code === mod.code || row.module === mod.code || row.resource === resource;
    const state = await snapshot(api, ours);
    for (const [data, status, path] of [
      [{ ...item, permission_code: `${resource}.nope` }, 422, "body.permission_code"],
      [{ ...item, module_id: UNKNOWN }, 422, "body.module_id"],
      [{ ...item, route: "https://evil.example/x" }, 400, "body.route"],
      [{ ...item, route: "/ok/../../etc" }, 400, "body.route"],
      [{ ...item, resource: "Not A Code" }, 400, "body.resource"],
      [{ ...item, plans: ["basic"] }, 400, "body.plans"],
    ] as const) {
      res = await post(api, "/api/v1/menu-items", data);
      expect(res.status(), path).toBe(status);
      expect((await res.json()).errors?.[0]?.path).toBe(path);
    }
    expect((await post(api, "/api/v1/menu-items", { ...item, resource: "sites" })).status()).toBe(409);
    expect((await post(api, "/api/v1/menu-items", { ...item, route: "/sites" })).status()).toBe(409);
    expect(await snapshot(api, ours)).toBe(state);
    const v = await version(api, globexId);

    res = await post(api, "/api/v1/menu-items", item);
    expect(res.status()).toBe(201);
    const created: Item = await res.json();
    expect(created).toMatchObject({ description: "Where every truck is", plans: [], module: mod.code });
    expect(await version(api, globexId)).toBeGreaterThan(v);
    // Same code in the same module: 409.
    expect(
      (await post(api, "/api/v1/menu-items", { ...item, resource: `${resource}_b`, route: `/b-${t}` })).status(),
    ).toBe(409);

    // In a plan, then deleted: out of every plan, and the audit entry says which.
    const plans = (await (await api.get("/api/v1/plans")).json()).data as {
      id: string;
      code: string;
      menu_item_ids?: string[];
    }[];
    const basic = plans.find((p) => p.code === "basic")!;
    const features = (await (await api.get("/api/v1/menu-items?limit=200")).json()).data as Item[];
    const included = features.filter((i) => i.plans.includes("basic")).map((i) => i.id);
    expect(
      (
        await api.put(`/api/v1/plans/${basic.id}/features`, {
          headers: sameOrigin,
          data: { menu_item_ids: [...included, created.id] },
        })
      ).status(),
    ).toBe(200);
    res = await patch(api, `/api/v1/menu-items/${created.id}`, { sort_order: 2, description: null });
    expect(await res.json()).toMatchObject({ sort_order: 2, description: null, plans: ["basic"] });

    expect((await del(api, `/api/v1/modules/${mod.id}`)).status()).toBe(409);
    expect((await del(api, `/api/v1/menu-items/${created.id}`)).status()).toBe(204);
    const after = (await (await api.get("/api/v1/menu-items?limit=200")).json()).data as Item[];
    expect(after.map((i) => i.id)).not.toContain(created.id);
    const audit = await (
      await api.get(`/api/v1/audit?scope=platform&action=menu_item.deleted&target_id=${created.id}`)
    ).json();
    expect(audit.data[0].before).toMatchObject({ plans: ["basic"], name: "Tracker" });
    expect((await del(api, `/api/v1/modules/${mod.id}`)).status()).toBe(204);
  });
});
