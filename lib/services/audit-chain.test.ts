import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { auditEntries, tenants } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { Principal } from "@/lib/auth/principal";
import { CLIENT_IP_HEADER, stampFor } from "@/lib/http/client-ip";
import { requestMeta } from "@/lib/http/request-meta";
import { appendAudit, legacyEntryHash, verifyAuditChain } from "./audit-chain";

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
        {
          action: "role.created",
          targetType: "role",
          targetId: "r1",
          after: { name: "Ops", b: 1, a: [2, { z: 1, y: 2 }] },
        },
        {
          action: "role.permissions.updated",
          targetType: "role",
          targetId: "r1",
          after: { added: ["x.y"], removed: [] },
        },
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
    expect(await verifyAuditChain(database.db, tenantId)).toEqual({
      ok: true,
      checked: 2,
      first_broken_id: null,
      head_seq: 2,
      missing_tail: null,
    });
    expect(await verifyAuditChain(database.db, null)).toEqual({
      ok: true,
      checked: 1,
      first_broken_id: null,
      head_seq: 1,
      missing_tail: null,
    });
  });

  it("concurrent writers still form one unbroken chain", async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        database.db.transaction((tx) =>
          appendAudit(tx, tenantId, null, null, [
            { action: "user.role.assigned", targetType: "user", targetId: `u${i}` },
          ]),
        ),
      ),
    );
    expect(await verifyAuditChain(database.db, tenantId)).toMatchObject({ ok: true, checked: 12 });
  });

  it("a row altered by hand (as superuser, trigger disabled) is reported", async () => {
    const [victim] = rowsOf<{ id: string }>(
      await database.db.execute(sql`select id from audit_entries where tenant_id = ${tenantId} and seq = 5`),
    );
    await database.db.execute(sql`alter table audit_entries disable trigger audit_entries_no_update_delete`);
    await database.db.execute(sql`update audit_entries set target_id = 'forged' where id = ${victim!.id}`);
    await database.db.execute(sql`alter table audit_entries enable trigger audit_entries_no_update_delete`);
    expect(await verifyAuditChain(database.db, tenantId)).toEqual({
      ok: false,
      checked: 4,
      first_broken_id: victim!.id,
      head_seq: 12,
      missing_tail: null,
    });
    await expect(database.db.delete(auditEntries)).rejects.toThrow();
  });

  /** A chain of its own (a fresh tenant) with three entries of a signed-in user, from a proxied request. */
  async function chainOfThree(slug: string) {
    const [t] = await database.db.insert(tenants).values({ name: slug, slug }).returning();
    const user = {
      kind: "user",
      userId: "00000000-0000-4000-8000-000000000001",
      tenantId: t!.id,
      isSuperAdmin: false,
      label: "ada@acme.test",
    } as unknown as Principal;
    const meta = requestMeta(
      new Request("http://x/", {
        headers: {
          [CLIENT_IP_HEADER]: stampFor("203.0.113.7"),
          "x-forwarded-for": "6.6.6.6",
          "user-agent": "Browser/1",
        },
      }),
    );
    for (const i of [1, 2, 3]) {
      await database.db.transaction((tx) =>
        appendAudit(tx, t!.id, user, meta, [{ action: "role.created", targetType: "role", targetId: `r${i}` }]),
      );
    }
    const rows = rowsOf<{ id: string; ip: string; user_agent: string; actor_label: string }>(
      await database.db.execute(
        sql`select id, ip, user_agent, actor_label from audit_entries where tenant_id = ${t!.id} order by seq`,
      ),
    );
    return { tenantId: t!.id, rows };
  }

  async function forge(assignment: ReturnType<typeof sql>, id: string) {
    await database.db.execute(sql`alter table audit_entries disable trigger audit_entries_no_update_delete`);
    try {
      await database.db.execute(sql`update audit_entries set ${assignment} where id = ${id}`);
    } finally {
      await database.db.execute(sql`alter table audit_entries enable trigger audit_entries_no_update_delete`);
    }
  }

  it("records the client IP the server resolved (never X-Forwarded-For as sent), the user agent and the actor", async () => {
    const { rows } = await chainOfThree("meta");
    expect(rows[0]).toMatchObject({ ip: "203.0.113.7", user_agent: "Browser/1", actor_label: "ada@acme.test" });
  });

  it.each([
    ["ip", sql`ip = '198.51.100.1'`],
    ["user agent", sql`user_agent = 'Forged/2'`],
    ["actor label", sql`actor_label = 'someone-else@acme.test'`],
    ["ip set to null", sql`ip = null`],
  ])("a hand edit of the %s breaks the chain at that entry", async (what, assignment) => {
    const { tenantId: chain, rows } = await chainOfThree(`forged-${what.replaceAll(" ", "-")}`);
    expect(await verifyAuditChain(database.db, chain)).toEqual({
      ok: true,
      checked: 3,
      first_broken_id: null,
      head_seq: 3,
      missing_tail: null,
    });
    await forge(assignment, rows[1]!.id);
    expect(await verifyAuditChain(database.db, chain)).toEqual({
      ok: false,
      checked: 1,
      first_broken_id: rows[1]!.id,
      head_seq: 3,
      missing_tail: null,
    });
  });

  it("entries hashed in the first form verify only as the chain's leading run", async () => {
    const { tenantId: chain, rows } = await chainOfThree("legacy");
    // Rewrite the chain as the first form stored it (each hash over its predecessor's legacy hash).
    let prev = "0".repeat(64);
    for (const { id } of rows) {
      const [row] = await database.db.select().from(auditEntries).where(sql`id = ${id}`);
      const old = legacyEntryHash(prev, row!);
      await forge(sql`prev_hash = ${prev}, hash = ${old}`, id);
      prev = old;
    }
    // Its head as the migration that added heads would have anchored it: the last legacy hash.
    await database.db.execute(sql`alter table audit_chain_heads disable trigger audit_chain_heads_forward_only`);
    await database.db.execute(sql`update audit_chain_heads set hash = ${prev} where tenant_id = ${chain}`);
    await database.db.execute(sql`alter table audit_chain_heads enable trigger audit_chain_heads_forward_only`);
    expect(await verifyAuditChain(database.db, chain)).toEqual({
      ok: true,
      checked: 3,
      first_broken_id: null,
      head_seq: 3,
      missing_tail: null,
    });
    await database.db.transaction((tx) =>
      appendAudit(tx, chain, null, null, [{ action: "role.deleted", targetType: "role", targetId: "r1" }]),
    );
    expect(await verifyAuditChain(database.db, chain)).toEqual({
      ok: true,
      checked: 4,
      first_broken_id: null,
      head_seq: 4,
      missing_tail: null,
    });

    // A legacy-form entry AFTER a v2 one is refused even when its legacy hash is right.
    const { tenantId: later, rows: laterRows } = await chainOfThree("legacy-later");
    const [second] = await database.db.select().from(auditEntries).where(sql`id = ${laterRows[1]!.id}`);
    const forged = legacyEntryHash(second!.prevHash, { ...second!, ip: "198.51.100.1" });
    await forge(sql`ip = '198.51.100.1', hash = ${forged}`, laterRows[1]!.id);
    await forge(sql`prev_hash = ${forged}`, laterRows[2]!.id);
    expect(await verifyAuditChain(database.db, later)).toEqual({
      ok: false,
      checked: 1,
      first_broken_id: laterRows[1]!.id,
      head_seq: 3,
      missing_tail: null,
    });
  });

  /** The head anchored for a chain (null: the platform chain). */
  async function headOf(chain: string | null) {
    return rowsOf<{ seq: number | string; hash: string }>(
      await database.db.execute(
        sql`select seq, hash from audit_chain_heads where tenant_id is not distinct from ${chain}::uuid`,
      ),
    ).map((h) => ({ seq: Number(h.seq), hash: h.hash }))[0];
  }

  async function removeAsSuperuser(chain: string, fromSeq: number) {
    await database.db.execute(sql`alter table audit_entries disable trigger audit_entries_no_update_delete`);
    try {
      await database.db.execute(sql`delete from audit_entries where tenant_id = ${chain} and seq >= ${fromSeq}`);
    } finally {
      await database.db.execute(sql`alter table audit_entries enable trigger audit_entries_no_update_delete`);
    }
  }

  it("every append moves its chain's head in the same transaction, the platform chain's too", async () => {
    const { tenantId: chain } = await chainOfThree("heads");
    const [last] = await database.db.select().from(auditEntries).where(sql`tenant_id = ${chain} and seq = 3`);
    expect(await headOf(chain)).toEqual({ seq: 3, hash: last!.hash });
    await database.db.transaction((tx) =>
      appendAudit(tx, null, null, null, [{ action: "plan.created", targetType: "plan", targetId: "p2" }]),
    );
    const [platform] = await database.db
      .select()
      .from(auditEntries)
      .where(sql`tenant_id is null`)
      .orderBy(sql`seq desc`)
      .limit(1);
    expect(await headOf(null)).toEqual({ seq: platform!.seq, hash: platform!.hash });
    await database.db
      .transaction(async (tx) => {
        await appendAudit(tx, chain, null, null, [{ action: "role.deleted", targetType: "role", targetId: "r1" }]);
        tx.rollback();
      })
      .catch(() => undefined);
    expect(await headOf(chain)).toEqual({ seq: 3, hash: last!.hash });
  });

  it("removing the newest entries (as superuser, trigger disabled) is reported as a missing tail", async () => {
    const { tenantId: chain } = await chainOfThree("tail");
    await database.db.transaction((tx) =>
      appendAudit(tx, chain, null, null, [
        { action: "role.deleted", targetType: "role", targetId: "r1" },
        { action: "role.deleted", targetType: "role", targetId: "r2" },
      ]),
    );
    await removeAsSuperuser(chain, 4);
    expect(await verifyAuditChain(database.db, chain)).toEqual({
      ok: false,
      checked: 3,
      first_broken_id: null,
      head_seq: 5,
      missing_tail: { from_seq: 4, to_seq: 5 },
    });
    // The chain goes on from its anchored head, so the gap stays visible: the next entry's link is broken.
    await database.db.transaction((tx) =>
      appendAudit(tx, chain, null, null, [{ action: "role.created", targetType: "role", targetId: "r9" }]),
    );
    const [next] = await database.db.select().from(auditEntries).where(sql`tenant_id = ${chain} and seq = 6`);
    expect(await verifyAuditChain(database.db, chain)).toMatchObject({
      ok: false,
      checked: 3,
      first_broken_id: next!.id,
    });
  });

  it("the head only moves forward: it cannot be set back, deleted or truncated", async () => {
    const { tenantId: chain } = await chainOfThree("head-guard");
    await expect(
      database.db.execute(sql`update audit_chain_heads set seq = 1 where tenant_id = ${chain}`),
    ).rejects.toThrow();
    await expect(database.db.execute(sql`delete from audit_chain_heads where tenant_id = ${chain}`)).rejects.toThrow();
    await expect(database.db.execute(sql`truncate audit_chain_heads`)).rejects.toThrow();
    expect((await headOf(chain))?.seq).toBe(3);
  });

  // Last: on a database without the guard it empties the table.
  it("TRUNCATE of the audit log is refused like UPDATE and DELETE", async () => {
    await expect(database.db.execute(sql`truncate audit_entries`)).rejects.toThrow();
    const [row] = rowsOf<{ n: number | string }>(
      await database.db.execute(sql`select count(*) as n from audit_entries`),
    );
    expect(Number(row!.n)).toBeGreaterThan(0);
  });
});
