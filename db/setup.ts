import { type Database, migrateDatabase } from "./client";
import { seed as seedAll, seedIfEmpty } from "./seed";

/** The advisory lock key instances take to set the database up ("gateho" in ASCII); fixed, so every version agrees. */
export const SETUP_LOCK = 0x6761_7465_686f;

export interface SetupOptions {
  /** "if-empty": the demo world when no tenant exists yet (server start); "always": the idempotent full seed. */
  seed: "off" | "if-empty" | "always";
  /** Called when another instance holds the lock and this one waits for it. */
  onWait?: () => void;
}

/**
 * Applies pending migrations and the first seed under one database-wide lock, so instances started
 * together on an empty database take turns: the first sets it up, the others wait and find it done.
 * Returns whether this call seeded.
 */
export function setUpDatabase(database: Database, options: SetupOptions): Promise<{ seeded: boolean }> {
  return database.withLock(
    SETUP_LOCK,
    async () => {
      await migrateDatabase(database);
      if (options.seed === "if-empty") return { seeded: await seedIfEmpty(database.db) };
      if (options.seed === "always") await seedAll(database.db);
      return { seeded: options.seed === "always" };
    },
    options.onWait,
  );
}
