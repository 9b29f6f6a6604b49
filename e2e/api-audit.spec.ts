import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { loginAs, signIn } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

test("every write leaves exactly its audit entries, a refused one none, and the chain verifies", async ({ page }) => {
  await loginAs(page, "tenantAdmin");
  const api = page.request;
  const name = `Audited ${Date.now().toString(36)}`;
  const created = await (
    await api.post("/api/v1/roles", { headers: sameOrigin, data: { name, permissions: [{ code: "products.view" }] } })
  ).json();
  expect(
    (
      await api.patch(`/api/v1/roles/${created.id}`, {
        headers: sameOrigin,
        data: { version: 1, description: "first" },
      })
    ).status(),
  ).toBe(200);
  expect(
    (
      await api.patch(`/api/v1/roles/${created.id}`, {
        headers: sameOrigin,
        data: { version: 1, description: "stale" },
      })
    ).status(),
  ).toBe(409);
  expect(
    (
      await api.post(`/api/v1/roles/${created.id}/permissions`, {
        headers: sameOrigin,
        data: { version: 2, codes: ["products.create"] },
      })
    ).status(),
  ).toBe(200);

  const res = await api.get(`/api/v1/audit?target_type=role&target_id=${created.id}`);
  expect(res.status()).toBe(200);
  const entries = (await res.json()).data as {
    action: string;
    actor: string;
    before: unknown;
    after: Record<string, unknown>;
    seq: number;
  }[];
  expect(entries.map((e) => e.action)).toEqual([
    "role.permissions.updated",
    "role.updated",
    "role.permissions.updated",
    "role.created",
  ]);
  expect(entries[0]!.after).toMatchObject({ added: ["products.create"], removed: [] });
  expect(entries[1]).toMatchObject({
    actor: "admin@acme.test",
    before: { description: null },
    after: { description: "first" },
  });
  expect(entries.every((e, i) => i === 0 || e.seq < entries[i - 1]!.seq)).toBe(true);

  const first = await (await api.get(`/api/v1/audit?target_id=${created.id}&limit=3`)).json();
  expect(first.data).toHaveLength(3);
  const rest = await (
    await api.get(`/api/v1/audit?target_id=${created.id}&limit=3&cursor=${encodeURIComponent(first.next_cursor)}`)
  ).json();
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

test.describe("CSV export (Accept: text/csv)", () => {
  /** Splits CSV into records, honouring quoted fields that hold commas, quotes and line breaks. */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = "";
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") {
        row.push(field);
        field = "";
      } else if (c === "\r" && text[i + 1] === "\n") {
        row.push(field);
        rows.push(row);
        row = [];
        field = "";
        i++;
      } else field += c;
    }
    return rows;
  }
  const csv = { accept: "text/csv" };

  test("streams the filtered log, oldest first, with every field escaped; JSON stays the default", async ({
    page,
    browser,
  }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const name = `CSV, "export" ${Date.now().toString(36)}`;
    const res = await api.post("/api/v1/roles", {
      headers: sameOrigin,
      data: { name, permissions: [{ code: "finance.journal.delete" }] },
    });
    expect(res.status()).toBe(202);
    const {
      id: roleId,
      approval_ids: [approvalId],
    } = await res.json();
    const ops = await browser.newPage();
    await signIn(ops, "ops-admin@acme.test");
    await expect(ops.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
    const reason = '=2+3, "quoted"\nsecond line';
    expect(
      (
        await ops.request.post(`/api/v1/approvals/${approvalId}/reject`, { headers: sameOrigin, data: { reason } })
      ).status(),
    ).toBe(200);
    await ops.close();

    const exported = await api.get(`/api/v1/audit?target_type=role&target_id=${roleId}`, { headers: csv });
    expect(exported.status()).toBe(200);
    expect(exported.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(exported.headers()["content-disposition"]).toMatch(/^attachment; filename="audit-acme-[0-9T-]+Z\.csv"$/);
    const rows = parseCsv(await exported.text());
    const header = rows[0]!;
    expect(header).toEqual([
      "seq",
      "created_at",
      "actor_type",
      "actor_id",
      "actor",
      "action",
      "target_type",
      "target_id",
      "permission_code",
      "before",
      "after",
      "ip",
      "user_agent",
      "notes",
      "hash",
    ]);
    const col = (r: string[], name: string) => r[header.indexOf(name)]!;
    const data = rows.slice(1);
    expect(data.map((r) => col(r, "action"))).toEqual(["role.created", "approval.requested", "approval.rejected"]);
    expect(data.every((r) => col(r, "target_id") === roleId && r.length === header.length)).toBe(true);
    expect(JSON.parse(col(data[0]!, "after")).name).toBe(name);
    // Line breaks and quotes survive; a formula is defused with a leading apostrophe.
    expect(col(data[2]!, "notes")).toBe(`'${reason}`);
    expect(col(data[2]!, "actor")).toBe("ops-admin@acme.test");

    // The other filters apply too; limit does not cut an export.
    const one = parseCsv(
      await (
        await api.get(`/api/v1/audit?action=approval.rejected&target_id=${roleId}&limit=1`, { headers: csv })
      ).text(),
    );
    expect(one).toHaveLength(2);
    const none = parseCsv(
      await (
        await api.get(`/api/v1/audit?target_id=${roleId}&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z`, {
          headers: csv,
        })
      ).text(),
    );
    expect(none).toEqual([header]);

    // Without Accept: text/csv, the JSON list is unchanged.
    const json = await api.get(`/api/v1/audit?target_id=${roleId}`);
    expect(json.headers()["content-type"]).toContain("application/json");
    expect((await json.json()).data.map((e: { action: string }) => e.action)).toEqual([
      "approval.rejected",
      "approval.requested",
      "role.created",
    ]);
    // Invalid filters are refused as in JSON, as problem+json.
    const bad = await api.get("/api/v1/audit?actor_id=nope", { headers: csv });
    expect(bad.status()).toBe(400);
    expect(bad.headers()["content-type"]).toContain("application/problem+json");
  });

  test("401 anonymous or revoked key, 403 without the permission or the read scope; a read key exports", async ({
    page,
    browser,
    playwright,
  }) => {
    const anon = await playwright.request.newContext({ baseURL });
    const res = await anon.get("/api/v1/audit", { headers: csv });
    expect(res.status()).toBe(401);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    await anon.dispose();

    const member = await browser.newPage();
    await loginAs(member, "member");
    const refused = await member.request.get("/api/v1/audit", { headers: csv });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).missing_permission).toBe("gatehouse.audit.view");
    await member.close();

    await loginAs(page, "tenantAdmin");
    const key = async (scopes: string[]) =>
      (await (
        await page.request.post("/api/v1/api-keys", {
          headers: sameOrigin,
          data: { name: `csv ${scopes.join("+")} ${Date.now()}`, scopes },
        })
      ).json()) as { id: string; secret: string };
    const reader = await key(["read"]);
    const checker = await key(["check"]);
    const bearer = (k: { secret: string }) => ({ ...csv, authorization: `Bearer ${k.secret}` });
    const byKey = await page.request.get("/api/v1/audit?action=api_key.created", { headers: bearer(reader) });
    expect(byKey.status()).toBe(200);
    expect(await byKey.text()).toContain(reader.id);
    expect((await page.request.get("/api/v1/audit", { headers: bearer(checker) })).status()).toBe(403);
    await page.request.delete(`/api/v1/api-keys/${reader.id}`, { headers: sameOrigin });
    expect((await page.request.get("/api/v1/audit", { headers: bearer(reader) })).status()).toBe(401);
    await page.request.delete(`/api/v1/api-keys/${checker.id}`, { headers: sameOrigin });
  });
});

test("the audit log records the socket's address: a forged X-Forwarded-For or client-IP header is not believed", async ({
  page,
}) => {
  // The server trusts no proxy here (TRUSTED_PROXIES unset): every hop a client sends is its own choice.
  await loginAs(page, "tenantAdmin");
  const api = page.request;
  const created = await (
    await api.post("/api/v1/roles", {
      headers: {
        ...sameOrigin,
        "x-forwarded-for": "6.6.6.6",
        "x-real-ip": "6.6.6.7",
        "x-gatehouse-client-ip": "guess 6.6.6.8",
      },
      data: { name: `Forged IP ${Date.now().toString(36)}` },
    })
  ).json();
  const entries = (await (await api.get(`/api/v1/audit?target_type=role&target_id=${created.id}`)).json()).data as {
    action: string;
    ip: string | null;
  }[];
  expect(entries).toHaveLength(1);
  expect(entries[0]!.ip).toBe("127.0.0.1");
});
