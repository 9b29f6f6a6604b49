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

test("a key may expire: a past or malformed expiry is refused with its field and creates nothing; the list says when", async ({
  page,
}) => {
  await loginAs(page, "tenantAdmin");
  const headers = sameOrigin;
  const name = `e2e expiry ${Date.now()} ${Math.random()}`;
  const count = async () =>
    ((await (await page.request.get("/api/v1/api-keys")).json()) as { data: { name: string }[] }).data.filter(
      (k) => k.name === name,
    ).length;
  for (const expires_at of ["2020-01-01T00:00:00Z", "tomorrow", 12]) {
    const refused = await page.request.post("/api/v1/api-keys", {
      headers,
      data: { name, scopes: ["check"], expires_at },
    });
    expect(refused.status(), await refused.text()).toBe(400);
    const problem = (await refused.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toContain("body.expires_at");
  }
  expect(await count()).toBe(0);

  const at = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const created = await page.request.post("/api/v1/api-keys", {
    headers,
    data: { name, scopes: ["check"], expires_at: at },
  });
  expect(created.status(), await created.text()).toBe(201);
  const key = (await created.json()) as { id: string; secret: string; expires_at: string | null };
  expect(Date.parse(key.expires_at!)).toBe(Date.parse(at));
  const check = await page.request.post("/api/v1/check", {
    headers: { authorization: `Bearer ${key.secret}` },
    data: { user_email: PERSONAS.member.email, code: "sites.list.view" },
  });
  expect(check.status(), await check.text()).toBe(200);

  await page.goto("/admin/api-keys");
  const row = page.getByTestId("api-key-row").filter({ hasText: name });
  // "next month" in words; the exact instant is the <time>'s own.
  await expect(row.locator(`time[datetime="${key.expires_at}"]`)).toBeVisible();
  await expect(row).toContainText("Active");
});
