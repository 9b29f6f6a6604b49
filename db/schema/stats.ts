import { bigint, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { roles } from "./roles";
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

/**
 * Check counters per tenant × user × day, kept in memory beside check_stats and flushed with them
 * (§5): usage per user (and per role, through its members) without scanning the decision log.
 */
export const userCheckStats = pgTable(
  "user_check_stats",
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: uuid().notNull(),
    day: date({ mode: "string" }).notNull(),
    allowed: bigint({ mode: "number" }).notNull().default(0),
    denied: bigint({ mode: "number" }).notNull().default(0),
    lastAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.day, t.userId] }),
    index("user_check_stats_user_idx").on(t.tenantId, t.userId),
  ],
);

/**
 * Members per role per UTC day (docs/design.md §5.5): an hourly snapshot of live assignments
 * (unexpired user_roles), upserted, so a day's row holds its last snapshot — within an hour of the
 * day's end while a server runs. Today's value is always counted live at read time. Exact where
 * the audit log is not (assignments expire without an entry) and one grouped count an hour.
 */
export const roleMemberDays = pgTable(
  "role_member_days",
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    roleId: uuid()
      .notNull()
      .references(() => roles.id, { onDelete: "cascade" }),
    day: date({ mode: "string" }).notNull(),
    members: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day, t.roleId] })],
);
