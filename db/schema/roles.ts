import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { permissions } from "./catalog";
import { tenants } from "./tenants";
import { memberships, users } from "./users";

export const roles = pgTable(
  "roles",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text(),
    isSystem: boolean().notNull().default(false),
    isDefault: boolean().notNull().default(false),
    /** The system Admin role: every permission of the catalog, present and future (a rule, not rows). */
    grantsAll: boolean().notNull().default(false),
    /** Optimistic concurrency: every write to the role, its grants or parents bumps it. */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("roles_tenant_name_uq").on(t.tenantId, sql`lower(${t.name})`),
    unique("roles_tenant_id_uq").on(t.tenantId, t.id),
    check("roles_grants_all_system_ck", sql`not ${t.grantsAll} or ${t.isSystem}`),
  ],
);

export const roleParents = pgTable(
  "role_parents",
  {
    tenantId: uuid().notNull(),
    roleId: uuid().notNull(),
    parentId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.roleId, t.parentId] }),
    index().on(t.tenantId),
    index().on(t.parentId),
    // Composite keys keep both roles in the same tenant.
    foreignKey({ columns: [t.tenantId, t.roleId], foreignColumns: [roles.tenantId, roles.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [roles.tenantId, roles.id] }).onDelete("cascade"),
    check("role_parents_self_ck", sql`${t.roleId} <> ${t.parentId}`),
  ],
);

export const roleGrants = pgTable(
  "role_grants",
  {
    tenantId: uuid().notNull(),
    roleId: uuid().notNull(),
    permissionId: uuid()
      .notNull()
      .references(() => permissions.id, { onDelete: "cascade" }),
    scope: text().notNull().default("organization"),
    conditions: jsonb().$type<Record<string, unknown>>(),
    grantedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.roleId, t.permissionId] }),
    index().on(t.tenantId),
    index().on(t.permissionId),
    foreignKey({ columns: [t.tenantId, t.roleId], foreignColumns: [roles.tenantId, roles.id] }).onDelete("cascade"),
    check("role_grants_scope_ck", sql`${t.scope} in ('global', 'organization', 'department', 'team', 'personal')`),
  ],
);

export const userRoles = pgTable(
  "user_roles",
  {
    tenantId: uuid().notNull(),
    userId: uuid().notNull(),
    roleId: uuid().notNull(),
    assignedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.roleId] }),
    index().on(t.tenantId, t.userId),
    index().on(t.roleId),
    foreignKey({ columns: [t.tenantId, t.roleId], foreignColumns: [roles.tenantId, roles.id] }).onDelete("cascade"),
    foreignKey({
      columns: [t.tenantId, t.userId],
      foreignColumns: [memberships.tenantId, memberships.userId],
    }).onDelete("cascade"),
  ],
);

export const userOverrides = pgTable(
  "user_overrides",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    userId: uuid().notNull(),
    permissionId: uuid()
      .notNull()
      .references(() => permissions.id, { onDelete: "cascade" }),
    effect: text().notNull(),
    notes: text(),
    grantedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique("user_overrides_uq").on(t.tenantId, t.userId, t.permissionId),
    index().on(t.permissionId),
    foreignKey({
      columns: [t.tenantId, t.userId],
      foreignColumns: [memberships.tenantId, memberships.userId],
    }).onDelete("cascade"),
    check("user_overrides_effect_ck", sql`${t.effect} in ('allow', 'deny')`),
  ],
);
