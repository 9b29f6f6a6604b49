import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { menuItems, modules } from "../schema";

/** Active modules and their active menu items, in sort order. */
export async function navigationCatalog(db: DbOrTx) {
  const rows = await db
    .select({
      moduleId: modules.id,
      moduleCode: modules.code,
      moduleName: modules.name,
      moduleIcon: modules.icon,
      moduleSort: modules.sortOrder,
      id: menuItems.id,
      code: menuItems.code,
      name: menuItems.name,
      route: menuItems.route,
      icon: menuItems.icon,
      resource: menuItems.resource,
      permissionCode: menuItems.permissionCode,
      sortOrder: menuItems.sortOrder,
    })
    .from(menuItems)
    .innerJoin(modules, eq(modules.id, menuItems.moduleId))
    .where(eq(menuItems.isActive, true))
    .orderBy(asc(modules.sortOrder), asc(menuItems.sortOrder));
  return rows.filter((r) => r.moduleId !== null);
}
