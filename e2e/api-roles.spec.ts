import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { loginAs, PERSONAS, signedInPage, signIn } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

test.describe("roles (read) over the API", () => {
  test("lists with search and signed cursors, shows a role, and hides other tenants' roles as 404", async ({
    page,
    browser,
  }) => {
    await loginAs(page, "tenantAdmin");
    let res = await page.request.get("/api/v1/roles?search=engineer");
    expect(res.status()).toBe(200);
    // Other spec files run beside this one on the same world: they may add roles and holders.
    const found = ((await res.json()).data as { name: string; id: string; user_count: number }[]).filter((r) =>
      ["Engineer Lead", "Field Engineer"].includes(r.name),
    );
    expect(found.map((r) => r.name)).toEqual(["Engineer Lead", "Field Engineer"]);
    const lead = found[0]!;
    expect(lead).toMatchObject({ is_system: false, parent_ids: [found[1]!.id] });
    expect(lead.user_count).toBeGreaterThanOrEqual(1);

    const first = await (await page.request.get("/api/v1/roles?limit=3")).json();
    expect(first.data).toHaveLength(3);
    // Other spec files add roles to this world (any name may sort first): assert the order, not a name.
    const lowered = (first.data as { name: string }[]).map((r) => r.name.toLowerCase());
    expect(lowered).toEqual([...lowered].sort());
    const all = (await (await page.request.get("/api/v1/roles?limit=200")).json()).data as {
      name: string;
      is_system: boolean;
      grants_all: boolean;
    }[];
    expect(all.find((r) => r.name === "Admin")).toMatchObject({ is_system: true, grants_all: true });
    const second = await (
      await page.request.get(`/api/v1/roles?limit=3&cursor=${encodeURIComponent(first.next_cursor)}`)
    ).json();
    // Ordered by lower(name) (C collation: byte order), then id.
    expect(second.data[0].name.toLowerCase() > first.data[2].name.toLowerCase()).toBe(true);
    res = await page.request.get(
      `/api/v1/roles?limit=3&cursor=${encodeURIComponent(first.next_cursor.replace(/.$/, "A"))}x`,
    );
    expect(res.status()).toBe(400);
    res = await page.request.get("/api/v1/roles?limit=500");
    expect(res.status()).toBe(400);

    const detail = await (await page.request.get(`/api/v1/roles/${lead.id}`)).json();
    expect(detail.parents).toEqual([{ id: found[1]!.id, name: "Field Engineer" }]);
    expect(detail.permissions.map((p: { code: string }) => p.code)).toContain("sites.detail.actions.change_meter");
    const users = await (await page.request.get(`/api/v1/roles/${lead.id}/users`)).json();
    expect(users.data.map((u: { email: string }) => u.email)).toContain("lead@acme.test");

    // Another tenant's role id answers exactly like an id that does not exist.
    const globex = await browser.newPage();
    await signIn(globex, "admin@globex.test");
    await expect(globex.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
    const theirs = (await (await globex.request.get("/api/v1/roles?search=purchaser")).json()).data[0];
    expect(theirs.name).toBe("Purchaser");
    for (const path of ["", "/permissions", "/users"]) {
      const foreign = await page.request.get(`/api/v1/roles/${theirs.id}${path}`);
      const unknown = await page.request.get(`/api/v1/roles/6b1f7a52-3c55-4a8e-9a4f-0c4a4b0e9d11${path}`);
      expect(foreign.status()).toBe(404);
      expect(await foreign.text()).toBe(await unknown.text());
    }
    res = await page.request.get("/api/v1/roles/not-a-uuid");
    expect(res.status()).toBe(400);
    await globex.close();
  });

  test("a member may not read roles; a read key may", async ({ page, browser, playwright }) => {
    await loginAs(page, "member");
    const res = await page.request.get("/api/v1/roles");
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ missing_permission: "gatehouse.roles.view" });

    // A context of its own: the member's page may still have a prefetch in flight whose answer
    // would set the member's session cookie again after clearCookies().
    const admin = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const key = await (
      await admin.request.post("/api/v1/api-keys", {
        headers: sameOrigin,
        data: { name: "reader", scopes: ["read"] },
      })
    ).json();
    const app = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
    });
    const roles = await (await app.get("/api/v1/roles")).json();
    expect(roles.data.length).toBeGreaterThan(5);
    expect(
      (await app.post("/api/v1/check", { data: { user_email: "member@acme.test", code: "sites.list.view" } })).status(),
    ).toBe(403);
    await Promise.all([app.dispose(), admin.context().close()]);
  });
});
