import { type Database, openFromEnv } from "./client";
import { setUpDatabase } from "./setup";

export type { Database, Db, DbOrTx, Driver, Tx } from "./client";

/**
 * The process's one database. Kept on globalThis because Next.js may evaluate this module in more
 * than one bundle of the same process, and a PGlite folder must be opened once (TOOLCHAIN.md).
 * Opening applies pending migrations and seeds an empty database with the demo world, under a
 * database-wide lock: instances started together on an empty PostgreSQL database take turns.
 */
const KEY = Symbol.for("gatehouse.database");
type Holder = { [KEY]?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  const g = globalThis as Holder;
  g[KEY] ??= (async () => {
    const database = await openFromEnv();
    await setUpDatabase(database, {
      seed: process.env.GATEHOUSE_SEED === "off" ? "off" : "if-empty",
      onWait: () => console.log("  Another instance is setting the database up; waiting for it…"),
    });
    return database;
  })().catch((error: unknown) => {
    delete g[KEY];
    throw error;
  });
  return g[KEY];
}

export async function db() {
  return (await getDatabase()).db;
}
