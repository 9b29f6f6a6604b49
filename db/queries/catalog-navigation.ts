import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { menuItems, modules, planFeatures, plans } from "../schema";

/** Every module (the module tree is built by the caller from `parentId`). */
export function allModules(db: DbOrTx, activeOnly = false) {
  return db
    .select()
    .from(modules)
    .where(activeOnly ? eq(modules.isActive, true) : undefined)
    .orderBy(asc(modules.sortOrder), asc(modules.code));
}

/** Modules in sort order, keyset-paginated on (sort_order, code). */
export function listModules(
  db: DbOrTx,
  f: { activeOnly: boolean; after: { sort: number; code: string } | null; limit: number },
) {
  return db
    .select()
    .from(modules)
    .where(
      and(
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
