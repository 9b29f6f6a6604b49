import { and, asc, eq, sql as q } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { permissions, roleGrants, roleParents, roles, userRoles, users } from "../schema";

/** A user's role assignments in a tenant, expired ones included (the caller shows them as such). */
export function rolesOfUser(db: DbOrTx, tenantId: string, userId: string) {
  return db
    .select({
      id: roles.id,
      name: roles.name,
      description: roles.description,
      isSystem: roles.isSystem,
      assignedAt: userRoles.assignedAt,
      assignedBy: userRoles.assignedBy,
      expiresAt: userRoles.expiresAt,
    })
    .from(userRoles)
    .innerJoin(roles, and(eq(roles.id, userRoles.roleId), eq(roles.tenantId, userRoles.tenantId)))
    .where(and(eq(userRoles.tenantId, tenantId), eq(userRoles.userId, userId)))
    .orderBy(asc(roles.name));
}

export interface RoleListFilter {
  search?: string;
  after?: { name: string; id: string } | null;
  limit: number;
}

/** Roles of a tenant with their parents and counts, ordered by name (keyset-paginated). */
export async function listRoles(db: DbOrTx, tenantId: string, filter: RoleListFilter) {
  const search = filter.search ? `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const after = filter.after;
  const rows = await db
    .select({
      id: roles.id,
      name: roles.name,
      description: roles.description,
      isSystem: roles.isSystem,
      isDefault: roles.isDefault,
      grantsAll: roles.grantsAll,
      version: roles.version,
      parentIds: q<
        string[]
      >`coalesce((select array_agg(rp.parent_id order by rp.parent_id) from role_parents rp where rp.role_id = ${roles.id}), '{}')`,
      userCount: q<number>`(select count(*)::int from user_roles ur where ur.role_id = ${roles.id} and (ur.expires_at is null or ur.expires_at > now()))`,
      permissionCount: q<number>`case when ${roles.grantsAll} then (select count(*)::int from permissions p where p.tenant_id is null or p.tenant_id = ${tenantId})
        else (select count(*)::int from role_grants g where g.role_id = ${roles.id}) end`,
    })
    .from(roles)
    .where(
      and(
        eq(roles.tenantId, tenantId),
        search
          ? q`(lower(${roles.name}) like ${search} or lower(coalesce(${roles.description}, '')) like ${search})`
          : undefined,
        after ? q`(lower(${roles.name}), ${roles.id}) > (lower(${after.name}), ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(q`lower(${roles.name})`, asc(roles.id))
    .limit(filter.limit + 1);
  return rows;
}

export async function findRole(db: DbOrTx, tenantId: string, id: string) {
  const [role] = await db
    .select()
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)));
  return role ?? null;
}

/** A role's own grant rows with their permission. */
export function grantsOfRole(db: DbOrTx, tenantId: string, roleId: string) {
  return db
    .select({
      permissionId: permissions.id,
      code: permissions.code,
      name: permissions.name,
      category: permissions.category,
      riskLevel: permissions.riskLevel,
      requiresMfa: permissions.requiresMfa,
      requiresApproval: permissions.requiresApproval,
      scope: roleGrants.scope,
      conditions: roleGrants.conditions,
      grantedBy: roleGrants.grantedBy,
      grantedAt: roleGrants.grantedAt,
    })
    .from(roleGrants)
    .innerJoin(permissions, eq(permissions.id, roleGrants.permissionId))
    .where(and(eq(roleGrants.tenantId, tenantId), eq(roleGrants.roleId, roleId)))
    .orderBy(asc(permissions.code));
}

export function parentsOfRole(db: DbOrTx, tenantId: string, roleId: string) {
  return db
    .select({ id: roles.id, name: roles.name })
    .from(roleParents)
    .innerJoin(roles, eq(roles.id, roleParents.parentId))
    .where(and(eq(roleParents.tenantId, tenantId), eq(roleParents.roleId, roleId)))
    .orderBy(asc(roles.name));
}

export function usersOfRole(db: DbOrTx, tenantId: string, roleId: string) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      status: users.status,
      assignedAt: userRoles.assignedAt,
      expiresAt: userRoles.expiresAt,
    })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.tenantId, tenantId), eq(userRoles.roleId, roleId)))
    .orderBy(asc(users.name));
}

/** Every grant row of a tenant as (role, code) pairs, for the matrix. */
export function tenantGrantCodes(db: DbOrTx, tenantId: string) {
  return db
    .select({ roleId: roleGrants.roleId, code: permissions.code })
    .from(roleGrants)
    .innerJoin(permissions, eq(permissions.id, roleGrants.permissionId))
    .where(eq(roleGrants.tenantId, tenantId));
}
