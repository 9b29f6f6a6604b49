import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { menuItems, modules } from "../schema";

/** Active menu items of active global modules, in sort order (a deactivated module hides its items). */
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
    .where(and(eq(menuItems.isActive, true), eq(modules.isActive, true), isNull(modules.tenantId)))
    .orderBy(asc(modules.sortOrder), asc(menuItems.sortOrder), asc(menuItems.code));
  return rows.filter((r) => r.moduleId !== null);
}
