import { type APIRequest, type APIRequestContext, type Browser, expect, test } from "@playwright/test";
import { baseURL, secondURL } from "../playwright.config";
import { createUserWithRole, type FreshUser } from "./support/fresh-user";
import { loginAs, signIn } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * Sessions are recorded server-side (docs/design.md §4.2): a session cookie is worth nothing once
 * its session has ended, on every instance, from the very next request. On PostgreSQL `secondURL`
 * is a second `next start` on the same database; on PGlite it is the same instance as baseURL.
 * Each test signs in fresh users (their own sessions): the personas' shared cookies are left alone.
 */

/** A new browser context signed in through the form as `user`; answers the page and its session cookie header. */
async function signedInAs(browser: Browser, user: { email: string; password: string }, userAgent?: string) {
  const context = await browser.newContext({ baseURL, userAgent });
  const page = await context.newPage();
  await signIn(page, user.email, user.password);
  await expect(page.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
  const cookies = await context.cookies();
  const session = cookies.filter((c) => c.name.includes("session-token"));
  expect(session.length).toBeGreaterThan(0);
  return { context, page, cookie: session.map((c) => `${c.name}=${c.value}`).join("; ") };
}

/** Replays a captured cookie against both instances, as a thief with a copy of it would. */
async function replay(request: APIRequest, cookie: string) {
  const contexts = await Promise.all(
    [baseURL, secondURL].map((url) =>
      request.newContext({ baseURL: url, extraHTTPHeaders: { cookie }, maxRedirects: 0 }),
    ),
  );
  return {
    /** `GET /api/v1/me` and the account page, on each instance. */
    async statuses() {
      const out: { api: number; page: number; location: string }[] = [];
      for (const c of contexts) {
        const api = await c.get("/api/v1/me");
        const page = await c.get("/account/security");
        out.push({ api: api.status(), page: page.status(), location: page.headers().location ?? "" });
      }
      return out;
    },
    dispose: () => Promise.all(contexts.map((c) => c.dispose())),
  };
}

async function freshMember(api: APIRequestContext, label: string): Promise<FreshUser> {
  return createUserWithRole(api, baseURL, label, ["sites.list.view"]);
}

test.describe("sessions end on every instance", () => {
  // Each test signs in two or three browsers and replays on two instances: more than 30 s on a busy box.
  test.describe.configure({ timeout: 90_000 });
  let admin: APIRequestContext;
  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await loginAs(page, "tenantAdmin");
    admin = context.request;
  });

  test("a cookie replayed after sign-out is refused on both instances", async ({ browser, playwright }) => {
    const user = await freshMember(admin, "Sign out");
    const { context, page, cookie } = await signedInAs(browser, user);
    const thief = await replay(playwright.request, cookie);
    for (const s of await thief.statuses()) expect(s).toMatchObject({ api: 200, page: 200 });

    await page.goto("/sign-out");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You are signed out.")).toBeVisible();

    for (const s of await thief.statuses()) {
      expect(s.api).toBe(401);
      expect(s.page).toBeGreaterThanOrEqual(300);
      expect(s.page).toBeLessThan(400);
      expect(s.location).toContain("/sign-in");
    }
    await thief.dispose();
    await context.close();
  });

  test("sign out everywhere else: the other browsers are refused, this one stays", async ({ browser, playwright }) => {
    const user = await freshMember(admin, "Everywhere");
    const phone = await signedInAs(
      browser,
      user,
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
    );
    const laptop = await signedInAs(browser, user);
    const page = laptop.page;
    await page.goto("/account/security");
    const list = page.getByRole("list", { name: "Sessions" });
    await expect(list.getByRole("listitem")).toHaveCount(2);
    await expect(list.locator("[data-session=current]")).toContainText("This session");
    await expect(list.getByRole("listitem", { name: "Safari on iPhone" })).toBeVisible();
    await page.getByRole("heading", { name: "Where you're signed in" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "e2e/.screens/account-sessions.png", fullPage: true });

    await page.getByRole("button", { name: "Sign out everywhere else" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Sign out everywhere else" }).click();
    await expect(page.getByText("Signed out 1 other session")).toBeVisible();
    await expect(list.getByRole("listitem")).toHaveCount(1);

    const thief = await replay(playwright.request, phone.cookie);
    for (const s of await thief.statuses()) expect(s.api).toBe(401);
    const me = await page.request.get("/api/v1/me");
    expect(me.status()).toBe(200);
    await thief.dispose();
    await Promise.all([phone.context.close(), laptop.context.close()]);
  });

  test("one session ended from the list; another user's session id is 404 like an unknown one", async ({
    browser,
    playwright,
  }) => {
    const user = await freshMember(admin, "One session");
    const other = await signedInAs(browser, user);
    const mine = await signedInAs(browser, user);
    const listed = (await (await mine.page.request.get("/api/v1/me/sessions")).json()) as {
      sessions: { id: string; current: boolean }[];
    };
    expect(listed.sessions).toHaveLength(2);
    const otherId = listed.sessions.find((s) => !s.current)!.id;

    // Someone else (the admin) cannot end it through me/sessions: 404, like an id that does not exist.
    const foreign = await admin.delete(`/api/v1/me/sessions/${otherId}`, { headers: sameOrigin });
    expect(foreign.status()).toBe(404);
    const unknown = await admin.delete(`/api/v1/me/sessions/${crypto.randomUUID()}`, { headers: sameOrigin });
    expect(unknown.status()).toBe(404);
    expect((await foreign.json()).detail).toBe((await unknown.json()).detail);

    await mine.page.goto("/account/security");
    await mine.page.locator("[data-session=other]").getByRole("button", { name: "Sign out" }).click();
    await expect(mine.page.getByText("Signed out that session")).toBeVisible();
    const thief = await replay(playwright.request, other.cookie);
    for (const s of await thief.statuses()) expect(s.api).toBe(401);
    await thief.dispose();
    await Promise.all([other.context.close(), mine.context.close()]);
  });

  test("an admin ends a member's sessions (audited); needs users.manage; another tenant's user is 404", async ({
    browser,
    playwright,
  }) => {
    const user = await freshMember(admin, "Ended by admin");
    const signedIn = await signedInAs(browser, user);
    const thief = await replay(playwright.request, signedIn.cookie);
    for (const s of await thief.statuses()) expect(s.api).toBe(200);

    // A member without gatehouse.users.manage is refused.
    const plain = await signedInAs(browser, await freshMember(admin, "No manage"));
    const refused = await plain.page.request.delete(`/api/v1/users/${user.id}/sessions`, { headers: sameOrigin });
    expect(refused.status()).toBe(403);

    const ended = await admin.delete(`/api/v1/users/${user.id}/sessions`, { headers: sameOrigin });
    expect(ended.status(), await ended.text()).toBe(200);
    expect(await ended.json()).toEqual({ user_id: user.id, ended: 1 });
    for (const s of await thief.statuses()) expect(s.api).toBe(401);

    const audit = (await (await admin.get(`/api/v1/users/${user.id}/audit`)).json()) as {
      data: { action: string }[];
    };
    expect(audit.data.map((e) => e.action)).toContain("user.sessions.ended");

    // Globex's admin knows no such user: 404, exactly as for an id that does not exist.
    const globex = await browser.newContext({ baseURL });
    const globexPage = await globex.newPage();
    await signIn(globexPage, "admin@globex.test");
    await expect(globexPage.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
    const cross = await globex.request.delete(`/api/v1/users/${user.id}/sessions`, { headers: sameOrigin });
    expect(cross.status()).toBe(404);
    const none = await globex.request.delete(`/api/v1/users/${crypto.randomUUID()}/sessions`, { headers: sameOrigin });
    expect(none.status()).toBe(404);
    expect((await cross.json()).detail).toBe((await none.json()).detail);

    await thief.dispose();
    await Promise.all([signedIn.context.close(), plain.context.close(), globex.close()]);
  });

  test("an API key may not list or end sessions", async ({ playwright }) => {
    const created = await admin.post("/api/v1/api-keys", {
      headers: sameOrigin,
      data: { name: `e2e sessions ${Date.now()}`, scopes: ["read", "write"] },
    });
    expect(created.status(), await created.text()).toBe(201);
    const key = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${(await created.json()).secret}` },
    });
    expect((await key.get("/api/v1/me/sessions")).status()).toBe(403);
    expect((await key.delete("/api/v1/me/sessions")).status()).toBe(403);
    await key.dispose();
  });
});
