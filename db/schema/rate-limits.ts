import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The counters of rate-limiter-flexible's Drizzle store (`lib/api/rate-limit.ts`): one row per
 * limiter key and window, shared by every instance on one PostgreSQL database. The property names
 * `key`, `points` and `expire` are the library's contract. UNLOGGED (see the migration): counters
 * may be lost in a crash, and a check must not wait for a WAL flush.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text().primaryKey(),
    points: integer().notNull().default(0),
    expire: timestamp({ withTimezone: true, mode: "date" }),
  },
  // The store deletes rows expired for an hour every five minutes.
  (t) => [index().on(t.expire)],
);
