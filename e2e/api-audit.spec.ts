import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { loginAs } from "./support/personas";

const origin = { origin: baseURL };

test("every write leaves exactly its audit entries, a refused one none, and the chain verifies", async ({ page }) => {
  await loginAs(page, "tenantAdmin");
  const api = page.request;
  const name = `Audited ${Date.now().toString(36)}`;
  const created = await (await api.post("/api/v1/roles", { headers: origin, data: { name, permissions: [{ code: "products.view" }] } })).json();
  expect((await api.patch(`/api/v1/roles/${created.id}`, { headers: origin, data: { version: 1, description: "first" } })).status()).toBe(200);
  expect((await api.patch(`/api/v1/roles/${created.id}`, { headers: origin, data: { version: 1, description: "stale" } })).status()).toBe(409);
  expect((await api.post(`/api/v1/roles/${created.id}/permissions`, { headers: origin, data: { version: 2, codes: ["products.create"] } })).status()).toBe(200);

  const res = await api.get(`/api/v1/audit?target_type=role&target_id=${created.id}`);
  expect(res.status()).toBe(200);
  const entries = (await res.json()).data as { action: string; actor: string; before: unknown; after: Record<string, unknown>; seq: number }[];
  expect(entries.map((e) => e.action)).toEqual(["role.permissions.updated", "role.updated", "role.permissions.updated", "role.created"]);
  expect(entries[0]!.after).toMatchObject({ added: ["products.create"], removed: [] });
  expect(entries[1]).toMatchObject({ actor: "admin@acme.test", before: { description: null }, after: { description: "first" } });
  expect(entries.every((e, i) => i === 0 || e.seq < entries[i - 1]!.seq)).toBe(true);

  const first = await (await api.get(`/api/v1/audit?target_id=${created.id}&limit=3`)).json();
  expect(first.data).toHaveLength(3);
  const rest = await (await api.get(`/api/v1/audit?target_id=${created.id}&limit=3&cursor=${encodeURIComponent(first.next_cursor)}`)).json();
  expect(rest.data.map((e: { action: string }) => e.action)).toEqual(["role.created"]);
  expect(rest.next_cursor).toBeNull();
  const created1 = await (await api.get(`/api/v1/audit?action=role.created&target_id=${created.id}`)).json();
  expect(created1.data).toHaveLength(1);

  const verify = await (await api.get("/api/v1/audit/verify")).json();
  expect(verify).toMatchObject({ ok: true, first_broken_id: null });
  expect(verify.checked).toBeGreaterThanOrEqual(4);
});

test("members cannot read the audit log", async ({ page }) => {
  await loginAs(page, "member");
  const res = await page.request.get("/api/v1/audit");
  expect(res.status()).toBe(403);
  expect((await res.json()).missing_permission).toBe("gatehouse.audit.view");
});
