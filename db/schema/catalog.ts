import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
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

/**
 * Groups permissions and menu items (the seeds' "permission groups"); hierarchical. `tenant_id`
 * null: the global catalog (super-admins); set: a tenant's own module, grouping its custom
 * permissions (it holds no menu items: navigation is global). Codes are unique per scope, and a
 * tenant's code may not reuse a global one (checked by the service, as for permissions).
 */
export const modules = pgTable(
  "modules",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().references(() => tenants.id, { onDelete: "cascade" }),
    parentId: uuid().references((): AnyPgColumn => modules.id, { onDelete: "set null" }),
    code: text().notNull(),
    name: text().notNull(),
    description: text(),
    icon: text(),
    color: text(),
    sortOrder: integer().notNull().default(0),
    isActive: boolean().notNull().default(true),
  },
  (t) => [
    index().on(t.parentId),
    uniqueIndex("modules_global_code_uq").on(t.code).where(sql`${t.tenantId} is null`),
    uniqueIndex("modules_tenant_code_uq").on(t.tenantId, t.code).where(sql`${t.tenantId} is not null`),
  ],
);

export const permissions = pgTable(
  "permissions",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** null: the global catalog; set: the tenant's own custom permission. */
    tenantId: uuid().references(() => tenants.id, { onDelete: "cascade" }),
    code: text().notNull(),
    name: text().notNull(),
    description: text(),
    moduleId: uuid().references(() => modules.id, { onDelete: "set null" }),
    category: text().notNull().default("actions"),
    resource: text(),
    action: text(),
    riskLevel: text().notNull().default("low"),
    requiresMfa: boolean().notNull().default(false),
    requiresApproval: boolean().notNull().default(false),
    isSystem: boolean().notNull().default(false),
    isActive: boolean().notNull().default(true),
    deprecated: boolean().notNull().default(false),
    deprecatedMessage: text(),
    replacementId: uuid().references((): AnyPgColumn => permissions.id, { onDelete: "set null" }),
    sortOrder: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("permissions_global_code_uq").on(t.code).where(sql`${t.tenantId} is null`),
    uniqueIndex("permissions_tenant_code_uq").on(t.tenantId, t.code).where(sql`${t.tenantId} is not null`),
    index().on(t.moduleId),
    check(
      "permissions_code_ck",
      sql`length(${t.code}) <= 100 and ${t.code} ~ '^[a-z][a-z0-9_]*([.][a-z][a-z0-9_]*){0,5}$'`,
    ),
    check(
      "permissions_category_ck",
      sql`${t.category} in ('navigation', 'actions', 'fields', 'tabs', 'buttons', 'widgets', 'settings')`,
    ),
    check("permissions_risk_ck", sql`${t.riskLevel} in ('low', 'medium', 'high', 'critical')`),
  ],
);

export const permissionDependencies = pgTable(
  "permission_dependencies",
  {
    permissionId: uuid()
      .notNull()
      .references(() => permissions.id, { onDelete: "cascade" }),
    dependsOnId: uuid()
      .notNull()
      .references(() => permissions.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.permissionId, t.dependsOnId] }),
    index().on(t.dependsOnId),
    check("permission_dependencies_self_ck", sql`${t.permissionId} <> ${t.dependsOnId}`),
  ],
);

/** The navigation catalog: a module's menu items, each owning a code prefix (`resource`). */
export const menuItems = pgTable(
  "menu_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    moduleId: uuid()
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    code: text().notNull(),
    name: text().notNull(),
    description: text(),
    route: text().notNull(),
    icon: text(),
    sortOrder: integer().notNull().default(0),
    isActive: boolean().notNull().default(true),
    /** The code prefix it owns: `sales.invoices` owns `sales.invoices.view` and everything below. */
    resource: text().notNull().unique(),
    /** The permission needed to see it, usually `<resource>.view`. */
    permissionCode: text(),
  },
  (t) => [
    unique("menu_items_module_code_uq").on(t.moduleId, t.code),
    index().on(t.moduleId),
    index("menu_items_resource_pattern_idx").on(sql`${t.resource} text_pattern_ops`),
  ],
);
