import "server-only";
import type { Db } from "@/db/client";
import { dependencyEdges } from "@/db/queries/catalog";
import { allModules, listMenuItems } from "@/db/queries/catalog-navigation";

/**
 * What the role editor and the roles list lay their grants out by, which no single route lists:
 * the tenant's dependency edges, the module names and the active menu items (navigation, readable
 * by anyone who may read roles). The grants themselves come from the matrix service.
 */
export async function editorCatalog(db: Db, tenantId: string) {
  const [edges, moduleRows, items] = await Promise.all([
    dependencyEdges(db, tenantId),
    allModules(db, tenantId),
    listMenuItems(db, { activeOnly: true, after: null, limit: 1000 }),
  ]);
  return {
    edges: edges.map((e) => ({ code: e.code, depends_on: e.dependsOn })),
    modules: moduleRows.map((m) => ({ code: m.code, name: m.name, sort_order: m.sortOrder })),
    menuItems: items.map(({ item, moduleCode }) => ({
      id: item.id,
      name: item.name,
      module: moduleCode,
      resource: item.resource,
      permission_code: item.permissionCode,
      sort_order: item.sortOrder,
    })),
  };
}
