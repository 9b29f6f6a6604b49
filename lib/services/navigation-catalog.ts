import "server-only";
import type { z } from "zod";
import { findModule } from "@/db/queries/catalog";
import { listMenuItems, listModules } from "@/db/queries/catalog-navigation";
import type { menuItems, modules } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import type { menuItemListQuery, moduleListQuery } from "@/lib/validation/catalog";
import { VIEW_PERMISSIONS } from "./catalog";
import type { ServiceContext } from "./context";
import { LISTS, paginate } from "./paging";

/** A module as the API shows it. */
export const moduleBody = (m: typeof modules.$inferSelect) => ({
  id: m.id,
  parent_id: m.parentId,
  code: m.code,
  name: m.name,
  description: m.description,
  icon: m.icon,
  color: m.color,
  sort_order: m.sortOrder,
  is_active: m.isActive,
  tenant_id: m.tenantId,
  is_global: m.tenantId === null,
});

/** A menu item as the API shows it, with its module's code and the plans that include it. */
export const menuItemBody = ({
  item: i,
  moduleCode,
  plans,
}: {
  item: typeof menuItems.$inferSelect;
  moduleCode: string;
  plans: string[];
}) => ({
  id: i.id,
  module_id: i.moduleId,
  module: moduleCode,
  code: i.code,
  name: i.name,
  description: i.description,
  route: i.route,
  icon: i.icon,
  resource: i.resource,
  permission_code: i.permissionCode,
  sort_order: i.sortOrder,
  is_active: i.isActive,
  plans,
});

/** The modules a member sees: the global ones and the tenant's own; read by anyone who may view the permission catalog. */
export async function listNavigationModules(ctx: ServiceContext, query: z.infer<typeof moduleListQuery>) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW_PERMISSIONS);
  const { rows: pageRows, next_cursor } = await paginate(
    LISTS.modules,
    query,
    (after, limit) => listModules(db, tenantOf(principal), { activeOnly: query.active_only, after, limit }),
    (m) => ({ sort: m.sortOrder, code: m.code }),
  );
  return { data: pageRows.map(moduleBody), next_cursor };
}

const NO_MODULE = "00000000-0000-0000-0000-000000000000";

/** Menu items with their module's code and the plans that include them (`?module` by code or id). */
export async function listNavigationMenuItems(ctx: ServiceContext, query: z.infer<typeof menuItemListQuery>) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW_PERMISSIONS);
  const moduleId = query.module
    ? ((await findModule(db, query.module, tenantOf(principal)))?.id ?? NO_MODULE)
    : undefined;
  const { rows: pageRows, next_cursor } = await paginate(
    LISTS.menuItems,
    query,
    (after, limit) =>
      listMenuItems(db, { moduleId, activeOnly: query.active_only, after: after?.resource ?? null, limit }),
    (row) => ({ resource: row.item.resource }),
  );
  return { data: pageRows.map(menuItemBody), next_cursor };
}
