import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { TenantSnapshot } from "@/lib/permissions/types";
import type { DbOrTx } from "../client";
import * as s from "../schema";

const ms = (d: Date | null) => (d ? d.getTime() : null);

/**
 * Everything that can alter a decision in one tenant, in a fixed number of set-based queries (no
 * query per role or per user). Run inside one transaction so the state matches `perm_version`.
 */
export async function loadTenantSnapshot(db: DbOrTx, tenantId: string): Promise<TenantSnapshot | null> {
  const [tenant] = await db.select().from(s.tenants).where(eq(s.tenants.id, tenantId));
  if (!tenant) return null;
  const inTenant = <T extends { tenantId: unknown }>(t: T) => eq(t.tenantId as never, tenantId);

  const [
    plan,
    features,
    perms,
    deps,
    items,
    roles,
    parents,
    grants,
    members,
    teamRows,
    superAdmins,
    userRoles,
    overrides,
  ] = await Promise.all([
    tenant.planId
      ? db
          .select({ id: s.plans.id, code: s.plans.code, name: s.plans.name })
          .from(s.plans)
          .where(eq(s.plans.id, tenant.planId))
      : Promise.resolve([]),
    db
      .select({ planId: s.planFeatures.planId, menuItemId: s.planFeatures.menuItemId, planCode: s.plans.code })
      .from(s.planFeatures)
      .innerJoin(s.plans, eq(s.plans.id, s.planFeatures.planId))
      .where(and(eq(s.planFeatures.included, true), eq(s.plans.isActive, true))),
    db
      .select({
        id: s.permissions.id,
        code: s.permissions.code,
        tenantId: s.permissions.tenantId,
        name: s.permissions.name,
        category: s.permissions.category,
        resource: s.permissions.resource,
        action: s.permissions.action,
        riskLevel: s.permissions.riskLevel,
        requiresMfa: s.permissions.requiresMfa,
        requiresApproval: s.permissions.requiresApproval,
        isActive: s.permissions.isActive,
        deprecated: s.permissions.deprecated,
        replacementId: s.permissions.replacementId,
      })
      .from(s.permissions)
      .where(or(isNull(s.permissions.tenantId), eq(s.permissions.tenantId, tenantId))),
    db
      .select({ code: sql<string>`p.code`, dependsOn: sql<string>`d.code` })
      .from(s.permissionDependencies)
      .innerJoin(sql`permissions p`, sql`p.id = ${s.permissionDependencies.permissionId}`)
      .innerJoin(sql`permissions d`, sql`d.id = ${s.permissionDependencies.dependsOnId}`)
      .where(sql`(p.tenant_id is null or p.tenant_id = ${tenantId})`),
    db
      .select({
        id: s.menuItems.id,
        code: s.menuItems.code,
        name: s.menuItems.name,
        resource: s.menuItems.resource,
        permissionCode: s.menuItems.permissionCode,
        isActive: s.menuItems.isActive,
      })
      .from(s.menuItems),
    db
      .select({ id: s.roles.id, name: s.roles.name, isSystem: s.roles.isSystem, grantsAll: s.roles.grantsAll })
      .from(s.roles)
      .where(inTenant(s.roles)),
    db
      .select({ roleId: s.roleParents.roleId, parentId: s.roleParents.parentId })
      .from(s.roleParents)
      .where(inTenant(s.roleParents)),
    db
      .select({
        roleId: s.roleGrants.roleId,
        code: s.permissions.code,
        scope: s.roleGrants.scope,
        conditions: s.roleGrants.conditions,
      })
      .from(s.roleGrants)
      .innerJoin(s.permissions, eq(s.permissions.id, s.roleGrants.permissionId))
      .where(inTenant(s.roleGrants)),
    db
      .select({
        userId: s.memberships.userId,
        status: s.memberships.status,
        userStatus: s.users.status,
        isSuperAdmin: s.users.isSuperAdmin,
        departmentId: s.memberships.departmentId,
      })
      .from(s.memberships)
      .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
      .where(inTenant(s.memberships)),
    db
      .select({ userId: s.teamMembers.userId, teamId: s.teamMembers.teamId })
      .from(s.teamMembers)
      .where(inTenant(s.teamMembers)),
    db
      .select({ id: s.users.id })
      .from(s.users)
      .where(and(eq(s.users.isSuperAdmin, true), eq(s.users.status, "active"))),
    db
      .select({ userId: s.userRoles.userId, roleId: s.userRoles.roleId, expiresAt: s.userRoles.expiresAt })
      .from(s.userRoles)
      .where(inTenant(s.userRoles)),
    db
      .select({
        userId: s.userOverrides.userId,
        code: s.permissions.code,
        effect: s.userOverrides.effect,
        expiresAt: s.userOverrides.expiresAt,
      })
      .from(s.userOverrides)
      .innerJoin(s.permissions, eq(s.permissions.id, s.userOverrides.permissionId))
      .where(inTenant(s.userOverrides)),
  ]);

  const codeById = new Map(perms.map((p) => [p.id, p.code]));
  const parentsOf = new Map<string, string[]>();
  for (const p of parents) parentsOf.set(p.roleId, [...(parentsOf.get(p.roleId) ?? []), p.parentId]);
  const teamsOf = new Map<string, string[]>();
  for (const t of teamRows) teamsOf.set(t.userId, [...(teamsOf.get(t.userId) ?? []), t.teamId]);
  const menuItemPlans: Record<string, string[]> = {};
  for (const f of features) (menuItemPlans[f.menuItemId] ??= []).push(f.planCode);

  return {
    tenantId,
    permVersion: tenant.permVersion,
    plan: plan[0] ?? null,
    planMenuItemIds: tenant.planId ? features.filter((f) => f.planId === tenant.planId).map((f) => f.menuItemId) : [],
    menuItemPlans,
    permissions: perms.map((p) => ({
      id: p.id,
      code: p.code,
      tenantId: p.tenantId,
      name: p.name,
      category: p.category as never,
      resource: p.resource,
      action: p.action,
      riskLevel: p.riskLevel as never,
      requiresMfa: p.requiresMfa,
      requiresApproval: p.requiresApproval,
      isActive: p.isActive,
      deprecated: p.deprecated,
      replacementCode: p.replacementId ? (codeById.get(p.replacementId) ?? null) : null,
    })),
    dependencies: deps,
    menuItems: items,
    roles: roles.map((r) => ({ ...r, parentIds: parentsOf.get(r.id) ?? [] })),
    grants: grants.map((g) => ({
      roleId: g.roleId,
      code: g.code,
      scope: g.scope as never,
      conditions: g.conditions ?? null,
    })),
    members: members.map((m) => ({
      userId: m.userId,
      active: m.status === "active" && m.userStatus === "active",
      isSuperAdmin: m.isSuperAdmin && m.userStatus === "active",
      departmentId: m.departmentId,
      teamIds: teamsOf.get(m.userId) ?? [],
    })),
    superAdminIds: superAdmins.map((u) => u.id),
    userRoles: userRoles.map((r) => ({ userId: r.userId, roleId: r.roleId, expiresAt: ms(r.expiresAt) })),
    overrides: overrides.map((o) => ({
      userId: o.userId,
      code: o.code,
      effect: o.effect as never,
      expiresAt: ms(o.expiresAt),
    })),
  };
}
