import { count, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Database, rowsOf } from "./client";
import { tenants, users } from "./schema";
import { SETUP_LOCK, setUpDatabase } from "./setup";
import { createEmptyDatabase } from "./testing/empty-db";

const driver = process.env.DATABASE_URL ? "postgres" : "pglite";

async function summary(database: Database) {
  const slugs = (await database.db.select({ slug: tenants.slug }).from(tenants)).map((t) => t.slug).sort();
  const [people] = await database.db.select({ n: count() }).from(users);
  const migrations = rowsOf<{ n: number | string }>(
    await database.db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`),
  );
  return { slugs, users: people?.n, migrations: Number(migrations[0]?.n) };
}

// Two servers started at the same moment on an empty database used to collide in CREATE TABLE.
describe(`setting up an empty database on ${driver}`, () => {
  it("twice at once: both succeed, migrations and the seed happen once", async () => {
    const { database, connectAgain, drop } = await createEmptyDatabase();
    try {
      const other = await connectAgain();
      const results = await Promise.all([
        setUpDatabase(database, { seed: "if-empty" }),
        setUpDatabase(other, { seed: "if-empty" }),
      ]);
      expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);

      const once = await summary(database);
      expect(once.slugs).toEqual(["acme", "globex", "initech"]);
      // A third start finds everything done and changes nothing.
      expect(await setUpDatabase(other, { seed: "if-empty" })).toEqual({ seeded: false });
      expect(await summary(other)).toEqual(once);
    } finally {
      await drop();
    }
  });

  it("an instance arriving while another holds the lock waits for it", async () => {
    const { database, connectAgain, drop } = await createEmptyDatabase();
    try {
      const other = await connectAgain();
      let waited = false;
      let settled = false;
      let second: Promise<{ seeded: boolean }> | undefined;
      await database.withLock(SETUP_LOCK, async () => {
        second = setUpDatabase(other, { seed: "off", onWait: () => (waited = true) }).finally(() => (settled = true));
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(settled).toBe(false);
      });
      await expect(second).resolves.toEqual({ seeded: false });
      expect(waited).toBe(true);
    } finally {
      await drop();
    }
  });
});
