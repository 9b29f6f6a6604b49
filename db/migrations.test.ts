import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, migrateDatabase, rowsOf } from "./client";
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
          "api_keys",
          "check_stats",
        ]),
      );
      expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    } finally {
      await drop();
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
    const [row] = rowsOf<{ action: string }>(await database.db.execute(sql`select action from audit_entries`));
    expect(row?.action).toBe("test.entry");
  });
});
