import { mkdirSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Both drivers' Drizzle instances share this type: queries take a `Db` or a `Tx`. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;
export type Driver = "pglite" | "postgres";

export interface Database {
  db: Db;
  driver: Driver;
  /** LISTEN on a channel; PGlite delivers in-process, PostgreSQL on a dedicated connection. */
  listen(channel: string, onMessage: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  /**
   * Runs `fn` holding advisory lock `key`: on PostgreSQL a session lock on a dedicated connection,
   * shared by every instance on the database; on PGlite (one process per folder) an in-process queue.
   * `onWait` is called when another holder makes us wait.
   */
  withLock<T>(key: number, fn: () => Promise<T>, onWait?: () => void): Promise<T>;
  /** Connection pool figures for metrics (PGlite: a single in-process connection). */
  poolStats(): Promise<PoolStats>;
  close(): Promise<void>;
}

/** `max`: the pool's size; the rest: this instance's connections as the server reports them. */
export interface PoolStats {
  max: number;
  open: number;
  busy: number;
  idle: number;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");
const drizzleOptions = { schema, casing: "snake_case" } as const;

export function pgliteDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite"));
}

export async function openPglite(client: PGlite): Promise<Database> {
  const { drizzle } = await import("drizzle-orm/pglite");
  const db = drizzle({ client, ...drizzleOptions }) as unknown as Db;
  const queues = new Map<number, Promise<unknown>>();
  return {
    db,
    driver: "pglite",
    async withLock(key, fn, onWait) {
      const previous = queues.get(key);
      if (previous) onWait?.();
      const run = (previous ?? Promise.resolve()).catch(() => undefined).then(fn);
      queues.set(key, run);
      try {
        return await run;
      } finally {
        if (queues.get(key) === run) queues.delete(key);
      }
    },
    async listen(channel, onMessage) {
      const unlisten = await client.listen(channel, onMessage);
      return async () => unlisten();
    },
    poolStats: async () => ({ max: 1, open: 1, busy: 0, idle: 1 }),
    close: () => client.close(),
  };
}

/** Names this instance's connections in pg_stat_activity (pid first: the server keeps 63 bytes). */
const APPLICATION_NAME = `gatehouse:${process.pid}@${hostname()}`.slice(0, 63);

export async function openPostgres(url: string, max = Number(process.env.DB_POOL_MAX ?? 10)): Promise<Database> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const options = { onnotice: () => {}, connection: { application_name: APPLICATION_NAME } };
  const sql = postgres(url, { max, ...options });
  const db = drizzle({ client: sql, ...drizzleOptions }) as unknown as Db;
  return {
    db,
    driver: "postgres",
    async withLock(key, fn, onWait) {
      // Its own connection: a session lock lives on one connection, and `fn` must not wait for a
      // pool slot the lock holds (pools of one exist). If this process dies, the server drops the
      // session and with it the lock.
      const lock = postgres(url, { max: 1, ...options });
      try {
        const [got] = await lock<{ ok: boolean }[]>`select pg_try_advisory_lock(${key}::bigint) as ok`;
        if (!got?.ok) {
          onWait?.();
          await lock`select pg_advisory_lock(${key}::bigint)`;
        }
        return await fn();
      } finally {
        await lock.end({ timeout: 5 });
      }
    },
    async listen(channel, onMessage, onReconnect) {
      // postgres.js keeps one dedicated connection for LISTEN and re-listens after a reconnect;
      // the onlisten callback runs on every (re)subscription, after the first one it means we may
      // have missed notifications, so the caller flushes what it cached.
      let first = true;
      const sub = await sql.listen(channel, onMessage, () => {
        if (!first) onReconnect?.();
        first = false;
      });
      return async () => sub.unlisten();
    },
    // postgres.js exposes no pool figures, so ask the server about this instance's connections
    // (the LISTEN one included); the connection running this query counts as idle.
    poolStats: async () => {
      const [row] = await sql<{ open: number; busy: number }[]>`
        select count(*)::int as open, (count(*) filter (where state <> 'idle' and pid <> pg_backend_pid()))::int as busy
        from pg_stat_activity where application_name = ${APPLICATION_NAME} and datname = current_database()`;
      const open = row?.open ?? 0;
      const busy = row?.busy ?? 0;
      return { max, open, busy, idle: open - busy };
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/** Opens the database the environment names: PostgreSQL when DATABASE_URL is set, PGlite otherwise. */
export async function openFromEnv(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) return openPostgres(url);
  const dir = pgliteDir();
  mkdirSync(path.dirname(dir), { recursive: true });
  const { PGlite } = await import("@electric-sql/pglite");
  return openPglite(new PGlite(dir));
}

/** Applies pending migrations (a test may name a copy of the folder, cut short, to stand for an older database). */
export async function migrateDatabase(database: Database, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  if (database.driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(database.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(database.db as never, { migrationsFolder });
  }
}

/** Rows of a raw `execute`, whichever driver answered (postgres.js: an array; PGlite: `{rows}`). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return (result as { rows?: T[] }).rows ?? [];
}
