import { type APIRequestContext, type APIResponse, expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { createUserWithRole, tag } from "./support/fresh-user";
import { PERSONAS, signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * DESIGN §3.5 "granting what you do not hold", over HTTP: a real member who manages roles,
 * templates, users and API keys, but holds only a few product permissions, tries every path that
 * could hand out more than they hold — by session, and through an API key they created. Each is
 * refused with 403 naming the codes, changes nothing, and leaves exactly one `access.denied`
 * entry with the caller as actor.
 */

const FOREIGN_UNKNOWN = "6b1f7a52-3c55-4a8e-9a4f-0c4a4b0e9d11";

/** Everything a `write` key needs its creator to hold, and a little of the product. */
const MANAGER_CODES = [
  "gatehouse.console",
  "gatehouse.roles.manage",
  "gatehouse.users.manage",
  "gatehouse.permissions.manage",
  "gatehouse.templates.manage",
  "gatehouse.approvals.manage",
  "gatehouse.api_keys.manage",
  "sites.list.view",
  "sites.detail.view",
  "sites.detail.tabs.overview",
];
/** What the manager does not hold: inside Acme's plan, so someone could. */
const BEYOND = "sites.detail.edit";

async function refused(res: APIResponse, code: string) {
  const body = await res.json();
  expect(res.status(), JSON.stringify(body)).toBe(403);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  expect(body.missing_permissions).toEqual(expect.arrayContaining([code]));
  return body;
}

async function deniedCount(admin: APIRequestContext, actorId: string): Promise<number> {
  const res = await admin.get(`/api/v1/audit?action=access.denied&actor_id=${actorId}&limit=200`);
  expect(res.status()).toBe(200);
  return (await res.json()).data.length;
}

async function roleNamed(api: APIRequestContext, name: string): Promise<{ id: string; version: number }> {
  const found = (await (await api.get(`/api/v1/roles?search=${encodeURIComponent(name)}`)).json()).data as {
    id: string;
    name: string;
    version: number;
  }[];
  return found.find((r) => r.name === name)!;
}

async function grantsOf(api: APIRequestContext, roleId: string): Promise<string[]> {
  const res = await api.get(`/api/v1/roles/${roleId}/permissions`);
  expect(res.status()).toBe(200);
  return ((await res.json()).data as { code: string }[]).map((g) => g.code).sort();
}

test.describe("nobody grants what they do not hold, by any path (DESIGN §3.5)", () => {
  test("a role and key manager is refused every escalation by session, audited each time", async ({ browser }) => {
    test.setTimeout(90_000);
    const adminPage = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const admin = adminPage.request;
    const t = tag();
    const rita = await createUserWithRole(admin, baseURL, "Rita Roles", MANAGER_CODES);
    expect(rita.codes).not.toContain(BEYOND);
    const template = await admin.post("/api/v1/templates", {
      headers: sameOrigin,
      data: { name: `Editors ${t}`, description: "allows editing sites", permissions: { [BEYOND]: "allow" } },
    });
    expect(template.status(), await template.text()).toBe(201);
    const templateId = (await template.json()).id as string;

    const ritaPage = await signedInPage(browser, rita.email, rita.password);
    const api = ritaPage.request;
    // What she holds she may grant: her own target role.
    const res = await api.post("/api/v1/roles", {
      headers: sameOrigin,
      data: { name: `Rita's target ${t}`, permissions: [{ code: "sites.list.view" }] },
    });
    expect(res.status(), await res.text()).toBe(201);
    const target = (await res.json()) as { id: string; version: number };
    const lead = await roleNamed(api, "Engineer Lead");

    await refused(
      await api.put(`/api/v1/roles/${target.id}/permissions`, {
        headers: sameOrigin,
        data: { version: target.version, permissions: [{ code: "sites.list.view" }, { code: BEYOND }] },
      }),
      BEYOND,
    );
    await refused(
      await api.post(`/api/v1/roles/${target.id}/permissions`, {
        headers: sameOrigin,
        data: { version: target.version, codes: [BEYOND] },
      }),
      BEYOND,
    );
    await refused(
      await api.patch(`/api/v1/roles/${target.id}`, {
        headers: sameOrigin,
        data: { version: target.version, parent_ids: [lead.id] },
      }),
      BEYOND,
    );
    await refused(
      await api.post(`/api/v1/templates/${templateId}/apply`, {
        headers: sameOrigin,
        data: { role_id: target.id, version: target.version },
      }),
      BEYOND,
    );
    await refused(
      await api.post(`/api/v1/roles/${target.id}/copy`, {
        headers: sameOrigin,
        data: { version: target.version, from_role_id: lead.id },
      }),
      BEYOND,
    );
    await refused(
      await api.patch("/api/v1/matrix", {
        headers: sameOrigin,
        data: { changes: [{ role_id: target.id, version: target.version, grant: [BEYOND], revoke: [] }] },
      }),
      BEYOND,
    );
    // A key whose scope opens routes she may not use (the audit log, statistics).
    const readKey = await refused(
      await api.post("/api/v1/api-keys", { headers: sameOrigin, data: { name: `reader ${t}`, scopes: ["read"] } }),
      "gatehouse.audit.view",
    );
    expect(readKey.missing_permissions).toEqual(expect.arrayContaining(["gatehouse.stats.view"]));

    // Nothing changed: the role is as she created it (version and grants), and no key was made.
    const after = await (await api.get(`/api/v1/roles/${target.id}`)).json();
    expect(after.version).toBe(target.version);
    expect(after.parent_ids).toEqual([]);
    expect(await grantsOf(api, target.id)).toEqual(["sites.list.view"]);
    const keys = (await (await api.get("/api/v1/api-keys")).json()).data as { name: string }[];
    expect(keys.some((k) => k.name === `reader ${t}`)).toBe(false);

    // Each refusal left exactly one access.denied entry naming her, with the codes.
    expect(await deniedCount(admin, rita.id)).toBe(7);
    const entries = (await (await admin.get(`/api/v1/audit?action=access.denied&actor_id=${rita.id}&limit=200`)).json())
      .data as { actor: string; notes: string; after: { missing_permissions: string[] } }[];
    expect(entries.every((e) => e.actor === rita.email)).toBe(true);
    expect(entries.filter((e) => e.after.missing_permissions.includes(BEYOND))).toHaveLength(6);
    await ritaPage.close();
    await adminPage.close();
  });

  test("a key grants with its creator's authority at write time, never more", async ({ browser, playwright }) => {
    test.setTimeout(90_000);
    const adminPage = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const admin = adminPage.request;
    const t = tag();
    const rita = await createUserWithRole(admin, baseURL, "Kim Keys", MANAGER_CODES);
    const ritaPage = await signedInPage(browser, rita.email, rita.password);
    // She holds every permission a write key opens: the key is hers to make.
    let res = await ritaPage.request.post("/api/v1/api-keys", {
      headers: sameOrigin,
      data: { name: `writer ${t}`, scopes: ["write"] },
    });
    expect(res.status(), await res.text()).toBe(201);
    const key = (await res.json()) as { id: string; secret: string; created_by: string };
    expect(key.created_by).toBe(rita.id);
    res = await ritaPage.request.post("/api/v1/roles", {
      headers: sameOrigin,
      data: { name: `Key target ${t}`, permissions: [{ code: "sites.list.view" }] },
    });
    expect(res.status()).toBe(201);
    let target = (await res.json()) as { id: string; version: number };
    await ritaPage.close();

    const app = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
    });
    // What its creator holds, the key may grant.
    res = await app.post(`/api/v1/roles/${target.id}/permissions`, {
      data: { version: target.version, codes: ["sites.detail.view"] },
    });
    expect(res.status(), await res.text()).toBe(200);
    target = { id: target.id, version: (await res.json()).version };
    // Beyond its creator: refused, naming the creator, whatever the path.
    let body = await refused(
      await app.post(`/api/v1/roles/${target.id}/permissions`, { data: { version: target.version, codes: [BEYOND] } }),
      BEYOND,
    );
    expect(body.key_creator_id).toBe(rita.id);
    const viewer = (await (await admin.get(`/api/v1/users?search=${encodeURIComponent(PERSONAS.viewer.email)}`)).json())
      .data[0].id as string;
    const lead = await roleNamed(admin, "Engineer Lead");
    await refused(await app.post(`/api/v1/users/${viewer}/roles`, { data: { role_id: lead.id } }), BEYOND);
    await refused(
      await app.put(`/api/v1/users/${viewer}/permissions`, {
        data: { permissions: [{ code: BEYOND, effect: "allow" }] },
      }),
      BEYOND,
    );
    // A key cannot mint another key (which revoking it would not end).
    res = await app.post("/api/v1/api-keys", { data: { name: `child ${t}`, scopes: ["check"] } });
    expect(res.status()).toBe(403);

    // The creator loses a permission: their key loses it at once.
    const ritaRole = await (await admin.get(`/api/v1/roles/${rita.roleId}`)).json();
    res = await admin.delete(`/api/v1/roles/${rita.roleId}/permissions`, {
      headers: sameOrigin,
      data: { version: ritaRole.version, codes: ["sites.detail.tabs.overview"] },
    });
    expect(res.status(), await res.text()).toBe(200);
    body = await refused(
      await app.put(`/api/v1/roles/${target.id}/permissions`, {
        data: {
          version: target.version,
          permissions: [
            { code: "sites.list.view" },
            { code: "sites.detail.view" },
            { code: "sites.detail.tabs.overview" },
          ],
        },
      }),
      "sites.detail.tabs.overview",
    );
    expect(body.missing_permissions).toEqual(["sites.detail.tabs.overview"]);

    // The creator leaves the tenant: the key can do nothing any more, not even what it once could —
    // the route wrapper checks each route's permission against the key's creator, now.
    expect((await admin.delete(`/api/v1/users/${rita.id}`, { headers: sameOrigin })).status()).toBe(204);
    res = await app.post("/api/v1/roles", {
      data: { name: `After she left ${t}`, permissions: [{ code: "sites.list.view" }] },
    });
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ missing_permission: "gatehouse.roles.manage", key_creator_id: rita.id });

    expect(await grantsOf(admin, target.id)).toEqual(["sites.detail.view", "sites.list.view"]);
    const entries = (await (await admin.get(`/api/v1/audit?action=access.denied&actor_id=${key.id}&limit=200`)).json())
      .data as { actor: string; actor_type: string }[];
    expect(entries.length).toBe(6);
    expect(entries.every((e) => e.actor === `API key writer ${t}` && e.actor_type === "api_key")).toBe(true);
    await app.dispose();
    await adminPage.close();
  });
});

test.describe("refusals by the route guard", () => {
  test("a write refused for a missing permission is audited with its route; a refused read is not", async ({
    browser,
  }) => {
    const adminPage = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const t = tag();
    const fresh = await createUserWithRole(adminPage.request, baseURL, "Walt Writes", ["sites.list.view"]);
    const page = await signedInPage(browser, fresh.email, fresh.password);
    expect(await deniedCount(adminPage.request, fresh.id)).toBe(0);

    let res = await page.request.post("/api/v1/roles", { headers: sameOrigin, data: { name: `Not mine ${t}` } });
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ missing_permission: "gatehouse.roles.manage" });
    res = await page.request.get("/api/v1/roles");
    expect(res.status()).toBe(403);

    const entries = (
      await (await adminPage.request.get(`/api/v1/audit?action=access.denied&actor_id=${fresh.id}&limit=200`)).json()
    ).data as { after: Record<string, unknown> }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]!.after).toMatchObject({
      method: "POST",
      path: "/api/v1/roles",
      missing_permission: "gatehouse.roles.manage",
    });
    const created = (
      await (await adminPage.request.get(`/api/v1/roles?search=${encodeURIComponent(`Not mine ${t}`)}`)).json()
    ).data as unknown[];
    expect(created).toHaveLength(0);
    await Promise.all([page.context().close(), adminPage.context().close()]);
  });
});

test.describe("another tenant's ids answer exactly like unknown ones", () => {
  test("API keys, members, their roles and overrides, and the matrix", async ({ browser }) => {
    test.setTimeout(90_000);
    const acmePage = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const globexPage = await signedInPage(browser, "admin@globex.test");
    const acme = acmePage.request;
    const globex = globexPage.request;
    const t = tag();

    // Globex's own: a key, a member with a role and an override, a role.
    let res = await globex.post("/api/v1/api-keys", {
      headers: sameOrigin,
      data: { name: `globex ${t}`, scopes: ["check"] },
    });
    expect(res.status(), await res.text()).toBe(201);
    const globexKey = (await res.json()).id as string;
    const globexRole = (await (await globex.get("/api/v1/roles?search=purchaser")).json()).data[0] as {
      id: string;
      version: number;
      name: string;
    };
    expect(globexRole.name).toBe("Purchaser");
    res = await globex.post("/api/v1/users", {
      headers: sameOrigin,
      data: { email: `victim.${t}@globex.test`, name: "Gil Globex", role_ids: [globexRole.id] },
    });
    expect(res.status(), await res.text()).toBe(201);
    const victim = (await res.json()).id as string;
    const code = (await (await globex.get("/api/v1/me/permissions")).json()).codes.find(
      (c: string) => !c.startsWith("gatehouse."),
    ) as string;
    res = await globex.put(`/api/v1/users/${victim}/permissions`, {
      headers: sameOrigin,
      data: { permissions: [{ code, effect: "deny" }] },
    });
    expect(res.status(), await res.text()).toBe(200);
    const theirPermissions = (await (await globex.get(`/api/v1/users/${victim}/permissions`)).json()).data as {
      permission_id: string;
      code: string;
      source: string;
    }[];
    const permissionId = theirPermissions.find((p) => p.code === code && p.source === "direct")!.permission_id;
    const member = (await (await acme.get(`/api/v1/users?search=${encodeURIComponent(PERSONAS.member.email)}`)).json())
      .data[0].id as string;

    const same = async (what: string, foreign: APIResponse, unknown: APIResponse) => {
      expect(foreign.status(), `${what}: ${await foreign.text()}`).toBe(404);
      expect(await foreign.text(), what).toBe(await unknown.text());
    };
    const u = FOREIGN_UNKNOWN;
    await same(
      "DELETE api key",
      await acme.delete(`/api/v1/api-keys/${globexKey}`, { headers: sameOrigin }),
      await acme.delete(`/api/v1/api-keys/${u}`, { headers: sameOrigin }),
    );
    await same(
      "PATCH user",
      await acme.patch(`/api/v1/users/${victim}`, { headers: sameOrigin, data: { status: "disabled" } }),
      await acme.patch(`/api/v1/users/${u}`, { headers: sameOrigin, data: { status: "disabled" } }),
    );
    await same(
      "DELETE user",
      await acme.delete(`/api/v1/users/${victim}`, { headers: sameOrigin }),
      await acme.delete(`/api/v1/users/${u}`, { headers: sameOrigin }),
    );
    await same(
      "DELETE user role",
      await acme.delete(`/api/v1/users/${victim}/roles/${globexRole.id}`, { headers: sameOrigin }),
      await acme.delete(`/api/v1/users/${u}/roles/${u}`, { headers: sameOrigin }),
    );
    await same(
      "DELETE own member's foreign role",
      await acme.delete(`/api/v1/users/${member}/roles/${globexRole.id}`, { headers: sameOrigin }),
      await acme.delete(`/api/v1/users/${member}/roles/${u}`, { headers: sameOrigin }),
    );
    await same(
      "DELETE user override",
      await acme.delete(`/api/v1/users/${victim}/permissions/${permissionId}`, { headers: sameOrigin }),
      await acme.delete(`/api/v1/users/${u}/permissions/${permissionId}`, { headers: sameOrigin }),
    );
    await same(
      "GET user roles",
      await acme.get(`/api/v1/users/${victim}/roles`),
      await acme.get(`/api/v1/users/${u}/roles`),
    );
    await same(
      "PATCH matrix",
      await acme.patch("/api/v1/matrix", {
        headers: sameOrigin,
        data: {
          changes: [{ role_id: globexRole.id, version: globexRole.version, grant: ["sites.list.view"], revoke: [] }],
        },
      }),
      await acme.patch("/api/v1/matrix", {
        headers: sameOrigin,
        data: { changes: [{ role_id: u, version: globexRole.version, grant: ["sites.list.view"], revoke: [] }] },
      }),
    );

    // And nothing of Globex's changed: the key, the member, their role and override are all there.
    const keys = (await (await globex.get("/api/v1/api-keys")).json()).data as {
      id: string;
      revoked_at: string | null;
    }[];
    expect(keys.find((k) => k.id === globexKey)?.revoked_at).toBeNull();
    const detail = await (await globex.get(`/api/v1/users/${victim}`)).json();
    expect(detail.membership_status).toBe("active");
    expect(detail.roles.map((r: { id: string }) => r.id)).toEqual([globexRole.id]);
    expect(detail.overrides.map((o: { code: string }) => o.code)).toEqual([code]);
    expect((await (await globex.get(`/api/v1/roles/${globexRole.id}`)).json()).version).toBe(globexRole.version);
    await globexPage.close();
    await acmePage.close();
  });
});
