import "server-only";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { catalogOfTenant } from "@/db/queries/catalog";
import { findRole, grantsOfRole, listRoles, parentsOfRole, usersOfRole } from "@/db/queries/roles";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import type { roleListQuery } from "@/lib/validation/roles";
import type { ServiceContext } from "./context";
import { LISTS, paginate } from "./paging";

export async function listTenantRoles(ctx: ServiceContext, query: z.infer<typeof roleListQuery>) {
  const { db, principal } = ctx;
  await authorize(principal, "gatehouse.roles.view");
  const { rows: pageRows, next_cursor } = await paginate(
    LISTS.roles,
    query,
    (after, limit) =>
      listRoles(db, tenantOf(principal), {
        search: query.search,
        after,
        limit,
      }),
    (r) => ({ name: r.name, id: r.id }),
  );
  return {
    data: pageRows.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      is_system: r.isSystem,
      is_default: r.isDefault,
      grants_all: r.grantsAll,
      version: r.version,
      parent_ids: r.parentIds,
      user_count: r.userCount,
      permission_count: r.permissionCount,
    })),
    next_cursor,
  };
}

/** A role of the caller's tenant, or 404 — exactly alike for an unknown id and another tenant's. */
export async function roleOr404(db: Db, tenantId: string, id: string) {
  const role = await findRole(db, tenantId, id);
  if (!role) throw ApiError.notFound("role");
  return role;
}

export async function getRoleGrants(db: Db, tenantId: string, role: { id: string; grantsAll: boolean }) {
  if (role.grantsAll) {
    // Admin holds every permission, present and future, as a rule: list the whole catalog.
    return (await catalogOfTenant(db, tenantId)).map((p) => ({
      permission_id: p.id,
      code: p.code,
      name: p.name,
      category: p.category,
      risk_level: p.riskLevel,
      requires_mfa: p.requiresMfa,
      requires_approval: p.requiresApproval,
      scope: "global",
      conditions: null,
      rule: "grants_all",
    }));
  }
  return (await grantsOfRole(db, tenantId, role.id)).map((g) => ({
    permission_id: g.permissionId,
    code: g.code,
    name: g.name,
    category: g.category,
    risk_level: g.riskLevel,
    requires_mfa: g.requiresMfa,
    requires_approval: g.requiresApproval,
    scope: g.scope,
    conditions: g.conditions,
    granted_by: g.grantedBy,
    granted_at: g.grantedAt.toISOString(),
  }));
}

export async function getTenantRole(ctx: ServiceContext, id: string) {
  const { db, principal } = ctx;
  await authorize(principal, "gatehouse.roles.view");
  const tenantId = tenantOf(principal);
  const role = await roleOr404(db, tenantId, id);
  const [parents, grants] = await Promise.all([parentsOfRole(db, tenantId, id), getRoleGrants(db, tenantId, role)]);
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    is_system: role.isSystem,
    is_default: role.isDefault,
    grants_all: role.grantsAll,
    version: role.version,
    created_at: role.createdAt.toISOString(),
    updated_at: role.updatedAt.toISOString(),
    parents,
    parent_ids: parents.map((p) => p.id),
    permissions: grants,
  };
}

export async function getTenantRolePermissions(ctx: ServiceContext, id: string) {
  const { db, principal } = ctx;
  await authorize(principal, "gatehouse.roles.view");
  const tenantId = tenantOf(principal);
  const role = await roleOr404(db, tenantId, id);
  return { role_id: role.id, version: role.version, data: await getRoleGrants(db, tenantId, role) };
}

export async function getTenantRoleUsers(ctx: ServiceContext, id: string) {
  const { db, principal } = ctx;
  await authorize(principal, "gatehouse.roles.view");
  await authorize(principal, "gatehouse.users.view");
  const tenantId = tenantOf(principal);
  await roleOr404(db, tenantId, id);
  const rows = await usersOfRole(db, tenantId, id);
  return {
    data: rows.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      status: u.status,
      assigned_at: u.assignedAt.toISOString(),
      expires_at: u.expiresAt?.toISOString() ?? null,
    })),
    next_cursor: null,
  };
}
