import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { menuItems, planFeatures, plans } from "../schema";

export type PlanRow = typeof plans.$inferSelect;

/** Plans in sort order (inactive ones only when asked). */
export function listPlanRows(db: DbOrTx, includeInactive: boolean) {
  return db
    .select()
    .from(plans)
    .where(includeInactive ? undefined : eq(plans.isActive, true))
    .orderBy(asc(plans.sortOrder), asc(plans.code));
}

export async function findPlan(db: DbOrTx, id: string) {
  const [row] = await db.select().from(plans).where(eq(plans.id, id));
  return row ?? null;
}

export async function findPlanByCode(db: DbOrTx, code: string) {
  const [row] = await db.select().from(plans).where(eq(plans.code, code));
  return row ?? null;
}

/** The menu items each of `planIds` includes, in menu order. */
export function includedMenuItems(db: DbOrTx, planIds: string[]) {
  if (!planIds.length) return Promise.resolve([]);
  return db
    .select({
      planId: planFeatures.planId,
      id: menuItems.id,
      code: menuItems.code,
      name: menuItems.name,
      resource: menuItems.resource,
      route: menuItems.route,
    })
    .from(planFeatures)
    .innerJoin(menuItems, eq(menuItems.id, planFeatures.menuItemId))
    .where(and(inArray(planFeatures.planId, planIds), eq(planFeatures.included, true)))
    .orderBy(asc(menuItems.sortOrder), asc(menuItems.code));
}

/** Every menu item (in menu order) and every plan's feature rows: what a plan change compares. */
export function menuItemsAndFeatures(db: DbOrTx) {
  return Promise.all([
    db.select().from(menuItems).orderBy(asc(menuItems.sortOrder), asc(menuItems.code)),
    db.select().from(planFeatures),
  ]);
}

export function allMenuItemIds(db: DbOrTx) {
  return db.select({ id: menuItems.id, code: menuItems.code }).from(menuItems);
}

/** Sets the plan's feature row of every menu item: included when listed, excluded otherwise. */
export async function replacePlanFeatures(db: DbOrTx, planId: string, itemIds: string[], included: Set<string>) {
  if (!itemIds.length) return;
  await db
    .insert(planFeatures)
    .values(itemIds.map((menuItemId) => ({ planId, menuItemId, included: included.has(menuItemId) })))
    .onConflictDoUpdate({
      target: [planFeatures.planId, planFeatures.menuItemId],
      set: { included: sql`excluded.included` },
    });
}
