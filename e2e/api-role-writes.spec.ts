import { type APIRequestContext, expect, test } from "@playwright/test";
import { loginAs, signIn } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

type Role = { id: string; name: string; version: number };

async function create(api: APIRequestContext, data: Record<string, unknown>) {
  return api.post("/api/v1/roles", { headers: sameOrigin, data });
}
async function role(api: APIRequestContext, id: string) {
  return (await api.get(`/api/v1/roles/${id}`)).json();
}
const unique = (name: string) => `${name} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("role writes over the API", () => {
  test.beforeEach(async ({ page }) => loginAs(page, "tenantAdmin"));

  test("create, edit with versions, inherit without cycles, delete with the 409 / force flow", async ({ page }) => {
    const api = page.request;
    let res = await create(api, {
      name: unique("Auditors"),
      description: "Read invoices",
      permissions: [{ code: "sales.invoices.view" }, { code: "sites.list.view", scope: "department" }],
    });
    expect(res.status()).toBe(201);
    expect(res.headers()["x-perm-version"]).toBeTruthy();
    const auditors: Role & { perm_version: number } = await res.json();
    expect(auditors.version).toBe(1);
    const detail = await role(api, auditors.id);
    expect(detail.permissions.map((p: { code: string; scope: string }) => `${p.code}@${p.scope}`)).toEqual([
      "sales.invoices.view@organization",
      "sites.list.view@department",
    ]);

    res = await create(api, { name: auditors.name.toUpperCase() });
    expect(res.status()).toBe(409);
    res = await create(api, { name: "x", is_system: true });
    expect(res.status()).toBe(400);

    res = await api.patch(`/api/v1/roles/${auditors.id}`, {
      headers: sameOrigin,
      data: { version: 1, description: "Reads invoices and sites" },
    });
    expect(res.status()).toBe(200);
    expect((await res.json()).version).toBe(2);
    res = await api.patch(`/api/v1/roles/${auditors.id}`, {
      headers: sameOrigin,
      data: { version: 1, description: "stale" },
    });
    expect(res.status()).toBe(409);
    expect(await res.json()).toMatchObject({ status: 409, current_version: 2 });

    const child: Role = await (
      await create(api, { name: unique("Senior Auditors"), parent_ids: [auditors.id] })
    ).json();
    res = await api.patch(`/api/v1/roles/${auditors.id}`, {
      headers: sameOrigin,
      data: { version: 2, parent_ids: [child.id] },
    });
    expect(res.status()).toBe(422);
    expect((await res.json()).detail).toContain("cycle");

    res = await api.post(`/api/v1/roles/${auditors.id}/permissions`, {
      headers: sameOrigin,
      data: { version: 2, codes: ["sales.invoices.export"] },
    });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ added: ["sales.invoices.export"], version: 3 });
    res = await api.delete(`/api/v1/roles/${auditors.id}/permissions`, {
      headers: sameOrigin,
      data: { version: 3, codes: ["sites.list.view"] },
    });
    expect(await res.json()).toMatchObject({ removed: ["sites.list.view"], version: 4 });

    // Four eyes: a requires_approval permission becomes a request, not a grant.
    res = await api.post(`/api/v1/roles/${auditors.id}/permissions`, {
      headers: sameOrigin,
      data: { version: 4, codes: ["sites.detail.fields.sensitive"] },
    });
    expect(res.status()).toBe(202);
    expect((await res.json()).approval_ids).toHaveLength(1);
    expect((await role(api, auditors.id)).permissions.map((p: { code: string }) => p.code)).not.toContain(
      "sites.detail.fields.sensitive",
    );

    res = await api.delete(`/api/v1/roles/${child.id}`, { headers: sameOrigin });
    expect(res.status()).toBe(204);
    res = await api.delete(`/api/v1/roles/${auditors.id}`, { headers: sameOrigin });
    expect(res.status()).toBe(204);
  });

  test("system roles refuse edits; roles in use need force; copy replaces grants", async ({ page }) => {
    const api = page.request;
    const all = (await (await api.get("/api/v1/roles?limit=200")).json()).data as (Role & {
      is_system: boolean;
      user_count: number;
    })[];
    const admin = all.find((r) => r.is_system)!;
    let res = await api.patch(`/api/v1/roles/${admin.id}`, {
      headers: sameOrigin,
      data: { version: admin.version, description: "mine now" },
    });
    expect(res.status()).toBe(422);
    res = await api.delete(`/api/v1/roles/${admin.id}`, { headers: sameOrigin });
    expect(res.status()).toBe(422);

    const support = all.find((r) => r.name === "Billing Clerk")!;
    res = await api.delete(`/api/v1/roles/${support.id}`, { headers: sameOrigin });
    expect(res.status()).toBe(409);
    expect((await res.json()).user_count).toBe(support.user_count);

    const copy: Role = await (await create(api, { name: unique("Copy of Billing") })).json();
    res = await api.post(`/api/v1/roles/${copy.id}/copy`, {
      headers: sameOrigin,
      data: { version: 1, from_role_id: support.id },
    });
    expect(res.status()).toBe(200);
    const a = (await role(api, copy.id)).permissions.map((p: { code: string }) => p.code);
    const b = (await role(api, support.id)).permissions.map((p: { code: string }) => p.code);
    expect(a).toEqual(b);

    res = await api.delete(`/api/v1/roles/${support.id}?force=true`, { headers: sameOrigin });
    expect(res.status()).toBe(204);
    expect((await api.get(`/api/v1/roles/${support.id}`)).status()).toBe(404);
  });

  test("another tenant's role is a 404 for every write, exactly like an unknown id", async ({ page, browser }) => {
    const globex = await browser.newPage();
    await signIn(globex, "admin@globex.test");
    await expect(globex.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
    const theirs = (await (await globex.request.get("/api/v1/roles?search=warehouse")).json()).data[0] as Role;
    const unknown = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const writes: [string, string, Record<string, unknown>][] = [
      ["PATCH", "", { version: theirs.version, name: "Mine" }],
      ["DELETE", "", {}],
      ["PUT", "/permissions", { version: theirs.version, permissions: [] }],
      ["POST", "/permissions", { version: theirs.version, codes: ["products.view"] }],
      ["DELETE", "/permissions", { version: theirs.version, codes: ["products.view"] }],
      ["POST", "/copy", { version: theirs.version, from_role_id: theirs.id }],
    ];
    for (const [method, path, data] of writes) {
      const a = await page.request.fetch(`/api/v1/roles/${theirs.id}${path}`, { method, headers: sameOrigin, data });
      const b = await page.request.fetch(`/api/v1/roles/${unknown}${path}`, { method, headers: sameOrigin, data });
      expect(a.status(), `${method} ${path}`).toBe(404);
      expect(await a.text()).toBe(await b.text());
    }
    await globex.close();
  });

  test("concurrency: one of two saves from the same version wins; one of twenty equal names is created", async ({
    page,
  }) => {
    const api = page.request;
    const r: Role = await (await create(api, { name: unique("Race") })).json();
    const saves = await Promise.all(
      ["A", "B"].map((d) =>
        api.patch(`/api/v1/roles/${r.id}`, { headers: sameOrigin, data: { version: 1, description: d } }),
      ),
    );
    expect(saves.map((s) => s.status()).sort()).toEqual([200, 409]);

    const name = unique("Twenty");
    const creates = await Promise.all(Array.from({ length: 20 }, () => create(api, { name })));
    const statuses = creates.map((c) => c.status());
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
  });

  test("concurrency: fifty parallel adds and removes leave the serial result", async ({ page }) => {
    const api = page.request;
    const catalog = (await (await api.get("/api/v1/matrix?module=sites")).json()).permissions as {
      code: string;
      requires_approval: boolean;
    }[];
    const more = (await (await api.get("/api/v1/matrix?module=sales")).json()).permissions as {
      code: string;
      requires_approval: boolean;
    }[];
    const codes = [...catalog, ...more]
      .filter((p) => !p.requires_approval)
      .map((p) => p.code)
      .slice(0, 50);
    expect(codes).toHaveLength(50);
    const initial = codes.filter((_: string, i: number) => i % 2 === 1);
    const r: Role = await (
      await create(api, { name: unique("Fifty"), permissions: initial.map((code: string) => ({ code })) })
    ).json();
    // Each operation reads the version and writes: some win, the others get 409; none is lost or half-done.
    const results = await Promise.all(
      codes.map(async (code: string, i: number) => {
        const { version } = await role(api, r.id);
        const res = await api.fetch(`/api/v1/roles/${r.id}/permissions`, {
          method: i % 2 ? "DELETE" : "POST",
          headers: sameOrigin,
          data: { version, codes: [code] },
        });
        expect([200, 409]).toContain(res.status());
        return res.status() === 200;
      }),
    );
    const done = results.filter(Boolean).length;
    const expected = codes
      .filter((c: string, i: number) => (i % 2 === 0 ? results[i] : !results[i] && initial.includes(c)))
      .sort();
    const final = await role(api, r.id);
    expect(final.permissions.map((p: { code: string }) => p.code).sort()).toEqual(expected);
    expect(final.version).toBe(1 + done);
    // Exactly one audit entry per successful write, none for a 409 (the entry is in the write's
    // transaction), plus the one for the grants the role was created with.
    const audit = (
      await (await api.get(`/api/v1/audit?target_id=${r.id}&action=role.permissions.updated&limit=200`)).json()
    ).data as { before: { codes: string[] } }[];
    expect(audit).toHaveLength(done + 1);
    expect(audit.at(-1)!.before.codes).toEqual([]);
  });
});
