import { expect, test } from "@playwright/test";
import { baseURL, secondURL } from "../playwright.config";
import { loginAs, PERSONAS } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * Every instance caches API keys, and a revocation reaches every instance's cache at its commit
 * (NOTIFY gatehouse_api_keys), so a key revoked through one instance is refused by every other at
 * once. On PostgreSQL `secondURL` is a second server on the same database; on PGlite it is the
 * same instance as baseURL.
 */
test("a key revoked on one instance is refused by the very next request on another", async ({ page, playwright }) => {
  await loginAs(page, "tenantAdmin");
  const headers = sameOrigin;
  const created = await page.request.post("/api/v1/api-keys", {
    headers,
    data: { name: `e2e instances ${Date.now()} ${Math.random()}`, scopes: ["check"] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const key = (await created.json()) as { id: string; secret: string; revoked_at: string | null };
  expect(key.revoked_at).toBeNull();

  const second = await playwright.request.newContext({
    baseURL: secondURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  const check = { data: { user_email: PERSONAS.member.email, code: "sites.list.view" } };
  const bulk = { data: { user_email: PERSONAS.member.email, codes: ["sites.list.view"] } };

  // The key works on the second instance (and keeps working: it is not a one-off).
  for (let i = 0; i < 3; i++) {
    const res = await second.post("/api/v1/check", check);
    expect(res.status(), await res.text()).toBe(200);
    expect(await res.json()).toMatchObject({ granted: expect.any(Boolean), perm_version: expect.any(Number) });
  }
  expect((await second.post("/api/v1/check/bulk", bulk)).status()).toBe(200);

  // Revoked through the first instance...
  const revoked = await page.request.delete(`/api/v1/api-keys/${key.id}`, { headers });
  expect(revoked.status(), await revoked.text()).toBe(204);

  // ...the very next request on the second instance is refused, and so is every later one.
  for (const res of [await second.post("/api/v1/check", check), await second.post("/api/v1/check/bulk", bulk)]) {
    expect(res.status()).toBe(401);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    expect(await res.json()).toMatchObject({ status: 401 });
  }
  // The first instance refuses it too.
  const first = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  expect((await first.post("/api/v1/check", check)).status()).toBe(401);

  // The list shows it revoked; revoking it again is a 404 (nothing left to revoke).
  const list = (await (await page.request.get("/api/v1/api-keys")).json()) as {
    data: { id: string; revoked_at: string | null }[];
  };
  expect(list.data.find((k) => k.id === key.id)?.revoked_at).not.toBeNull();
  expect((await page.request.delete(`/api/v1/api-keys/${key.id}`, { headers })).status()).toBe(404);
  await Promise.all([second.dispose(), first.dispose()]);
});
