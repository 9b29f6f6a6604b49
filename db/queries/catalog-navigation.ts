import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { menuItems, modules, permissions, planFeatures, plans } from "../schema";
import { modulesVisibleTo } from "./catalog";

/** Every module a tenant sees, global and its own (the module tree is built by the caller from `parentId`). */
export function allModules(db: DbOrTx, tenantId: string | null, activeOnly = false) {
  return db
    .select()
    .from(modules)
    .where(and(modulesVisibleTo(tenantId), activeOnly ? eq(modules.isActive, true) : undefined))
    .orderBy(asc(modules.sortOrder), asc(modules.code));
}

/** Modules a tenant sees in sort order, keyset-paginated on (sort_order, code). */
export function listModules(
  db: DbOrTx,
  tenantId: string | null,
  f: { activeOnly: boolean; after: { sort: number; code: string } | null; limit: number },
) {
  return db
    .select()
    .from(modules)
    .where(
      and(
        modulesVisibleTo(tenantId),
        f.activeOnly ? eq(modules.isActive, true) : undefined,
        f.after ? sql`(${modules.sortOrder}, ${modules.code}) > (${f.after.sort}, ${f.after.code})` : undefined,
      ),
    )
    .orderBy(asc(modules.sortOrder), asc(modules.code))
    .limit(f.limit + 1);
}

/** Menu items with their module and the plans that include them, keyset-paginated on resource (unique). */
export function listMenuItems(
  db: DbOrTx,
  f: { moduleId?: string; activeOnly: boolean; after: string | null; limit: number },
) {
  return db
    .select({
      item: menuItems,
      moduleCode: modules.code,
      plans: sql<
        string[]
      >`coalesce((select array_agg(p.code order by p.sort_order, p.code) from ${planFeatures} f join ${plans} p on p.id = f.plan_id
        where f.menu_item_id = ${menuItems.id} and f.included), '{}')`,
    })
    .from(menuItems)
    .innerJoin(modules, eq(modules.id, menuItems.moduleId))
    .where(
      and(
        f.moduleId ? eq(menuItems.moduleId, f.moduleId) : undefined,
        f.activeOnly ? eq(menuItems.isActive, true) : undefined,
        f.after ? sql`${menuItems.resource} > ${f.after}` : undefined,
      ),
    )
    .orderBy(asc(menuItems.resource))
    .limit(f.limit + 1);
}

/** One menu item with its module's code and the plans that include it. */
export async function findMenuItem(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      item: menuItems,
      moduleCode: modules.code,
      plans: sql<
        string[]
      >`coalesce((select array_agg(p.code order by p.sort_order, p.code) from ${planFeatures} f join ${plans} p on p.id = f.plan_id
        where f.menu_item_id = ${menuItems.id} and f.included), '{}')`,
    })
    .from(menuItems)
    .innerJoin(modules, eq(modules.id, menuItems.moduleId))
    .where(eq(menuItems.id, id));
  return row ?? null;
}

/** What a module still holds: its permissions (any tenant's), menu items and child modules. */
export async function moduleContents(db: DbOrTx, moduleId: string) {
  // One after the other: inside a transaction, one connection.
  const held = await db.$count(permissions, eq(permissions.moduleId, moduleId));
  const items = await db.$count(menuItems, eq(menuItems.moduleId, moduleId));
  const children = await db.$count(modules, eq(modules.parentId, moduleId));
  return { permissions: held, menu_items: items, children };
}

/** Tenants' own modules with this code (a global module may not shadow them). */
export function tenantModulesWithCode(db: DbOrTx, code: string) {
  return db
    .select({ id: modules.id, tenantId: modules.tenantId })
    .from(modules)
    .where(and(eq(modules.code, code), sql`${modules.tenantId} is not null`));
}

/** The plans that include a menu item (codes), before it is deleted. */
export async function plansIncluding(db: DbOrTx, menuItemId: string) {
  const rows = await db
    .select({ code: plans.code })
    .from(planFeatures)
    .innerJoin(plans, eq(plans.id, planFeatures.planId))
    .where(and(eq(planFeatures.menuItemId, menuItemId), eq(planFeatures.included, true)))
    .orderBy(asc(plans.code));
  return rows.map((r) => r.code);
}
