import { type Database, migrateDatabase, openFromEnv } from "./client";
import { seedIfEmpty } from "./seed";

export type { Database, Db, DbOrTx, Driver, Tx } from "./client";

/**
 * The process's one database. Kept on globalThis because Next.js may evaluate this module in more
 * than one bundle of the same process, and a PGlite folder must be opened once (TOOLCHAIN.md).
 * Opening applies pending migrations and seeds an empty database with the demo world.
 */
const KEY = Symbol.for("gatehouse.database");
type Holder = { [KEY]?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  const g = globalThis as Holder;
  g[KEY] ??= (async () => {
    const database = await openFromEnv();
    await migrateDatabase(database);
    if (process.env.GATEHOUSE_SEED !== "off") await seedIfEmpty(database.db);
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
