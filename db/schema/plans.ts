import { boolean, integer, numeric, pgTable, text, uuid } from "drizzle-orm/pg-core";

/** The plans a tenant can be on (a leaf: tenants refer to it, it refers to nothing). */

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
