import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * A sign-in, recorded server-side (docs/design.md §4.2): the JWT names its row (`sid`), and a
 * token whose row is revoked, expired or gone is nobody. `last_seen_at` is refreshed at most
 * every few minutes per instance, never on every request.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    /** A summary for the list ("Firefox on Linux" comes from it), cut to 300 characters. */
    userAgent: text(),
    ip: text(),
  },
  (t) => [index("sessions_user_idx").on(t.userId, t.createdAt)],
);
