import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";
import { users } from "./users";

/**
 * An invitation to join a tenant with some roles (API.md, Invitations). Adding an existing account
 * of another tenant by email makes one addressed to that account (`user_id`), never a membership:
 * the account joins only when it accepts, signed in (docs/design.md §3.5).
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    email: text().notNull(),
    /** The existing account it is addressed to; null for an invitation by link (`token_hash`). */
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    /** sha256 of the one-time link's token, for invitations by link. */
    tokenHash: text(),
    roleIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    /**
     * The id the admin who added this person by email was answered: a fresh id, never the
     * account's, so that the answer is the one a new email gets (a second add answers 409 with it).
     */
    answerId: uuid().notNull().defaultRandom(),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("invitations_tenant_email_idx").on(t.tenantId, sql`lower(${t.email})`),
    index("invitations_user_idx").on(t.userId),
    uniqueIndex("invitations_token_hash_uq").on(t.tokenHash),
    check("invitations_addressed_ck", sql`${t.userId} is not null or ${t.tokenHash} is not null`),
  ],
);
