import type { z } from "zod";
import type { Db } from "@/db/client";
import { findModule } from "@/db/queries/catalog";
import { listMenuItems, listModules } from "@/db/queries/catalog-navigation";
import { decodeCursor, encodeCursor } from "@/lib/api/cursor";
import { type Principal, requireUserPermission } from "@/lib/api/route";
import type { menuItemListQuery, moduleListQuery } from "@/lib/validation/catalog";
import { VIEW_PERMISSIONS } from "./catalog";

/** The navigation catalog is global and read-only here: any member who may view the permission catalog reads it. */
export async function listNavigationModules(db: Db, principal: Principal, query: z.infer<typeof moduleListQuery>) {
  await requireUserPermission(principal, VIEW_PERMISSIONS);
  const pos = decodeCursor(query.cursor);
  const rows = await listModules(db, {
    activeOnly: query.active_only,
    after: pos ? { sort: Number(pos[0]), code: String(pos[1]) } : null,
    limit: query.limit,
  });
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows.at(-1);
  return {
    data: pageRows.map((m) => ({
      id: m.id,
      parent_id: m.parentId,
      code: m.code,
      name: m.name,
      description: m.description,
      icon: m.icon,
      color: m.color,
      sort_order: m.sortOrder,
      is_active: m.isActive,
    })),
    next_cursor: rows.length > query.limit && last ? encodeCursor([last.sortOrder, last.code]) : null,
  };
}

const NO_MODULE = "00000000-0000-0000-0000-000000000000";

/** Menu items with their module's code and the plans that include them (`?module` by code or id). */
export async function listNavigationMenuItems(db: Db, principal: Principal, query: z.infer<typeof menuItemListQuery>) {
  await requireUserPermission(principal, VIEW_PERMISSIONS);
  const pos = decodeCursor(query.cursor);
  const moduleId = query.module ? ((await findModule(db, query.module))?.id ?? NO_MODULE) : undefined;
  const rows = await listMenuItems(db, {
    moduleId,
    activeOnly: query.active_only,
    after: pos ? String(pos[0]) : null,
    limit: query.limit,
  });
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows.at(-1);
  return {
    data: pageRows.map(({ item: i, moduleCode, plans }) => ({
      id: i.id,
      module_id: i.moduleId,
      module: moduleCode,
      code: i.code,
      name: i.name,
      route: i.route,
      icon: i.icon,
      resource: i.resource,
      permission_code: i.permissionCode,
      sort_order: i.sortOrder,
      is_active: i.isActive,
      plans,
    })),
    next_cursor: rows.length > query.limit && last ? encodeCursor([last.item.resource]) : null,
  };
}
