import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { tag } from "./support/fresh-user";
import { PERSONAS, signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * The platform's own audit chain (tenant-less: plans, the global catalog, global templates) is
 * read, exported and verified with `?scope=platform`, by platform super-admins only.
 */

test("a super-admin lists, exports and verifies the platform chain; nobody else may", async ({
  browser,
  playwright,
}) => {
  test.setTimeout(90_000);
  const superPage = await signedInPage(browser, PERSONAS.superAdmin.email);
  const sup = superPage.request;
  const name = `Platform audited ${tag()}`;
  let res = await sup.post("/api/v1/templates", {
    headers: sameOrigin,
    data: { name, description: "a global template", permissions: { "sites.list.view": "allow" }, global: true },
  });
  expect(res.status(), await res.text()).toBe(201);
  const templateId = (await res.json()).id as string;

  // The entry is in the platform chain, not in the tenant's.
  res = await sup.get(`/api/v1/audit?scope=platform&target_id=${templateId}`);
  expect(res.status(), await res.text()).toBe(200);
  const entries = (await res.json()).data as { action: string; actor: string; after: { name: string } }[];
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ action: "template.created", actor: PERSONAS.superAdmin.email, after: { name } });
  expect((await (await sup.get(`/api/v1/audit?target_id=${templateId}`)).json()).data).toHaveLength(0);
  expect((await (await sup.get(`/api/v1/audit?scope=tenant&target_id=${templateId}`)).json()).data).toHaveLength(0);

  const csv = await sup.get(`/api/v1/audit?scope=platform&target_id=${templateId}`, {
    headers: { accept: "text/csv" },
  });
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="audit-platform-[0-9T-]+Z\.csv"$/);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(templateId);

  res = await sup.get("/api/v1/audit/verify?scope=platform");
  expect(res.status()).toBe(200);
  const verified = await res.json();
  expect(verified).toMatchObject({ ok: true, first_broken_id: null });
  expect(verified.checked).toBeGreaterThanOrEqual(1);
  res = await sup.get("/api/v1/audit/verify?scope=everything");
  expect(res.status()).toBe(400);
  expect((await res.json()).errors.map((e: { path: string }) => e.path)).toEqual(["query.scope"]);

  // A tenant admin (who holds gatehouse.audit.view) may not, by any of the three.
  const adminPage = await signedInPage(browser, PERSONAS.tenantAdmin.email);
  const admin = adminPage.request;
  for (const forbidden of [
    await admin.get("/api/v1/audit?scope=platform"),
    await admin.get("/api/v1/audit?scope=platform", { headers: { accept: "text/csv" } }),
    await admin.get("/api/v1/audit/verify?scope=platform"),
  ]) {
    expect(forbidden.status()).toBe(403);
    expect(forbidden.headers()["content-type"]).toContain("application/problem+json");
    expect(await forbidden.json()).toMatchObject({ required: "super-admin" });
  }
  expect((await admin.get("/api/v1/audit/verify")).status()).toBe(200);

  // Nor may an API key, even a read key of an admin: keys belong to one tenant.
  res = await admin.post("/api/v1/api-keys", {
    headers: sameOrigin,
    data: { name: `platform reader ${tag()}`, scopes: ["read"] },
  });
  expect(res.status(), await res.text()).toBe(201);
  const key = await res.json();
  const app = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  expect((await app.get("/api/v1/audit?scope=platform")).status()).toBe(403);
  expect((await app.get("/api/v1/audit/verify?scope=platform")).status()).toBe(403);
  expect((await app.get("/api/v1/audit/verify")).status()).toBe(200);
  await app.dispose();
  await admin.delete(`/api/v1/api-keys/${key.id}`, { headers: sameOrigin });
  await adminPage.close();
  await superPage.close();
});
