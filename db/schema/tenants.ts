import { sql } from "drizzle-orm";
import { bigint, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { plans } from "./plans";

export const tenants = pgTable(
  "tenants",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    slug: text().notNull().unique(),
    planId: uuid().references(() => plans.id, { onDelete: "set null" }),
    /** Bumped in the same transaction as every change that can alter a decision in the tenant. */
    permVersion: bigint({ mode: "number" }).notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.planId), index("tenants_name_lower_idx").on(sql`lower(${t.name})`)],
);
