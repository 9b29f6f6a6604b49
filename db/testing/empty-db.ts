import { sql } from "drizzle-orm";
import { type Database, openPglite, openPostgres } from "../client";
import { adminUrl, databaseName, withDatabase } from "./pg-url";

export interface EmptyDatabase {
  database: Database;
  /** A second, independent client of the same database (PostgreSQL), or the same one (PGlite: one per process). */
  connectAgain(): Promise<Database>;
  drop(): Promise<void>;
}

let copies = 0;

/** A brand-new, empty database of the driver under test (not the migrated template). */
export async function createEmptyDatabase(): Promise<EmptyDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const { PGlite } = await import("@electric-sql/pglite");
    const database = await openPglite(new PGlite());
    return { database, connectAgain: async () => database, drop: () => database.close() };
  }
  const name = `${databaseName(url)}_empty_${process.pid}_${copies++}`;
  const admin = await openPostgres(adminUrl(url), 1);
  await admin.db.execute(sql.raw(`drop database if exists "${name}"`));
  await admin.db.execute(sql.raw(`create database "${name}"`));
  const database = await openPostgres(withDatabase(url, name), 2);
  const extra: Database[] = [];
  return {
    database,
    async connectAgain() {
      const d = await openPostgres(withDatabase(url, name), 2);
      extra.push(d);
      return d;
    },
    async drop() {
      for (const d of extra) await d.close();
      await database.close();
      await admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
      await admin.close();
    },
  };
}
