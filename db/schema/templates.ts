import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { permissions } from "./catalog";
import { tenants } from "./tenants";
import { users } from "./users";

/** A named permission set ({code: allow | deny}); global (tenant_id null) or tenant-owned. */
export const templates = pgTable(
  "templates",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().references(() => tenants.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("templates_global_name_uq").on(sql`lower(${t.name})`).where(sql`${t.tenantId} is null`),
    uniqueIndex("templates_tenant_name_uq").on(t.tenantId, sql`lower(${t.name})`).where(sql`${t.tenantId} is not null`),
  ],
);

export const templatePermissions = pgTable(
  "template_permissions",
  {
    templateId: uuid()
      .notNull()
      .references(() => templates.id, { onDelete: "cascade" }),
    permissionId: uuid()
      .notNull()
      .references(() => permissions.id, { onDelete: "cascade" }),
    effect: text().notNull().default("allow"),
  },
  (t) => [
    primaryKey({ columns: [t.templateId, t.permissionId] }),
    index().on(t.permissionId),
    check("template_permissions_effect_ck", sql`${t.effect} in ('allow', 'deny')`),
  ],
);
