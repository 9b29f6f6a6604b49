import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";
import { users } from "./users";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** Shown in lists and used to find the key; the secret itself is stored only as a hash. */
    prefix: text().notNull().unique(),
    secretHash: text().notNull(),
    scopes: text().array().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    /** After this instant the key is refused (401), as a revoked one; null: it never expires. */
    expiresAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.tenantId),
    check(
      "api_keys_scopes_ck",
      sql`${t.scopes} <@ array['check', 'read', 'write']::text[] and cardinality(${t.scopes}) > 0`,
    ),
  ],
);
