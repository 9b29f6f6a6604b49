import { bigint, date, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

/** Check counters per tenant × permission × day, flushed from memory periodically (§5). */
export const checkStats = pgTable(
  "check_stats",
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    permissionCode: text().notNull(),
    day: date({ mode: "string" }).notNull(),
    allowed: bigint({ mode: "number" }).notNull().default(0),
    denied: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day, t.permissionCode] })],
);
