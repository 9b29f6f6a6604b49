import { type APIRequestContext, expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { createUserWithRole } from "./support/fresh-user";
import { E2E_LIMITS } from "./support/limits";
import { DEMO_PASSWORD, loginAs, PERSONAS, signedInPage, signIn } from "./support/personas";
import { sameOrigin, sameOriginJson } from "./support/same-origin";

async function createCheckKey(request: APIRequestContext) {
  const res = await request.post("/api/v1/api-keys", {
    headers: sameOriginJson,
    data: { name: `e2e limits ${Date.now()} ${Math.random()}`, scopes: ["check"] },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; secret: string };
}

test.describe("rate limits", () => {
  test("a key that spends its check budget gets 429 with Retry-After on both check routes; another key does not", async ({
    page,
    playwright,
  }) => {
    await loginAs(page, "tenantAdmin");
    const [spent, fresh] = [await createCheckKey(page.request), await createCheckKey(page.request)];
    const as = (key: { secret: string }) =>
      playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key.secret}` } });
    const app = await as(spent);
    const check = { data: { user_email: PERSONAS.member.email, code: "sites.list.view" } };
    const bulk = { data: { user_email: PERSONAS.member.email, codes: ["sites.list.view"] } };

    // The budget is shared by the single and the bulk route.
    const statuses: number[] = [];
    for (let i = 0; i < E2E_LIMITS.checkPerMinute; i += 10) {
      const batch = Array.from({ length: Math.min(10, E2E_LIMITS.checkPerMinute - i) }, (_, j) =>
        app.post(j % 2 ? "/api/v1/check/bulk" : "/api/v1/check", j % 2 ? bulk : check),
      );
      statuses.push(...(await Promise.all(batch)).map((r) => r.status()));
    }
    expect(statuses).toEqual(Array(E2E_LIMITS.checkPerMinute).fill(200));

    for (const res of [await app.post("/api/v1/check", check), await app.post("/api/v1/check/bulk", bulk)]) {
      expect(res.status()).toBe(429);
      expect(res.headers()["content-type"]).toContain("application/problem+json");
      const retryAfter = Number(res.headers()["retry-after"]);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await res.json()).toMatchObject({ status: 429, title: "Too many requests", retry_after: retryAfter });
    }

    const other = await as(fresh);
    expect((await other.post("/api/v1/check", check)).status()).toBe(200);
    await Promise.all([app.dispose(), other.dispose()]);
  });

  test("a signed-in user who spends the check budget gets 429 with Retry-After on both check routes; another user does not", async ({
    page,
    browser,
  }) => {
    // Fresh users, so the personas' budgets (used by other specs) are untouched.
    await loginAs(page, "tenantAdmin");
    const spender = await createUserWithRole(page.request, baseURL, "Check limit spender", ["sites.list.view"]);
    const bystander = await createUserWithRole(page.request, baseURL, "Check limit bystander", ["sites.list.view"]);
    const session = await signedInPage(browser, spender.email, spender.password);
    const api = session.request;
    const headers = sameOrigin;
    const check = { headers, data: { user_email: spender.email, code: "sites.list.view" } };
    const bulk = { headers, data: { codes: ["sites.list.view"] } };

    const statuses: number[] = [];
    for (let i = 0; i < E2E_LIMITS.checkPerMinute; i += 10) {
      const batch = Array.from({ length: Math.min(10, E2E_LIMITS.checkPerMinute - i) }, (_, j) =>
        api.post(j % 2 ? "/api/v1/check/bulk" : "/api/v1/check", j % 2 ? bulk : check),
      );
      statuses.push(...(await Promise.all(batch)).map((r) => r.status()));
    }
    expect(statuses).toEqual(Array(E2E_LIMITS.checkPerMinute).fill(200));

    for (const res of [await api.post("/api/v1/check", check), await api.post("/api/v1/check/bulk", bulk)]) {
      expect(res.status()).toBe(429);
      expect(res.headers()["content-type"]).toContain("application/problem+json");
      const retryAfter = Number(res.headers()["retry-after"]);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await res.json()).toMatchObject({ status: 429, title: "Too many requests", retry_after: retryAfter });
    }

    // Another signed-in user of the same tenant (same address) is unaffected.
    const other = await signedInPage(browser, bystander.email, bystander.password);
    const res = await other.request.post("/api/v1/check", {
      headers,
      data: { user_email: bystander.email, code: "sites.list.view" },
    });
    expect(res.status(), await res.text()).toBe(200);
    expect(await res.json()).toMatchObject({ granted: true });
    await Promise.all([session.context().close(), other.context().close()]);
  });

  test("sign-in is refused after repeated failures for one email, even with the right password, without locking others out", async ({
    page,
    browser,
  }) => {
    const email = "lead@acme.test";
    for (let i = 0; i < E2E_LIMITS.signInPerEmail; i++) {
      await signIn(page, email, `wrong-${i}`);
      await expect(page.getByTestId("sign-in-error")).toHaveText("That email and password do not match an account.");
    }
    await signIn(page, email, DEMO_PASSWORD);
    await expect(page.getByTestId("sign-in-error")).toHaveText(
      /^Too many sign-in attempts\. Try again in \d+ seconds\.$/,
    );
    const seconds = Number(/in (\d+) seconds/.exec((await page.getByTestId("sign-in-error").textContent()) ?? "")?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
    await expect(page).toHaveURL(/\/sign-in/);
    await page.screenshot({ path: "e2e/.screens/sign-in-limited.png", fullPage: true });

    // Posting to the Auth.js callback directly, around the form, is refused the same way: 429
    // problem+json with Retry-After, and no session cookie.
    const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
    const direct = await page.request.post("/api/auth/callback/credentials", {
      form: { email, password: DEMO_PASSWORD, csrfToken, callbackUrl: "/" },
      maxRedirects: 0,
    });
    expect(direct.status()).toBe(429);
    expect(direct.headers()["content-type"]).toContain("application/problem+json");
    const wait = Number(direct.headers()["retry-after"]);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    expect(await direct.json()).toMatchObject({ status: 429, retry_after: wait });
    expect(direct.headers()["set-cookie"] ?? "").not.toContain("authjs.session-token");

    // Same browser address, another person: not locked out.
    const context = await browser.newContext();
    await loginAs(await context.newPage(), "viewer");
    await context.close();
  });
});
