import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../client";
import { modules, permissionDependencies, permissions } from "../schema";

/** The catalog a tenant sees: the global permissions and its own. */
export function catalogOfTenant(db: DbOrTx, tenantId: string) {
  return db
    .select()
    .from(permissions)
    .where(or(isNull(permissions.tenantId), eq(permissions.tenantId, tenantId)))
    .orderBy(asc(permissions.code));
}

/** Module codes by id (a few dozen rows). */
export async function moduleCodesById(db: DbOrTx): Promise<Map<string, string>> {
  return new Map((await db.select({ id: modules.id, code: modules.code }).from(modules)).map((m) => [m.id, m.code]));
}

/** Visible to a tenant (global or its own); `null` = the global catalog only. */
export const visibleTo = (tenantId: string | null) =>
  tenantId ? or(isNull(permissions.tenantId), eq(permissions.tenantId, tenantId)) : isNull(permissions.tenantId);

const replacement = alias(permissions, "replacement");

/** A permission with its module and replacement codes, as the API shows it. */
const detailColumns = {
  permission: permissions,
  moduleCode: modules.code,
  moduleName: modules.name,
  replacementCode: replacement.code,
};

function detailQuery(db: DbOrTx) {
  return db
    .select(detailColumns)
    .from(permissions)
    .leftJoin(modules, eq(modules.id, permissions.moduleId))
    .leftJoin(replacement, eq(replacement.id, permissions.replacementId));
}
export type CatalogRow = Awaited<ReturnType<typeof findCatalogPermission>> & {};

export interface CatalogFilter {
  moduleId?: string | null;
  category?: string;
  activeOnly?: boolean;
  search?: string;
  after?: { code: string; id: string } | null;
  limit?: number;
}

/** A tenant's catalog, filtered, ordered by code (keyset-paginated when `limit` is given). */
export function listCatalog(db: DbOrTx, tenantId: string, f: CatalogFilter) {
  const search = f.search ? `%${f.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const q = detailQuery(db)
    .where(
      and(
        visibleTo(tenantId),
        f.moduleId !== undefined
          ? f.moduleId === null
            ? isNull(permissions.moduleId)
            : eq(permissions.moduleId, f.moduleId)
          : undefined,
        f.category ? eq(permissions.category, f.category) : undefined,
        f.activeOnly ? eq(permissions.isActive, true) : undefined,
        search
          ? sql`(${permissions.code} like ${search} or lower(${permissions.name}) like ${search} or lower(coalesce(${permissions.description}, '')) like ${search})`
          : undefined,
        f.after ? sql`(${permissions.code}, ${permissions.id}) > (${f.after.code}, ${f.after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(permissions.code), asc(permissions.id));
  return f.limit ? q.limit(f.limit + 1) : q;
}

/** One permission of the tenant's catalog, or null — alike for unknown ids and another tenant's. */
export async function findCatalogPermission(db: DbOrTx, tenantId: string | null, id: string) {
  const [row] = await detailQuery(db).where(and(eq(permissions.id, id), visibleTo(tenantId)));
  return row ?? null;
}

export async function findCatalogPermissionByCode(db: DbOrTx, tenantId: string | null, code: string) {
  const [row] = await detailQuery(db).where(and(eq(permissions.code, code), visibleTo(tenantId)));
  return row ?? null;
}

/** Permissions of the catalog by code (for resolving `codes` in a request). */
export function catalogByCodes(db: DbOrTx, tenantId: string | null, codes: string[]) {
  if (!codes.length) return Promise.resolve([]);
  return db
    .select({ id: permissions.id, code: permissions.code, name: permissions.name, tenantId: permissions.tenantId })
    .from(permissions)
    .where(and(inArray(permissions.code, codes), visibleTo(tenantId)));
}

/** Every dependency edge among the permissions a tenant sees (`null`: the global ones). */
export function dependencyEdges(db: DbOrTx, tenantId: string | null) {
  const dependent = alias(permissions, "dependent");
  const required = alias(permissions, "required");
  const visible = (t: typeof dependent | typeof required) =>
    tenantId ? or(isNull(t.tenantId), eq(t.tenantId, tenantId)) : isNull(t.tenantId);
  return db
    .select({
      permissionId: permissionDependencies.permissionId,
      dependsOnId: permissionDependencies.dependsOnId,
      code: dependent.code,
      dependsOn: required.code,
      dependsOnName: required.name,
      name: dependent.name,
    })
    .from(permissionDependencies)
    .innerJoin(dependent, eq(dependent.id, permissionDependencies.permissionId))
    .innerJoin(required, eq(required.id, permissionDependencies.dependsOnId))
    .where(and(visible(dependent), visible(required)));
}

/** Modules visible to a tenant (global or its own); `null` = the global modules only. */
export const modulesVisibleTo = (tenantId: string | null) =>
  tenantId ? or(isNull(modules.tenantId), eq(modules.tenantId, tenantId)) : isNull(modules.tenantId);

/**
 * A module by id or by code, among those `tenantId` sees (null: the global ones) — another
 * tenant's module is not found, exactly like an unknown one. A tenant's code never equals a
 * global one, so a code names at most one visible module.
 */
export async function findModule(db: DbOrTx, ref: string, tenantId: string | null) {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const [row] = await db
    .select()
    .from(modules)
    .where(and(byId ? eq(modules.id, ref) : eq(modules.code, ref), modulesVisibleTo(tenantId)));
  return row ?? null;
}

/** Codes of tenants' own permissions equal to `code` (a global code may not shadow them). */
export function tenantPermissionsWithCode(db: DbOrTx, code: string) {
  return db
    .select({ id: permissions.id, tenantId: permissions.tenantId })
    .from(permissions)
    .where(and(eq(permissions.code, code), sql`${permissions.tenantId} is not null`));
}
