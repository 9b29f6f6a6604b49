import "server-only";
import type { Db } from "@/db/client";
import { type CatalogRow, findCatalogPermission, findModule, listCatalog } from "@/db/queries/catalog";
import { allModules } from "@/db/queries/catalog-navigation";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import type { PermissionListQuery } from "@/lib/validation/catalog";
import type { ServiceContext } from "./context";
import { LISTS, paginate } from "./paging";

export const VIEW_PERMISSIONS = "gatehouse.permissions.view";

/** A catalog permission as the API shows it (every attribute of DESIGN §2). */
export function permissionBody({ permission: p, moduleCode, moduleName, replacementCode }: CatalogRow) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    description: p.description,
    module: moduleCode,
    module_id: p.moduleId,
    module_name: moduleName,
    category: p.category,
    resource: p.resource,
    action: p.action,
    risk_level: p.riskLevel,
    requires_mfa: p.requiresMfa,
    requires_approval: p.requiresApproval,
    is_system: p.isSystem,
    is_active: p.isActive,
    deprecated: p.deprecated,
    deprecated_message: p.deprecatedMessage,
    replacement: replacementCode,
    replacement_id: p.replacementId,
    sort_order: p.sortOrder,
    tenant_id: p.tenantId,
    is_global: p.tenantId === null,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

/** `?module` is a module code or id; an unknown module filters to nothing rather than erring. */
async function moduleFilter(db: Db, tenantId: string, ref: string | undefined): Promise<string | undefined> {
  if (!ref) return undefined;
  return (await findModule(db, ref, tenantId))?.id ?? "00000000-0000-0000-0000-000000000000";
}

export async function listPermissions(ctx: ServiceContext, query: PermissionListQuery) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW_PERMISSIONS);
  const moduleId = await moduleFilter(db, tenantOf(principal), query.module);
  const { rows: pageRows, next_cursor } = await paginate(
    LISTS.permissions,
    query,
    (after, limit) =>
      listCatalog(db, tenantOf(principal), {
        moduleId,
        category: query.category,
        activeOnly: query.active_only,
        search: query.search,
        after,
        limit,
      }),
    (r) => ({ code: r.permission.code, id: r.permission.id }),
  );
  return {
    data: pageRows.map(permissionBody),
    next_cursor,
  };
}

/** A permission of the caller's tenant's catalog, or 404 — alike for unknown ids and another tenant's. */
export async function catalogPermissionOr404(db: Db, tenantId: string, id: string) {
  const row = await findCatalogPermission(db, tenantId, id);
  if (!row) throw ApiError.notFound("permission");
  return row;
}

export async function getPermission(ctx: ServiceContext, id: string) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW_PERMISSIONS);
  return permissionBody(await catalogPermissionOr404(db, tenantOf(principal), id));
}

/** `{category: [permissions]}`, each list in sort order. */
export async function permissionsByCategory(ctx: ServiceContext, activeOnly: boolean) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW_PERMISSIONS);
  const rows = await listCatalog(db, tenantOf(principal), { activeOnly });
  const out: Record<string, ReturnType<typeof permissionBody>[]> = {};
  for (const row of bySortOrder(rows)) (out[row.permission.category] ??= []).push(permissionBody(row));
  return out;
}

const bySortOrder = (rows: CatalogRow[]) =>
  [...rows].sort(
    (a, b) => a.permission.sortOrder - b.permission.sortOrder || (a.permission.code < b.permission.code ? -1 : 1),
  );

interface ModuleNode {
  id: string;
  tenant_id: string | null;
  code: string;
  name: string;
  description: string | null;
  icon: string | null;
  color: string | null;
  sort_order: number;
  is_active: boolean;
  parent_id: string | null;
  permissions: ReturnType<typeof permissionBody>[];
  children: ModuleNode[];
}

/** The module tree, each module with its permissions and its children; permissions of no module apart. */
export async function permissionGroups(ctx: ServiceContext, activeOnly: boolean) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW_PERMISSIONS);
  const [moduleRows, rows] = await Promise.all([
    allModules(db, tenantOf(principal), activeOnly),
    listCatalog(db, tenantOf(principal), { activeOnly }),
  ]);
  const nodes = new Map<string, ModuleNode>(
    moduleRows.map((m) => [
      m.id,
      {
        id: m.id,
        tenant_id: m.tenantId,
        code: m.code,
        name: m.name,
        description: m.description,
        icon: m.icon,
        color: m.color,
        sort_order: m.sortOrder,
        is_active: m.isActive,
        parent_id: m.parentId,
        permissions: [],
        children: [],
      },
    ]),
  );
  const ungrouped: ReturnType<typeof permissionBody>[] = [];
  for (const row of bySortOrder(rows)) {
    const node = row.permission.moduleId ? nodes.get(row.permission.moduleId) : undefined;
    (node ? node.permissions : ungrouped).push(permissionBody(row));
  }
  const roots: ModuleNode[] = [];
  // A module whose parent is filtered out (inactive) is shown at the root rather than lost.
  for (const node of nodes.values())
    ((node.parent_id ? nodes.get(node.parent_id)?.children : undefined) ?? roots).push(node);
  return { modules: roots, ungrouped };
}
