import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { auditEntries, tenants } from "@/db/schema";
import { type TestDatabase, createTestDatabase } from "@/db/testing/test-db";
import { appendAudit, verifyAuditChain } from "./audit";

let database: TestDatabase;
let tenantId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  const [tenant] = await database.db.insert(tenants).values({ name: "Chain", slug: "chain" }).returning();
  tenantId = tenant!.id;
});
afterAll(() => database.destroy());

describe("the audit hash chain", () => {
  it("links entries per tenant, verifies, and keeps nothing of a rolled-back change", async () => {
    await database.db.transaction(async (tx) => {
      await appendAudit(tx, tenantId, null, { ip: "127.0.0.1", userAgent: "test" }, [
        { action: "role.created", targetType: "role", targetId: "r1", after: { name: "Ops", b: 1, a: [2, { z: 1, y: 2 }] } },
        { action: "role.permissions.updated", targetType: "role", targetId: "r1", after: { added: ["x.y"], removed: [] } },
      ]);
    });
    await database.db.transaction(async (tx) => {
      await appendAudit(tx, null, null, null, [{ action: "plan.updated", targetType: "plan", targetId: "p1" }]);
    });
    await database.db
      .transaction(async (tx) => {
        await appendAudit(tx, tenantId, null, null, [{ action: "role.deleted", targetType: "role", targetId: "r1" }]);
        tx.rollback();
      })
      .catch(() => undefined);
    expect(await verifyAuditChain(database.db, tenantId)).toEqual({ ok: true, checked: 2, first_broken_id: null });
    expect(await verifyAuditChain(database.db, null)).toEqual({ ok: true, checked: 1, first_broken_id: null });
  });

  it("concurrent writers still form one unbroken chain", async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        database.db.transaction((tx) => appendAudit(tx, tenantId, null, null, [{ action: "user.role.assigned", targetType: "user", targetId: `u${i}` }])),
      ),
    );
    expect(await verifyAuditChain(database.db, tenantId)).toMatchObject({ ok: true, checked: 12 });
  });

  it("a row altered by hand (as superuser, trigger disabled) is reported", async () => {
    const [victim] = rowsOf<{ id: string }>(await database.db.execute(sql`select id from audit_entries where tenant_id = ${tenantId} and seq = 5`));
    await database.db.execute(sql`alter table audit_entries disable trigger audit_entries_no_update_delete`);
    await database.db.execute(sql`update audit_entries set target_id = 'forged' where id = ${victim!.id}`);
    await database.db.execute(sql`alter table audit_entries enable trigger audit_entries_no_update_delete`);
    expect(await verifyAuditChain(database.db, tenantId)).toEqual({ ok: false, checked: 4, first_broken_id: victim!.id });
    await expect(database.db.delete(auditEntries)).rejects.toThrow();
  });
});
