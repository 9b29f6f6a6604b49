import { type APIRequestContext, type Browser, expect as baseExpect, type Page, test } from "@playwright/test";
import { EXPIRED_INVITATION_TOKEN } from "../db/seed/world";
import { baseURL } from "../playwright.config";
import { createUserWithRole, tag } from "./support/fresh-user";
import { DEMO_PASSWORD, PERSONAS, signIn } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

const tokenOf = (url: string) => new URL(url).pathname.split("/invite/")[1]!;
const UNKNOWN = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

async function roleId(api: APIRequestContext, name: string): Promise<string> {
  const roles = (await (await api.get(`/api/v1/roles?search=${encodeURIComponent(name)}&limit=200`)).json()).data;
  return (roles as { id: string; name: string }[]).find((r) => r.name === name)!.id;
}
const listed = async (api: APIRequestContext) =>
  ((await (await api.get("/api/v1/invitations?limit=200")).json()).data as { id: string; email: string }[]).map(
    (i) => i.email,
  );

// Several browsers and sign-ins per test: on a busy shared machine a sign-in alone can take over
// 10 s, so each test gets 4 minutes and each wait a minute.
test.describe.configure({ timeout: 240_000 });
const expect = baseExpect.configure({ timeout: 60_000 });

/** A page of its own signed in as `email` (like support's `signedInPage`, waiting as long as a loaded machine needs). */
async function signedInPage(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await browser.newPage();
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
  return page;
}
test.describe("invitations by link over the API", () => {
  test("an admin invites; the link is shown once; a new person accepts it (no session) and signs in with the role; a replay is 410", async ({
    browser,
    playwright,
  }) => {
    const admin = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const api = admin.request;
    const email = `invitee.${tag()}@example.test`;
    const lead = await roleId(api, "Engineer Lead");
    let res = await api.post("/api/v1/invitations", {
      headers: sameOrigin,
      data: { email: email.toUpperCase(), role_ids: [lead], expires_in_days: 3 },
    });
    expect(res.status(), await res.text()).toBe(201);
    const invitation = await res.json();
    expect(invitation).toMatchObject({ email, status: "pending", roles: [{ id: lead, name: "Engineer Lead" }] });
    expect(invitation.invite_url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(invitation.invite_url);
    // Listed without its link: the token is in the create answer only.
    const list = await (await api.get("/api/v1/invitations?limit=200")).json();
    expect(list.data.find((i: { id: string }) => i.id === invitation.id)).toBeTruthy();
    expect(JSON.stringify(list)).not.toContain(token);
    // The same email again: 409.
    res = await api.post("/api/v1/invitations", { headers: sameOrigin, data: { email } });
    expect(res.status()).toBe(409);

    // Nobody signed in: bad input is 400 with field paths, and creates nothing.
    const anon = await playwright.request.newContext({ baseURL });
    res = await anon.post("/api/v1/invitations/accept", { data: { token, name: "", password: "short" } });
    expect(res.status()).toBe(400);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    expect(((await res.json()).errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      "body.name",
      "body.password",
    ]);
    res = await anon.post("/api/v1/invitations/accept", { data: { token, name: "No Password" } });
    expect(res.status()).toBe(400);
    expect((await res.json()).errors).toEqual([expect.objectContaining({ path: "body.password" })]);
    res = await anon.post("/api/v1/invitations/accept", {
      data: { token, extra: 1, name: "X", password: "x".repeat(12) },
    });
    expect(res.status()).toBe(400);
    expect((await res.json()).errors).toEqual([expect.objectContaining({ path: "body.extra" })]);
    expect((await (await api.get(`/api/v1/users?search=${encodeURIComponent(email)}`)).json()).data).toEqual([]);
    // The invitation is still open after all that.
    expect(await listed(api)).toContain(email);

    res = await anon.post("/api/v1/invitations/accept", {
      data: { token, name: "Ivy Invitee", password: "a long enough password" },
    });
    expect(res.status(), await res.text()).toBe(201);
    const joined = await res.json();
    expect(joined).toMatchObject({ role_ids: [lead], user: { email } });
    // Replayed: 410, and still one account.
    res = await anon.post("/api/v1/invitations/accept", {
      data: { token, name: "Ivy Again", password: "another long password" },
    });
    expect(res.status()).toBe(410);
    expect(await listed(api)).not.toContain(email);
    const users = (await (await api.get(`/api/v1/users?search=${encodeURIComponent(email)}`)).json()).data;
    expect(users).toHaveLength(1);
    expect(users[0].role_ids).toEqual([lead]);
    // The new account signs in and holds the role's permissions.
    const ivy = await signedInPage(browser, email, "a long enough password");
    const mine = await (await ivy.request.get("/api/v1/me")).json();
    expect(mine.roles.map((r: { name: string }) => r.name)).toEqual(["Engineer Lead"]);
    // Audited: invited, joined.
    const audit = await (await api.get(`/api/v1/users/${joined.user.id}/audit`)).json();
    expect(audit.data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["user.created", "invitation.accepted"]),
    );
    await Promise.all([anon.dispose(), ivy.close(), admin.close()]);
  });

  test("attackers: a role beyond the inviter (403), another tenant's invitation (404), revoked and expired links (410)", async ({
    browser,
    playwright,
  }) => {
    const admin = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const api = admin.request;
    const origin = new URL(baseURL).origin;
    // A member manager who holds users.manage but not everything Admin confers.
    const manager = await createUserWithRole(api, origin, "Inviter", [
      "gatehouse.users.manage",
      "gatehouse.users.view",
    ]);
    const inviter = await signedInPage(browser, manager.email, manager.password);
    const adminRole = await roleId(api, "Admin");
    const victim = `escalate.${tag()}@example.test`;
    let res = await inviter.request.post("/api/v1/invitations", {
      headers: sameOrigin,
      data: { email: victim, role_ids: [adminRole] },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).missing_permissions.length).toBeGreaterThan(0);
    expect(await listed(api)).not.toContain(victim);
    // Inviting with a role they hold is fine (grant only what you hold).
    res = await inviter.request.post("/api/v1/invitations", {
      headers: sameOrigin,
      data: { email: victim, role_ids: [manager.roleId] },
    });
    expect(res.status(), await res.text()).toBe(201);
    const mine = await res.json();

    // Another tenant's admin: our invitation's id is a 404, exactly like an unknown id; nothing changes.
    const globex = await signedInPage(browser, "admin@globex.test");
    const theirs = await globex.request.delete(`/api/v1/invitations/${mine.id}`, { headers: sameOrigin });
    const unknown = await globex.request.delete(`/api/v1/invitations/${UNKNOWN}`, { headers: sameOrigin });
    expect(theirs.status()).toBe(404);
    expect(unknown.status()).toBe(404);
    expect(await theirs.json()).toEqual(await unknown.json());
    expect(await listed(globex.request)).not.toContain(victim);
    expect(await listed(api)).toContain(victim);

    // Revoked: gone from the list, its link answers 410, a second revoke too.
    res = await api.delete(`/api/v1/invitations/${mine.id}`, { headers: sameOrigin });
    expect(res.status()).toBe(204);
    expect((await api.delete(`/api/v1/invitations/${mine.id}`, { headers: sameOrigin })).status()).toBe(410);
    expect(await listed(api)).not.toContain(victim);
    const anon = await playwright.request.newContext({ baseURL });
    res = await anon.post("/api/v1/invitations/accept", {
      data: { token: tokenOf(mine.invite_url), name: "Too Late", password: "a long enough password" },
    });
    expect(res.status()).toBe(410);
    // The demo world's link that expired yesterday: 410, and no account is made.
    res = await anon.post("/api/v1/invitations/accept", {
      data: { token: EXPIRED_INVITATION_TOKEN, name: "Late", password: "a long enough password" },
    });
    expect(res.status()).toBe(410);
    expect((await (await api.get("/api/v1/users?search=late%40example.test")).json()).data).toEqual([]);
    // An unknown token: 404; a malformed one: 400 with its path.
    res = await anon.post("/api/v1/invitations/accept", {
      data: { token: "B".repeat(43), name: "X", password: "y".repeat(12) },
    });
    expect(res.status()).toBe(404);
    res = await anon.post("/api/v1/invitations/accept", { data: { token: "nope" } });
    expect(res.status()).toBe(400);
    expect((await res.json()).errors[0].path).toBe("body.token");
    // Listing and inviting need a session or a key.
    expect((await anon.get("/api/v1/invitations")).status()).toBe(401);
    expect((await anon.post("/api/v1/invitations", { data: { email: "x@y.test" } })).status()).toBe(401);
    await Promise.all([anon.dispose(), inviter.close(), globex.close(), admin.close()]);
  });

  test("an account of another tenant is never added silently: it must sign in as itself to join", async ({
    browser,
    playwright,
  }) => {
    const admin = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    // An account of Initech only.
    const initech = await signedInPage(browser, "admin@initech.test");
    const email = `outsider.${tag()}@initech.test`;
    let res = await initech.request.post("/api/v1/users", {
      headers: sameOrigin,
      data: { email, name: "Olive Outsider", password: "outsider password 1" },
    });
    expect(res.status(), await res.text()).toBe(201);
    res = await admin.request.post("/api/v1/invitations", { headers: sameOrigin, data: { email } });
    expect(res.status()).toBe(201);
    const token = tokenOf((await res.json()).invite_url);
    const anon = await playwright.request.newContext({ baseURL });
    res = await anon.post("/api/v1/invitations/accept", {
      data: { token, name: "Hijacker", password: "hijacker password" },
    });
    expect(res.status()).toBe(401);
    expect((await res.json()).sign_in_required).toBe(true);
    // Signed in as someone else: 403.
    res = await initech.request.post("/api/v1/invitations/accept", { headers: sameOrigin, data: { token } });
    expect(res.status()).toBe(403);
    expect((await (await admin.request.get(`/api/v1/users?search=${encodeURIComponent(email)}`)).json()).data).toEqual(
      [],
    );
    const olive = await signedInPage(browser, email, "outsider password 1");
    res = await olive.request.post("/api/v1/invitations/accept", { headers: sameOrigin, data: { token } });
    expect(res.status(), await res.text()).toBe(200);
    expect(
      (await (await admin.request.get(`/api/v1/users?search=${encodeURIComponent(email)}`)).json()).data,
    ).toHaveLength(1);
    await Promise.all([anon.dispose(), olive.close(), initech.close(), admin.close()]);
  });

  test("a tenant created with admin_email: an unknown email is invited as its Admin, the link shown once", async ({
    browser,
    playwright,
  }) => {
    const root = await signedInPage(browser, PERSONAS.superAdmin.email);
    const t = tag();
    const email = `founder.${t}@example.test`;
    let res = await root.request.post("/api/v1/tenants", {
      headers: sameOrigin,
      data: { name: `Founded ${t}`, slug: `founded-${t}`, admin_email: email },
    });
    expect(res.status(), await res.text()).toBe(201);
    const tenant = await res.json();
    expect(tenant.admin).toMatchObject({ email, outcome: "invited" });
    const anon = await playwright.request.newContext({ baseURL });
    res = await anon.post("/api/v1/invitations/accept", {
      data: { token: tokenOf(tenant.admin.invite_url), name: "Fay Founder", password: "founder password 1" },
    });
    expect(res.status(), await res.text()).toBe(201);
    expect((await res.json()).tenant_id).toBe(tenant.id);
    // An existing account becomes the Admin at once.
    res = await root.request.post("/api/v1/tenants", {
      headers: sameOrigin,
      data: { name: `Second ${t}`, slug: `second-${t}`, admin_email: email },
    });
    expect((await res.json()).admin).toEqual({ email, outcome: "member", invite_url: null });
    res = await root.request.post("/api/v1/tenants", {
      headers: sameOrigin,
      data: { name: "Bad", slug: `bad-${t}`, admin_email: "not-an-email" },
    });
    expect(res.status()).toBe(400);
    expect((await res.json()).errors[0].path).toBe("body.admin_email");
    await Promise.all([anon.dispose(), root.close()]);
  });
});
