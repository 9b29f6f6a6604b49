import { type APIRequestContext, expect, test } from "@playwright/test";
import { loginAs, signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

const tag = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 5);

async function userId(api: APIRequestContext, email: string): Promise<string> {
  const found = (await (await api.get(`/api/v1/users?search=${encodeURIComponent(email)}`)).json()).data;
  return found[0].id;
}

test.describe("users over the API", () => {
  test("list, read, permissions with their source, stats, explain, and overrides that flip a decision", async ({
    page,
  }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const list = (await (await api.get("/api/v1/users?search=acme.test&limit=200")).json()).data;
    expect(list.map((u: { email: string }) => u.email)).toEqual(
      expect.arrayContaining(["member@acme.test", "viewer@acme.test"]),
    );
    const member = await userId(api, "member@acme.test");
    const detail = await (await api.get(`/api/v1/users/${member}`)).json();
    expect(detail.roles.map((r: { name: string }) => r.name)).toEqual(["Field Engineer"]);
    expect(detail.overrides.map((o: { code: string; effect: string }) => `${o.effect}:${o.code}`)).toEqual([
      "deny:sites.detail.fields.consumption",
      "allow:sites.list.export_button",
    ]);

    const perms = (await (await api.get(`/api/v1/users/${member}/permissions`)).json()).data as {
      code: string;
      granted: boolean;
      source: string;
      role_name?: string;
      notes?: string;
    }[];
    const by = (code: string) => perms.find((p) => p.code === code)!;
    expect(by("sites.detail.tabs.meters")).toMatchObject({
      granted: true,
      source: "role",
      role_name: "Field Engineer",
    });
    expect(by("sites.list.export_button")).toMatchObject({
      granted: true,
      source: "direct",
      notes: "Monthly site export for the regulator",
    });
    expect(by("sites.detail.fields.consumption")).toMatchObject({ granted: false, source: "direct" });
    expect(by("sites.detail.actions.change_meter")).toMatchObject({ granted: false, source: "none" });
    const stats = await (await api.get(`/api/v1/users/${member}/permissions/stats`)).json();
    expect(stats.total_permissions).toBe(perms.length);
    expect(stats.granted_permissions + stats.denied_permissions).toBe(stats.total_permissions);
    expect(stats.direct_permissions).toBe(1);

    // A staff member: deny an inherited permission, see explain name the override, then inherit again.
    const lead = await userId(api, "lead@acme.test");
    let explain = await (await api.get(`/api/v1/users/${lead}/permissions/sites.detail.tabs.meters/explain`)).json();
    expect(explain).toMatchObject({
      granted: true,
      reason: "role",
      via: { role: "Field Engineer", through_role: "Engineer Lead" },
    });
    expect(explain.steps.length).toBeGreaterThan(3);
    let res = await api.put(`/api/v1/users/${lead}/permissions`, {
      headers: sameOrigin,
      data: { permissions: [{ code: "sites.detail.tabs", effect: "deny", notes: "audit week" }] },
    });
    expect(res.status()).toBe(422); // not a catalog code
    res = await api.put(`/api/v1/users/${lead}/permissions`, {
      headers: sameOrigin,
      data: { permissions: [{ code: "sites.detail.tabs.meters", effect: "deny", notes: "audit week" }] },
    });
    expect(res.status()).toBe(200);
    expect(res.headers()["x-perm-version"]).toBeTruthy();
    explain = await (await api.get(`/api/v1/users/${lead}/permissions/sites.detail.tabs.meters/explain`)).json();
    expect(explain).toMatchObject({ granted: false, reason: "override" });
    res = await api.put(`/api/v1/users/${lead}/permissions`, {
      headers: sameOrigin,
      data: { permissions: [{ code: "sites.detail.tabs.meters", effect: "inherit" }] },
    });
    expect(res.status()).toBe(200);
    expect(
      (await (await api.get(`/api/v1/users/${lead}/permissions/sites.detail.tabs.meters/explain`)).json()).reason,
    ).toBe("role");
    const history = (await (await api.get(`/api/v1/users/${lead}/audit`)).json()).data.map(
      (e: { action: string }) => e.action,
    );
    expect(history.slice(0, 2)).toEqual(["user.override.removed", "user.override.set"]);
  });

  test("create a member who can sign in, assign a role with expiry, remove it", async ({ page, browser }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const email = `new.${tag()}@acme.test`;
    let res = await api.post("/api/v1/users", {
      headers: sameOrigin,
      data: { email, name: "Nina New", password: "correct-horse-battery" },
    });
    expect(res.status()).toBe(201);
    const created = await res.json();
    const roles = (await (await api.get("/api/v1/roles?limit=200")).json()).data as {
      id: string;
      name: string;
      is_default: boolean;
    }[];
    expect(created.role_ids).toEqual([roles.find((r) => r.is_default)!.id]);
    res = await api.post("/api/v1/users", { headers: sameOrigin, data: { email: email.toUpperCase(), name: "Again" } });
    expect(res.status()).toBe(409);

    const lead = roles.find((r) => r.name === "Engineer Lead")!;
    const expires = new Date(Date.now() + 7 * 86_400_000).toISOString();
    res = await api.post(`/api/v1/users/${created.id}/roles`, {
      headers: sameOrigin,
      data: { role_id: lead.id, expires_at: expires },
    });
    expect(res.status()).toBe(201);
    const detail = await (await api.get(`/api/v1/users/${created.id}`)).json();
    expect(detail.roles.find((r: { name: string }) => r.name === "Engineer Lead").expires_at).toBe(expires);
    res = await api.post(`/api/v1/users/${created.id}/roles`, {
      headers: sameOrigin,
      data: { role_id: lead.id, expires_at: "2001-01-01T00:00:00Z" },
    });
    expect(res.status()).toBe(400);

    const nina = await signedInPage(browser, email, "correct-horse-battery");
    await expect(nina.getByTestId("role-list")).toContainText("Engineer Lead");
    await nina.close();

    expect((await api.delete(`/api/v1/users/${created.id}/roles/${lead.id}`, { headers: sameOrigin })).status()).toBe(
      204,
    );
    expect((await api.delete(`/api/v1/users/${created.id}/roles/${lead.id}`, { headers: sameOrigin })).status()).toBe(
      404,
    );
  });

  test("a user manager cannot grant what they do not hold, and the refusal is audited", async ({ page, browser }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const t = tag();
    const manager = await (
      await api.post("/api/v1/roles", {
        headers: sameOrigin,
        data: {
          name: `User managers ${t}`,
          permissions: [
            "gatehouse.console",
            "gatehouse.users.view",
            "gatehouse.users.manage",
            "gatehouse.roles.view",
            "sites.list.view",
          ].map((code) => ({ code })),
        },
      })
    ).json();
    const tiny = await (
      await api.post("/api/v1/roles", {
        headers: sameOrigin,
        data: { name: `Tiny ${t}`, permissions: [{ code: "sites.list.view" }] },
      })
    ).json();
    const email = `manager.${t}@acme.test`;
    await api.post("/api/v1/users", {
      headers: sameOrigin,
      data: { email, name: "Mo Manager", password: "correct-horse-battery", role_ids: [manager.id] },
    });
    const roles = (await (await api.get("/api/v1/roles?limit=200")).json()).data as { id: string; name: string }[];
    const leadRole = roles.find((r) => r.name === "Engineer Lead")!;
    const viewer = await userId(api, "viewer@acme.test");

    const mo = await signedInPage(browser, email, "correct-horse-battery");
    let res = await mo.request.post(`/api/v1/users/${viewer}/roles`, {
      headers: sameOrigin,
      data: { role_id: leadRole.id },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).missing_permissions).toEqual(expect.arrayContaining(["sites.detail.edit"]));
    res = await mo.request.put(`/api/v1/users/${viewer}/permissions`, {
      headers: sameOrigin,
      data: { permissions: [{ code: "sites.detail.edit", effect: "allow" }] },
    });
    expect(res.status()).toBe(403);
    res = await mo.request.post(`/api/v1/users`, {
      headers: sameOrigin,
      data: { email: `x.${t}@acme.test`, name: "X", role_ids: [leadRole.id] },
    });
    expect(res.status()).toBe(403);
    // What they hold, they may give.
    expect(
      (
        await mo.request.post(`/api/v1/users/${viewer}/roles`, { headers: sameOrigin, data: { role_id: tiny.id } })
      ).status(),
    ).toBe(201);
    // Acting against someone needs to cover all they hold (DESIGN §3.5): a deny on someone Mo
    // covers is fine; a deny, a disable or a removal of the tenant's admin is refused, naming codes.
    res = await api.post("/api/v1/users", {
      headers: sameOrigin,
      data: { email: `weak.${t}@acme.test`, name: "Wes Weak", role_ids: [tiny.id] },
    });
    const weak = (await res.json()).id as string;
    expect(
      (
        await mo.request.put(`/api/v1/users/${weak}/permissions`, {
          headers: sameOrigin,
          data: { permissions: [{ code: "sites.list.view", effect: "deny" }] },
        })
      ).status(),
    ).toBe(200);
    const admin = await userId(api, "admin@acme.test");
    res = await mo.request.put(`/api/v1/users/${admin}/permissions`, {
      headers: sameOrigin,
      data: { permissions: [{ code: "sites.list.view", effect: "deny" }] },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).missing_permissions.length).toBeGreaterThan(0);
    expect(
      (
        await mo.request.patch(`/api/v1/users/${admin}`, { headers: sameOrigin, data: { status: "disabled" } })
      ).status(),
    ).toBe(403);
    expect((await mo.request.delete(`/api/v1/users/${admin}`, { headers: sameOrigin })).status()).toBe(403);
    // Roles are not theirs to edit at all.
    expect(
      (await mo.request.post("/api/v1/roles", { headers: sameOrigin, data: { name: `Mine ${t}` } })).status(),
    ).toBe(403);
    await mo.close();

    const denied = (await (await api.get("/api/v1/audit?action=access.denied&limit=50")).json()).data as {
      actor: string;
      notes: string;
    }[];
    expect(denied.filter((e) => e.actor === email).length).toBeGreaterThanOrEqual(6);
    // The way around: the full admin may disable the lesser one.
    const moId = await userId(api, email);
    expect(
      (await api.patch(`/api/v1/users/${moId}`, { headers: sameOrigin, data: { status: "disabled" } })).status(),
    ).toBe(200);
  });

  test("adding another tenant's account by email answers as for a new email; it joins only by accepting", async ({
    page,
    browser,
  }) => {
    const t = tag();
    // An account of Globex only.
    const globex = await signedInPage(browser, "admin@globex.test");
    const outsider = `outsider.${t}@globex.test`;
    let res = await globex.request.post("/api/v1/users", {
      headers: sameOrigin,
      data: { email: outsider, name: "Olga Outsider", password: "correct-horse-battery" },
    });
    expect(res.status(), await res.text()).toBe(201);
    const outsiderId = (await res.json()).id as string;
    await globex.close();

    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const fresh = await api.post("/api/v1/users", {
      headers: sameOrigin,
      data: { email: `fresh.${t}@acme.test`, name: "Fred Fresh" },
    });
    const existing = await api.post("/api/v1/users", {
      headers: sameOrigin,
      data: { email: outsider.toUpperCase(), name: "Typed Name" },
    });
    expect([fresh.status(), existing.status()]).toEqual([201, 201]);
    const [a, b] = [await fresh.json(), await existing.json()];
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    expect(b).not.toHaveProperty("existing_account");
    expect(b).toMatchObject({ email: outsider, name: "Typed Name" });
    expect(b.id).not.toBe(outsiderId);
    expect(existing.headers()["x-perm-version"]).toBeTruthy();
    // Not pulled in: Acme has no such member, and adding again is the same 409 a member gets.
    const members = (await (await api.get(`/api/v1/users?search=${encodeURIComponent(outsider)}`)).json()).data;
    expect(members).toEqual([]);
    const again = await api.post("/api/v1/users", { headers: sameOrigin, data: { email: outsider, name: "X" } });
    const againFresh = await api.post("/api/v1/users", {
      headers: sameOrigin,
      data: { email: `fresh.${t}@acme.test`, name: "X" },
    });
    expect([again.status(), againFresh.status()]).toEqual([409, 409]);
    expect((await again.json()).detail).toBe((await againFresh.json()).detail);

    // The account sees the invitation and accepts it, signed in; then it is an Acme member.
    const olga = await signedInPage(browser, outsider, "correct-horse-battery");
    const invitations = (await (await olga.request.get("/api/v1/me/invitations")).json()).data as {
      id: string;
      tenant: { slug: string };
    }[];
    expect(invitations.map((i) => i.tenant.slug)).toEqual(["acme"]);
    res = await olga.request.post("/api/v1/invitations/accept", {
      headers: sameOrigin,
      data: { invitation_id: invitations[0]!.id },
    });
    expect(res.status(), await res.text()).toBe(200);
    res = await olga.request.post("/api/v1/invitations/accept", {
      headers: sameOrigin,
      data: { invitation_id: invitations[0]!.id },
    });
    expect(res.status()).toBe(410);
    await olga.close();
    expect((await api.get(`/api/v1/users/${outsiderId}`)).status()).toBe(200);
  });

  test("a member disabled or removed from the tenant is denied on their next request; nobody locks themselves out", async ({
    page,
    browser,
  }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const make = async (name: string) => {
      const email = `leaver.${tag()}@acme.test`;
      const res = await api.post("/api/v1/users", {
        headers: sameOrigin,
        data: { email, name, password: "correct-horse-battery" },
      });
      expect(res.status()).toBe(201);
      const id = (await res.json()).id as string;
      const theirs = await signedInPage(browser, email, "correct-horse-battery");
      expect((await theirs.request.get("/api/v1/me/permissions")).status()).toBe(200);
      return { id, email, theirs };
    };

    const disabled = await make("Dana Disabled");
    let res = await api.patch(`/api/v1/users/${disabled.id}`, { headers: sameOrigin, data: { status: "disabled" } });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ membership_status: "disabled" });
    // Disabling ends every session of theirs: the cookie they hold is refused at once.
    expect((await disabled.theirs.request.get("/api/v1/me/permissions")).status()).toBe(401);
    expect((await (await api.get(`/api/v1/users/${disabled.id}`)).json()).membership_status).toBe("disabled");
    res = await api.patch(`/api/v1/users/${disabled.id}`, { headers: sameOrigin, data: { status: "active" } });
    expect(res.status()).toBe(200);
    // Enabled again: the ended session stays ended; signing in again works.
    expect((await disabled.theirs.request.get("/api/v1/me/permissions")).status()).toBe(401);
    const back = await signedInPage(browser, disabled.email, "correct-horse-battery");
    expect((await back.request.get("/api/v1/me/permissions")).status()).toBe(200);

    const removed = await make("Rory Removed");
    res = await api.delete(`/api/v1/users/${removed.id}`, { headers: sameOrigin });
    expect(res.status()).toBe(204);
    expect((await removed.theirs.request.get("/api/v1/me/permissions")).status()).toBe(403);
    expect((await api.get(`/api/v1/users/${removed.id}`)).status()).toBe(404);
    expect((await api.delete(`/api/v1/users/${removed.id}`, { headers: sameOrigin })).status()).toBe(404);

    const self = await userId(api, "admin@acme.test");
    res = await api.patch(`/api/v1/users/${self}`, { headers: sameOrigin, data: { status: "disabled" } });
    expect(res.status()).toBe(422);
    expect(
      (
        await api.patch(`/api/v1/users/${disabled.id}`, {
          headers: sameOrigin,
          data: { status: "gone", tenant_id: "x" },
        })
      ).status(),
    ).toBe(400);
    const audit = (await (await api.get(`/api/v1/audit?target_type=user&target_id=${removed.id}`)).json()).data.map(
      (e: { action: string }) => e.action,
    );
    expect(audit[0]).toBe("user.membership.removed");
    await disabled.theirs.close();
    await removed.theirs.close();
  });

  test("another tenant's user is a 404 exactly like an unknown id", async ({ page, browser }) => {
    const globex = await signedInPage(browser, "admin@globex.test");
    const theirs = (await (await globex.request.get("/api/v1/me")).json()).user.id as string;
    await globex.close();
    await loginAs(page, "tenantAdmin");
    const unknown = "3d1c8a4e-5b6f-4c2d-9e8f-7a6b5c4d3e2f";
    for (const [method, path, data] of [
      ["GET", "", undefined],
      ["GET", "/permissions", undefined],
      ["GET", "/permissions/stats", undefined],
      ["GET", "/permissions/sites.list.view/explain", undefined],
      ["GET", "/audit", undefined],
      ["POST", "/roles", { role_id: unknown }],
      ["PUT", "/permissions", { permissions: [{ code: "sites.list.view", effect: "deny" }] }],
    ] as const) {
      const a = await page.request.fetch(`/api/v1/users/${theirs}${path}`, { method, headers: sameOrigin, data });
      const b = await page.request.fetch(`/api/v1/users/${unknown}${path}`, { method, headers: sameOrigin, data });
      expect(a.status(), `${method} ${path}`).toBe(404);
      expect(await a.text()).toBe(await b.text());
    }
  });
});
