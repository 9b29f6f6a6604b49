import { boolean, index, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { menuItems } from "./catalog";
import { plans } from "./plans";

/** Which menu items a plan includes (the plan gate of a decision). */
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
