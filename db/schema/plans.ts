import { sql } from "drizzle-orm";
import { boolean, index, integer, numeric, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { modules } from "./catalog";

export const plans = pgTable("plans", {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  name: text().notNull(),
  description: text(),
  priceMonthly: numeric({ precision: 10, scale: 2, mode: "number" }).notNull().default(0),
  priceYearly: numeric({ precision: 10, scale: 2, mode: "number" }).notNull().default(0),
  isActive: boolean().notNull().default(true),
  sortOrder: integer().notNull().default(0),
});

export const menuItems = pgTable(
  "menu_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    moduleId: uuid()
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    code: text().notNull(),
    name: text().notNull(),
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

export const planFeatures = pgTable(
  "plan_features",
  {
    planId: uuid()
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    menuItemId: uuid()
      .notNull()
      .references(() => menuItems.id, { onDelete: "cascade" }),
    included: boolean().notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.planId, t.menuItemId] }), index().on(t.menuItemId)],
);
