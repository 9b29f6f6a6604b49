import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Second-factor state that is not the secret itself (the encrypted TOTP secret and its enable
 * time live on `users`). `last_totp_step` is the 30-second step of the last accepted code: a code
 * of that step or an earlier one is refused, so a code is never accepted twice, on any instance.
 */
export const mfaTotpState = pgTable("mfa_totp_state", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  lastTotpStep: bigint({ mode: "number" }).notNull().default(0),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Single-use recovery codes, stored as keyed hashes (HMAC-SHA-256); `used_at` set = spent. */
export const mfaRecoveryCodes = pgTable(
  "mfa_recovery_codes",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    /** The batch a code belongs to: regenerating replaces the whole batch. */
    batch: integer().notNull().default(1),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("mfa_recovery_codes_user_hash_uq").on(t.userId, t.codeHash),
    index("mfa_recovery_codes_unused_idx").on(t.userId).where(sql`${t.usedAt} is null`),
  ],
);
