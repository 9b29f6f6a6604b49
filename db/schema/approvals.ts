import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { permissions } from "./catalog";
import { roles } from "./roles";
import { tenants } from "./tenants";
import { users } from "./users";

/** A pending grant of a `requires_approval` permission, to a role or as a user override. */
export const approvalRequests = pgTable(
  "approval_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    roleId: uuid().references(() => roles.id, { onDelete: "cascade" }),
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    permissionId: uuid()
      .notNull()
      .references(() => permissions.id, { onDelete: "cascade" }),
    /** What the grant would carry: scope and conditions, or effect, notes and expiry. */
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    requestedBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    decidedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    status: text().notNull().default("pending"),
    reason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.tenantId, t.status),
    check("approval_requests_kind_ck", sql`${t.kind} in ('role_grant', 'user_override')`),
    check("approval_requests_status_ck", sql`${t.status} in ('pending', 'approved', 'rejected')`),
    check(
      "approval_requests_target_ck",
      sql`(${t.kind} = 'role_grant' and ${t.roleId} is not null) or (${t.kind} = 'user_override' and ${t.userId} is not null)`,
    ),
    check("approval_requests_four_eyes_ck", sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.requestedBy}`),
  ],
);
