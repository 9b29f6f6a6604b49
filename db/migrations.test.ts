import { randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, MIGRATIONS_FOLDER, migrateDatabase, rowsOf } from "./client";
import { auditEntries, tenants } from "./schema";
import { seed } from "./seed";
import { createEmptyDatabase } from "./testing/empty-db";
import { createTestDatabase, type TestDatabase } from "./testing/test-db";

const driver = process.env.DATABASE_URL ? "postgres" : "pglite";

async function tableCounts(database: Database): Promise<Record<string, number>> {
  const tables = rowsOf<{ tablename: string }>(
    await database.db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by 1`),
  );
  const out: Record<string, number> = {};
  for (const { tablename } of tables) {
    const [row] = rowsOf<{ n: number | string }>(
      await database.db.execute(sql.raw(`select count(*) as n from "${tablename}"`)),
    );
    out[tablename] = Number(row?.n);
  }
  return out;
}

describe(`migrations on ${driver}`, () => {
  it("apply to an empty database and are idempotent", async () => {
    const { database, drop } = await createEmptyDatabase();
    try {
      await migrateDatabase(database);
      await migrateDatabase(database); // a second run finds nothing pending
      const counts = await tableCounts(database);
      expect(Object.keys(counts)).toEqual(
        expect.arrayContaining([
          "tenants",
          "permissions",
          "roles",
          "role_grants",
          "user_overrides",
          "audit_entries",
          "audit_chain_heads",
          "api_keys",
          "check_stats",
        ]),
      );
      expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    } finally {
      await drop();
    }
  });

  it("anchor the head of every chain a database already holds (audit_chain_heads backfill)", async () => {
    const { database, drop } = await createEmptyDatabase();
    const folder = mkdtempSync(path.join(os.tmpdir(), "gatehouse-migrations-"));
    try {
      // A database made before the heads: the migrations up to the one that adds them.
      cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
      const journalFile = path.join(folder, "meta", "_journal.json");
      const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
      const cut = journal.entries.findIndex((e) => e.tag.endsWith("_audit_chain_heads"));
      expect(cut).toBeGreaterThan(0);
      writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
      await migrateDatabase(database, folder);
      const tenantId = randomUUID();
      const entry = (tenant: string | null, seq: number, hash: string) => ({
        tenantId: tenant,
        seq,
        actorType: "system",
        action: "test.entry",
        prevHash: "p",
        hash,
      });
      await database.db
        .insert(auditEntries)
        .values([entry(tenantId, 1, "t1"), entry(tenantId, 2, "t2"), entry(null, 1, "p1")]);
      await migrateDatabase(database);
      const heads = rowsOf<{ tenant_id: string | null; seq: number | string; hash: string }>(
        await database.db.execute(sql`select tenant_id, seq, hash from audit_chain_heads order by seq`),
      );
      expect(heads.map((h) => ({ ...h, seq: Number(h.seq) }))).toEqual([
        { tenant_id: null, seq: 1, hash: "p1" },
        { tenant_id: tenantId, seq: 2, hash: "t2" },
      ]);
    } finally {
      await drop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe(`the demo world on ${driver}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
  });
  afterAll(() => database.destroy());

  it("holds every seed's data", async () => {
    const codes = rowsOf<{ code: string }>(await database.db.execute(sql`select code from permissions`)).map(
      (r) => r.code,
    );
    // 000 (UI permissions), 002 (CRUD), 003 (groups), 004 (ERP menu × action), Gatehouse's own.
    expect(codes).toEqual(
      expect.arrayContaining([
        "sites.detail.actions.change_sim",
        "inventory.update",
        "organization_view_users",
        "role_assign",
        "sales.invoices.export",
        "gatehouse.roles.manage",
      ]),
    );
    const plans = rowsOf<{ code: string; n: number | string }>(
      await database.db.execute(
        sql`select p.code, count(*) filter (where f.included) as n from plans p join plan_features f on f.plan_id = p.id group by p.code order by p.code`,
      ),
    );
    expect(plans.map((p) => [p.code, Number(p.n)])).toEqual([
      ["basic", 4],
      ["enterprise", 25],
      ["professional", 11],
    ]);
    const slugs = (await database.db.select({ slug: tenants.slug }).from(tenants)).map((t) => t.slug).sort();
    expect(slugs).toEqual(["acme", "globex", "initech"]);
  });

  it("seeding twice changes nothing", async () => {
    const before = await tableCounts(database);
    const versions = await database.db.select({ id: tenants.id, v: tenants.permVersion }).from(tenants);
    await seed(database.db);
    expect(await tableCounts(database)).toEqual(before);
    expect(await database.db.select({ id: tenants.id, v: tenants.permVersion }).from(tenants)).toEqual(versions);
  });

  it("refuses to update or delete an audit entry", async () => {
    await database.db
      .insert(auditEntries)
      .values({ seq: 1, actorType: "system", action: "test.entry", prevHash: "0", hash: "h" });
    await expect(database.db.update(auditEntries).set({ action: "tampered" })).rejects.toThrow();
    await expect(database.db.delete(auditEntries)).rejects.toThrow();
    await expect(database.db.execute(sql`truncate audit_entries`)).rejects.toThrow();
    const [row] = rowsOf<{ action: string }>(await database.db.execute(sql`select action from audit_entries`));
    expect(row?.action).toBe("test.entry");
  });
});
