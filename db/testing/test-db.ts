import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { inject } from "vitest";
import { type Database, openPglite, openPostgres, rowsOf } from "../client";
import { adminUrl, withDatabase } from "./pg-url";

export interface TestDatabase extends Database {
  /** Opens a second, independent connection to the same database (PostgreSQL), or the same one (PGlite). */
  connectAgain(): Promise<Database>;
  /** Empties every table (between tests of one file). */
  reset(): Promise<void>;
  /** Closes it and, on PostgreSQL, drops the copy. */
  destroy(): Promise<void>;
}

/**
 * A fresh database for one test file: PGlite loaded from the migrated template, or a copy of the
 * migrated PostgreSQL template database when DATABASE_URL is set.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `${inject("pgTemplate")}_f${randomBytes(5).toString("hex")}`;
    const admin = await openPostgres(adminUrl(url), 1);
    await admin.db.execute(sql.raw(`create database "${name}" template "${inject("pgTemplate")}"`));
    const database = await openPostgres(withDatabase(url, name), 5);
    const extra: Database[] = [];
    return {
      ...database,
      async connectAgain() {
        const d = await openPostgres(withDatabase(url, name), 3);
        extra.push(d);
        return d;
      },
      reset: () => truncateAll(database),
      async destroy() {
        for (const d of extra) await d.close();
        await database.close();
        await admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
        await admin.close();
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const file = inject("pgliteTemplate");
  const client = new PGlite({ loadDataDir: new Blob([readFileSync(file)]) });
  const database = await openPglite(client);
  return {
    ...database,
    connectAgain: async () => database,
    reset: () => truncateAll(database),
    destroy: () => database.close(),
  };
}

async function truncateAll(database: Database) {
  const rows = rowsOf<{ tablename: string }>(
    await database.db.execute(sql`select tablename from pg_tables where schemaname = 'public'`),
  );
  const names = rows.map((r) => `"${r.tablename}"`).join(", ");
  if (!names) return;
  // The audit tables refuse TRUNCATE by trigger; a test reset (as superuser) runs with triggers off.
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql.raw(`truncate ${names} restart identity cascade`));
  });
}
