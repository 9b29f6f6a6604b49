import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    isSuperAdmin: boolean().notNull().default(false),
    status: text().notNull().default("active"),
    totpSecret: text(),
    totpEnabledAt: timestamp({ withTimezone: true }),
    /** Bumped to end every session of the user (disable, password change). */
    sessionVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_lower_uq").on(sql`lower(${t.email})`),
    check("users_status_ck", sql`${t.status} in ('active', 'disabled')`),
  ],
);

export const departments = pgTable(
  "departments",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("departments_tenant_name_uq").on(t.tenantId, t.name),
    unique("departments_tenant_id_uq").on(t.tenantId, t.id),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    departmentId: uuid().references(() => departments.id, { onDelete: "set null" }),
    status: text().notNull().default("active"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    index("memberships_user_idx").on(t.userId),
    index("memberships_department_idx").on(t.departmentId),
    check("memberships_status_ck", sql`${t.status} in ('active', 'disabled')`),
  ],
);

export const teams = pgTable(
  "teams",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    departmentId: uuid().references(() => departments.id, { onDelete: "set null" }),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("teams_tenant_name_uq").on(t.tenantId, t.name), unique("teams_tenant_id_uq").on(t.tenantId, t.id)],
);

export const teamMembers = pgTable(
  "team_members",
  {
    tenantId: uuid().notNull(),
    teamId: uuid().notNull(),
    userId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    index("team_members_tenant_user_idx").on(t.tenantId, t.userId),
    foreignKey({ columns: [t.tenantId, t.teamId], foreignColumns: [teams.tenantId, teams.id] }).onDelete("cascade"),
    foreignKey({
      columns: [t.tenantId, t.userId],
      foreignColumns: [memberships.tenantId, memberships.userId],
    }).onDelete("cascade"),
  ],
);
