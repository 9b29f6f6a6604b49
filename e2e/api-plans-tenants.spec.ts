import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { loginAs, signIn } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

const unknown = "0f8fad5b-d9cb-469f-a165-70867728950e";
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
type Plan = {
  id: string;
  code: string;
  price_monthly: number;
  menu_items: { id: string; code: string; resource: string }[];
};
type Tenant = { id: string; slug: string; name: string; plan_id: string | null; perm_version: number };

async function superAdmin(page: Page) {
  await loginAs(page, "superAdmin");
  return page.request;
}
const tenantHeader = (id: string) => ({ ...sameOrigin, "x-tenant-id": id });
async function tenant(api: APIRequestContext, id: string): Promise<Tenant> {
  return (await api.get(`/api/v1/tenants/${id}`)).json();
}

test.describe("plans", () => {
  test("anonymous callers are refused; members read the price list; only super-admins write", async ({
    page,
    playwright,
  }) => {
    const anon = await playwright.request.newContext({ baseURL });
    expect((await anon.get("/api/v1/plans")).status()).toBe(401);
    expect((await anon.post("/api/v1/plans", { headers: sameOrigin, data: { code: "x", name: "x" } })).status()).toBe(
      401,
    );
    expect(
      (
        await anon.put(`/api/v1/plans/${unknown}/features`, { headers: sameOrigin, data: { menu_item_ids: [] } })
      ).status(),
    ).toBe(401);
    await anon.dispose();

    await loginAs(page, "member");
    const res = await page.request.get("/api/v1/plans");
    expect(res.status()).toBe(200);
    const plans = (await res.json()).data as Plan[];
    expect(plans.map((p) => p.code)).toEqual(expect.arrayContaining(["basic", "professional", "enterprise"]));
    const basic = plans.find((p) => p.code === "basic")!;
    const enterprise = plans.find((p) => p.code === "enterprise")!;
    expect(enterprise.menu_items.length).toBeGreaterThan(basic.menu_items.length);

    const writes: [string, string, Record<string, unknown>][] = [
      ["POST", "/api/v1/plans", { code: `nope-${stamp()}`, name: "Nope" }],
      ["PATCH", `/api/v1/plans/${basic.id}`, { price_monthly: 0 }],
      ["PUT", `/api/v1/plans/${basic.id}/features`, { menu_item_ids: [] }],
    ];
    for (const [method, url, data] of writes) {
      const r = await page.request.fetch(url, { method, headers: sameOrigin, data });
      expect(r.status(), `${method} ${url}`).toBe(403);
    }
  });

  test("a super-admin creates, edits and sets the features of a plan; errors are 400, 404, 409, 422", async ({
    page,
  }) => {
    const api = await superAdmin(page);
    const code = `team-${stamp()}`;
    let res = await api.post("/api/v1/plans", {
      headers: sameOrigin,
      data: { code, name: "Team", description: "For small teams", price_monthly: 9.5, price_yearly: 95 },
    });
    expect(res.status()).toBe(201);
    const plan: Plan = await res.json();
    expect(plan).toMatchObject({
      code,
      name: "Team",
      price_monthly: 9.5,
      price_yearly: 95,
      is_active: true,
      menu_items: [],
    });

    expect((await api.post("/api/v1/plans", { headers: sameOrigin, data: { code, name: "Again" } })).status()).toBe(
      409,
    );
    res = await api.post("/api/v1/plans", {
      headers: sameOrigin,
      data: { code: `neg-${stamp()}`, name: "Negative", price_monthly: -1 },
    });
    expect(res.status()).toBe(400);
    expect((await res.json()).errors[0].path).toBe("body.price_monthly");
    expect(
      (
        await api.post("/api/v1/plans", {
          headers: sameOrigin,
          data: { code: `sys-${stamp()}`, name: "Sneaky", is_system: true },
        })
      ).status(),
    ).toBe(400);
    expect(
      (await api.post("/api/v1/plans", { headers: sameOrigin, data: { code: "Not A Code", name: "Bad" } })).status(),
    ).toBe(400);

    res = await api.patch(`/api/v1/plans/${plan.id}`, {
      headers: sameOrigin,
      data: { price_monthly: 12, name: "Team+" },
    });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ price_monthly: 12, name: "Team+", code });
    expect(
      (await api.patch(`/api/v1/plans/${plan.id}`, { headers: sameOrigin, data: { code: "enterprise" } })).status(),
    ).toBe(409);
    expect(
      (await api.patch(`/api/v1/plans/${plan.id}`, { headers: sameOrigin, data: { price_yearly: -5 } })).status(),
    ).toBe(400);
    expect(
      (await api.patch(`/api/v1/plans/${unknown}`, { headers: sameOrigin, data: { name: "Ghost" } })).status(),
    ).toBe(404);

    const all = (await (await api.get("/api/v1/plans")).json()).data as Plan[];
    const items = all.find((p) => p.code === "enterprise")!.menu_items.slice(0, 2);
    res = await api.put(`/api/v1/plans/${plan.id}/features`, {
      headers: sameOrigin,
      data: { menu_item_ids: items.map((i) => i.id) },
    });
    expect(res.status()).toBe(200);
    expect(((await res.json()).menu_items as Plan["menu_items"]).map((i) => i.id).sort()).toEqual(
      items.map((i) => i.id).sort(),
    );
    res = await api.put(`/api/v1/plans/${plan.id}/features`, {
      headers: sameOrigin,
      data: { menu_item_ids: [items[0]!.id, unknown] },
    });
    expect(res.status()).toBe(422);
    expect((await res.json()).unknown_menu_item_ids).toEqual([unknown]);
    expect(
      (
        await api.put(`/api/v1/plans/${unknown}/features`, { headers: sameOrigin, data: { menu_item_ids: [] } })
      ).status(),
    ).toBe(404);
    expect(
      (
        await api.put(`/api/v1/plans/${plan.id}/features`, { headers: sameOrigin, data: { menu_item_ids: ["nope"] } })
      ).status(),
    ).toBe(400);

    const listed = ((await (await api.get("/api/v1/plans")).json()).data as Plan[]).find((p) => p.id === plan.id)!;
    expect(listed.menu_items).toHaveLength(2);
  });

  test("changing a plan's features changes decisions in its tenants at once (perm_version bumped)", async ({
    page,
  }) => {
    const api = await superAdmin(page);
    const plan: Plan = await (
      await api.post("/api/v1/plans", { headers: sameOrigin, data: { code: `gate-${stamp()}`, name: "Gate" } })
    ).json();
    const t: Tenant = await (
      await api.post("/api/v1/tenants", {
        headers: sameOrigin,
        data: { name: `Gated ${stamp()}`, slug: `gated-${stamp()}`, plan_id: plan.id },
      })
    ).json();
    const check = async () =>
      (
        await api.post("/api/v1/check", {
          headers: tenantHeader(t.id),
          data: { user_email: "super@gatehouse.test", code: "sales.invoices.view" },
        })
      ).json();
    expect(await check()).toMatchObject({ granted: false, reason: "plan" });

    const enterprise = ((await (await api.get("/api/v1/plans")).json()).data as Plan[]).find(
      (p) => p.code === "enterprise",
    )!;
    const invoices = enterprise.menu_items.find((i) => i.resource === "sales.invoices")!;
    const before = (await tenant(api, t.id)).perm_version;
    const res = await api.put(`/api/v1/plans/${plan.id}/features`, {
      headers: sameOrigin,
      data: { menu_item_ids: [invoices.id] },
    });
    expect(res.status()).toBe(200);
    expect((await res.json()).tenants_affected).toBe(1);
    expect((await tenant(api, t.id)).perm_version).toBeGreaterThan(before);
    expect(await check()).toMatchObject({ granted: true, reason: "superadmin" });
  });
});

test.describe("tenants", () => {
  test("a super-admin creates a tenant with Admin, Member and Viewer, and edits it", async ({ page }) => {
    const api = await superAdmin(page);
    const plans = (await (await api.get("/api/v1/plans")).json()).data as Plan[];
    const basic = plans.find((p) => p.code === "basic")!;
    const slug = `umbrella-${stamp()}`;
    let res = await api.post("/api/v1/tenants", {
      headers: sameOrigin,
      data: { name: "Umbrella Corp", slug, plan_id: basic.id },
    });
    expect(res.status()).toBe(201);
    const t: Tenant = await res.json();
    expect(t).toMatchObject({ name: "Umbrella Corp", slug, plan_id: basic.id });

    expect((await api.post("/api/v1/tenants", { headers: sameOrigin, data: { name: "Copycat", slug } })).status()).toBe(
      409,
    );
    expect(
      (await api.post("/api/v1/tenants", { headers: sameOrigin, data: { name: "Bad", slug: "Bad Slug" } })).status(),
    ).toBe(400);
    expect(
      (
        await api.post("/api/v1/tenants", {
          headers: sameOrigin,
          data: { name: "Sneaky", slug: `s-${stamp()}`, tenant_id: unknown },
        })
      ).status(),
    ).toBe(400);
    res = await api.post("/api/v1/tenants", {
      headers: sameOrigin,
      data: { name: "No plan", slug: `np-${stamp()}`, plan_id: unknown },
    });
    expect(res.status()).toBe(422);

    const roles = (await (await api.get("/api/v1/roles", { headers: tenantHeader(t.id) })).json()).data as {
      name: string;
      is_system: boolean;
      is_default: boolean;
      grants_all: boolean;
    }[];
    expect(roles.map((r) => r.name).sort()).toEqual(["Admin", "Member", "Viewer"]);
    expect(roles.find((r) => r.name === "Admin")).toMatchObject({ is_system: true, grants_all: true });
    expect(roles.find((r) => r.name === "Member")).toMatchObject({ is_default: true, is_system: false });
    const created = await (
      await api.get("/api/v1/audit?action=tenant.created", { headers: tenantHeader(t.id) })
    ).json();
    expect(created.data).toHaveLength(1);
    expect(created.data[0]).toMatchObject({ actor: "super@gatehouse.test", target_id: t.id });

    // Switching the session's active tenant works as well as the header.
    expect((await api.post("/api/v1/me/tenant", { headers: sameOrigin, data: { tenant_id: t.id } })).status()).toBe(
      200,
    );
    expect((await (await api.get("/api/v1/me")).json()).tenant.id).toBe(t.id);

    res = await api.patch(`/api/v1/tenants/${t.id}`, {
      headers: sameOrigin,
      data: { name: "Umbrella Corporation", plan_id: null },
    });
    expect(res.status()).toBe(200);
    const edited: Tenant = await res.json();
    expect(edited).toMatchObject({ name: "Umbrella Corporation", plan_id: null, slug });
    expect(edited.perm_version).toBeGreaterThan(t.perm_version);
    expect(res.headers()["x-perm-version"]).toBe(String(edited.perm_version));
    expect((await api.patch(`/api/v1/tenants/${t.id}`, { headers: sameOrigin, data: { slug: "acme" } })).status()).toBe(
      409,
    );
    expect(
      (await api.patch(`/api/v1/tenants/${t.id}`, { headers: sameOrigin, data: { perm_version: 99 } })).status(),
    ).toBe(400);
    expect(
      (await api.patch(`/api/v1/tenants/${unknown}`, { headers: sameOrigin, data: { name: "Ghost" } })).status(),
    ).toBe(404);
    expect((await api.get(`/api/v1/tenants/${unknown}`)).status()).toBe(404);

    const found = await (await api.get(`/api/v1/tenants?search=${slug}`)).json();
    expect(found.data.map((x: Tenant) => x.id)).toEqual([t.id]);
    const updated = await (
      await api.get("/api/v1/audit?action=tenant.updated", { headers: tenantHeader(t.id) })
    ).json();
    expect(updated.data[0]).toMatchObject({
      before: { plan_id: basic.id },
      after: { plan_id: null, name: "Umbrella Corporation" },
    });
  });

  test("non-super-admins: 401 anonymous, 403 on the list and writes, own tenant readable, another's a 404 like an unknown id", async ({
    page,
    browser,
    playwright,
  }) => {
    const anon = await playwright.request.newContext({ baseURL });
    expect((await anon.get("/api/v1/tenants")).status()).toBe(401);
    expect((await anon.get(`/api/v1/tenants/${unknown}`)).status()).toBe(401);
    await anon.dispose();

    const sup = await browser.newPage();
    await loginAs(sup, "superAdmin");
    const globex = ((await (await sup.request.get("/api/v1/tenants?search=globex")).json()).data as Tenant[])[0]!;
    await sup.close();

    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const acme = (await (await api.get("/api/v1/me")).json()).tenant as { id: string };
    expect((await api.get("/api/v1/tenants")).status()).toBe(403);
    expect(
      (
        await api.post("/api/v1/tenants", { headers: sameOrigin, data: { name: "Mine", slug: `mine-${stamp()}` } })
      ).status(),
    ).toBe(403);
    expect(
      (await api.patch(`/api/v1/tenants/${acme.id}`, { headers: sameOrigin, data: { plan_id: null } })).status(),
    ).toBe(403);
    const own = await api.get(`/api/v1/tenants/${acme.id}`);
    expect(own.status()).toBe(200);
    expect(await own.json()).toMatchObject({ id: acme.id, slug: "acme" });
    const theirs = await api.get(`/api/v1/tenants/${globex.id}`);
    const none = await api.get(`/api/v1/tenants/${unknown}`);
    expect(theirs.status()).toBe(404);
    expect(await theirs.text()).toBe(await none.text());

    const member = await browser.newPage();
    await signIn(member, "viewer@acme.test");
    await expect(member.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
    const res = await member.request.get(`/api/v1/tenants/${acme.id}`);
    expect(res.status()).toBe(403);
    expect((await res.json()).missing_permission).toBe("gatehouse.tenants.view");
    await member.close();
  });
});

test.describe("check statistics", () => {
  test("per permission allowed and denied, flushed on read, with the cache hit rate; 400, 401, 403", async ({
    page,
    browser,
    playwright,
  }) => {
    const anon = await playwright.request.newContext({ baseURL });
    expect((await anon.get("/api/v1/stats/checks")).status()).toBe(401);
    await anon.dispose();

    await loginAs(page, "tenantAdmin");
    const key = await (
      await page.request.post("/api/v1/api-keys", {
        headers: sameOrigin,
        data: { name: `stats ${stamp()}`, scopes: ["check", "read"] },
      })
    ).json();
    const app = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
    });
    type Row = { code: string; allowed: number; denied: number };
    const stats = async () =>
      (await (await app.get("/api/v1/stats/checks")).json()) as {
        data: Row[];
        cache: { hit_rate: number | null };
        from: string;
        to: string;
      };
    const row = (s: { data: Row[] }, code: string) => s.data.find((r) => r.code === code) ?? { allowed: 0, denied: 0 };

    const before = await stats();
    expect(
      (await app.post("/api/v1/check", { data: { user_email: "member@acme.test", code: "sites.list.view" } })).status(),
    ).toBe(200);
    expect(
      (
        await app.post("/api/v1/check", { data: { user_email: "member@acme.test", code: "finance.journal.delete" } })
      ).status(),
    ).toBe(200);
    const after = await stats();
    expect(row(after, "sites.list.view").allowed).toBeGreaterThanOrEqual(row(before, "sites.list.view").allowed + 1);
    expect(row(after, "finance.journal.delete").denied).toBeGreaterThanOrEqual(
      row(before, "finance.journal.delete").denied + 1,
    );
    expect(after.cache.hit_rate).toBeGreaterThanOrEqual(0);
    expect(after.cache.hit_rate).toBeLessThanOrEqual(1);
    expect(after.to).toBe(new Date().toISOString().slice(0, 10));

    expect((await app.get("/api/v1/stats/checks?from=2024-13-01")).status()).toBe(400);
    expect((await app.get("/api/v1/stats/checks?from=2025-02-01&to=2025-01-01")).status()).toBe(400);
    expect((await app.get("/api/v1/stats/checks?tenant_id=x")).status()).toBe(400);
    const old = await (await app.get("/api/v1/stats/checks?from=2000-01-01&to=2000-01-31")).json();
    expect(old.data).toEqual([]);
    await app.dispose();

    const v = await browser.newPage();
    await loginAs(v, "viewer");
    const res = await v.request.get("/api/v1/stats/checks");
    expect(res.status()).toBe(403);
    expect((await res.json()).missing_permission).toBe("gatehouse.stats.view");
    await v.close();
  });
});
