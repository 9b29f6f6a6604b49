import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rowsOf } from "@/db/client";
import { tenants } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { Principal } from "@/lib/auth/principal";
import { auditQuery } from "@/lib/validation/audit";
import { appendAudit } from "./audit-chain";
import { csvField, exportAuditCsv, verifyTenantAudit } from "./audit-log";

// The export and verify, not the gate (lib/auth/authorize.ts has tests of its own): every check passes.
vi.mock("@/lib/auth/authorize", () => ({ authorize: async () => undefined }));

let database: TestDatabase;
let tenantId: string;
let principal: Principal;
const ctx = () => ({ db: database.db, principal, meta: { ip: null, userAgent: null } });

/** A minimal RFC 4180 reader: enough to prove what the writer wrote reads back the same. */
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

beforeAll(async () => {
  database = await createTestDatabase();
  const [tenant] = await database.db.insert(tenants).values({ name: "Export", slug: "export" }).returning();
  tenantId = tenant!.id;
  principal = {
    kind: "api_key",
    userId: null,
    tenantId,
    isSuperAdmin: false,
    label: "API key test",
    apiKey: {} as never,
  };
  const batch = Array.from({ length: 1203 }, (_, i) => ({
    action: i % 3 === 0 ? ("user.role.assigned" as const) : ("role.created" as const),
    targetType: "role",
    targetId: `r${i}`,
    after: { i },
  }));
  await database.db.transaction((tx) => appendAudit(tx, tenantId, null, null, batch));
  await database.db.transaction((tx) =>
    appendAudit(tx, tenantId, null, { ip: "10.0.0.1", userAgent: "UA, with comma" }, [
      {
        action: "approval.rejected",
        targetType: "role",
        targetId: "tricky",
        notes: '=2+3, "quoted"\nsecond line',
        after: { name: 'Quote "me", please' },
      },
    ]),
  );
});
afterAll(() => database.destroy());

describe("the audit CSV export", () => {
  it("escapes fields as RFC 4180 and defuses spreadsheet formulas", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(42)).toBe("42");
    expect(csvField("plain")).toBe("plain");
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-1+2")).toBe("'-1+2");
    expect(csvField({ a: "x,y" })).toBe('"{""a"":""x,y""}"');
  });

  it("streams every matching entry in batches, oldest first, and stops at the chain's end when it started", async () => {
    const download = await exportAuditCsv(ctx(), auditQuery.parse({ action: "role.created" }));
    expect(download.contentType).toBe("text/csv; charset=utf-8");
    expect(download.filename).toMatch(/^audit-tenant-.+\.csv$/);
    // Appended after the export began: not part of this cut.
    await database.db.transaction((tx) =>
      appendAudit(tx, tenantId, null, null, [{ action: "role.created", targetType: "role", targetId: "late" }]),
    );
    const rows = parseCsv(await new Response(download.body).text());
    expect(rows[0]).toEqual([
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
    const data = rows.slice(1);
    expect(data).toHaveLength(802); // a full batch of 500, then a short one
    expect(data.every((r) => r[5] === "role.created")).toBe(true);
    const seqs = data.map((r) => Number(r[0]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(data.some((r) => r[7] === "late")).toBe(false);
  });

  it("reads back exactly what was written, commas, quotes and line breaks included", async () => {
    const rows = parseCsv(
      await new Response((await exportAuditCsv(ctx(), auditQuery.parse({ target_id: "tricky" }))).body).text(),
    );
    expect(rows).toHaveLength(2);
    const [row] = rows.slice(1);
    expect(row![10]).toBe('{"name":"Quote \\"me\\", please"}');
    expect(row![12]).toBe("UA, with comma");
    expect(row![13]).toBe(`'=2+3, "quoted"\nsecond line`);
  });

  it("verify names the broken entry's position", async () => {
    expect(await verifyTenantAudit(ctx())).toMatchObject({ ok: true, first_broken_seq: null });
    const [victim] = rowsOf<{ id: string }>(
      await database.db.execute(sql`select id from audit_entries where tenant_id = ${tenantId} and seq = 7`),
    );
    await database.db.execute(sql`alter table audit_entries disable trigger audit_entries_no_update_delete`);
    await database.db.execute(sql`update audit_entries set notes = 'forged' where id = ${victim!.id}`);
    await database.db.execute(sql`alter table audit_entries enable trigger audit_entries_no_update_delete`);
    expect(await verifyTenantAudit(ctx())).toMatchObject({
      ok: false,
      checked: 6,
      first_broken_id: victim!.id,
      first_broken_seq: 7,
    });
  });

  it("verify names the newest entries removed (as superuser, trigger disabled) by their positions", async () => {
    const [other] = await database.db.insert(tenants).values({ name: "Tail", slug: "tail" }).returning();
    const asOther = { ...ctx(), principal: { ...principal, tenantId: other!.id } };
    await database.db.transaction((tx) =>
      appendAudit(
        tx,
        other!.id,
        null,
        null,
        [1, 2, 3, 4].map((i) => ({ action: "role.created" as const, targetType: "role", targetId: `t${i}` })),
      ),
    );
    expect(await verifyTenantAudit(asOther)).toMatchObject({ ok: true, checked: 4, head_seq: 4, missing_tail: null });
    await database.db.execute(sql`alter table audit_entries disable trigger audit_entries_no_update_delete`);
    await database.db.execute(sql`delete from audit_entries where tenant_id = ${other!.id} and seq > 2`);
    await database.db.execute(sql`alter table audit_entries enable trigger audit_entries_no_update_delete`);
    expect(await verifyTenantAudit(asOther)).toEqual({
      ok: false,
      checked: 2,
      first_broken_id: null,
      first_broken_seq: 3,
      head_seq: 4,
      missing_tail: { from_seq: 3, to_seq: 4 },
    });
  });
});
