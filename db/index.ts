import { singletonAsync, singletonNow } from "@/lib/singleton";
import { type Database, openFromEnv } from "./client";
import { setUpDatabase } from "./setup";

export type { Database, Db, DbOrTx, Driver, Tx } from "./client";

/**
 * The process's one database (lib/singleton.ts: a PGlite folder must be opened once per process,
 * however many bundles evaluate this module). Opening applies pending migrations and seeds an
 * empty database with the demo world, under a database-wide lock: instances started together on
 * an empty PostgreSQL database take turns.
 */
export function getDatabase(): Promise<Database> {
  return singletonAsync("database", async () => {
    const database = await openFromEnv();
    await setUpDatabase(database, {
      seed: process.env.GATEHOUSE_SEED === "off" ? "off" : "if-empty",
      onWait: () => console.log("  Another instance is setting the database up; waiting for it…"),
    });
    return database;
  });
}

export async function db() {
  return (await getDatabase()).db;
}

/** The database's handle once it is open and set up, else undefined (then await `db()`): for the check path. */
export function dbNow() {
  return singletonNow<Database>("database")?.db;
}
