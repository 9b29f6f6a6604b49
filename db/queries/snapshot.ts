import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { PolicySnapshot, TenantSnapshot, UserAssignments } from "@/lib/permissions/types";
import type { DbOrTx } from "../client";
import * as s from "../schema";

const ms = (d: Date | null) => (d ? d.getTime() : null);

/** The tenant's role inheritance edges. */
export const roleParentRows = (db: DbOrTx, tenantId: string) =>
  db
    .select({ roleId: s.roleParents.roleId, parentId: s.roleParents.parentId })
    .from(s.roleParents)
    .where(eq(s.roleParents.tenantId, tenantId));

/** The tenant's role grants, by code. */
export const roleGrantRows = (db: DbOrTx, tenantId: string) =>
  db
    .select({
      roleId: s.roleGrants.roleId,
      code: s.permissions.code,
      scope: s.roleGrants.scope,
      conditions: s.roleGrants.conditions,
    })
    .from(s.roleGrants)
    .innerJoin(s.permissions, eq(s.permissions.id, s.roleGrants.permissionId))
    .where(eq(s.roleGrants.tenantId, tenantId));

/**
 * A tenant's policy (docs/design.md §5): everything that can alter a decision except the users, in
 * a fixed number of set-based queries that do not grow with the members. Run inside one
 * transaction so the state matches `perm_version`.
 */
export async function loadPolicySnapshot(db: DbOrTx, tenantId: string): Promise<PolicySnapshot | null> {
  const [tenant] = await db.select().from(s.tenants).where(eq(s.tenants.id, tenantId));
  if (!tenant) return null;
  const inTenant = <T extends { tenantId: unknown }>(t: T) => eq(t.tenantId as never, tenantId);

  const [plan, features, perms, deps, items, roles, parents, grants] = await Promise.all([
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
    roleParentRows(db, tenantId),
    roleGrantRows(db, tenantId),
  ]);

  const codeById = new Map(perms.map((p) => [p.id, p.code]));
  const parentsOf = new Map<string, string[]>();
  for (const p of parents) parentsOf.set(p.roleId, [...(parentsOf.get(p.roleId) ?? []), p.parentId]);
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
  };
}

/** Columns of the assignments statement: the tenant's version, and per user what decides for them. */
function assignmentColumns() {
  const tenant = sql.placeholder("tenant");
  return {
    version: s.tenants.permVersion,
    userId: s.users.id,
    userStatus: s.users.status,
    isSuperAdmin: s.users.isSuperAdmin,
    memberStatus: s.memberships.status,
    departmentId: s.memberships.departmentId,
    teams: sql<string[]>`(select coalesce(json_agg(tm.team_id), '[]'::json) from team_members tm
        where tm.tenant_id = ${tenant} and tm.user_id = ${s.users.id})`,
    roles: sql<{ r: string; e: number | null }[]>`(select coalesce(json_agg(json_build_object(
          'r', ur.role_id, 'e', (extract(epoch from ur.expires_at) * 1000)::bigint)), '[]'::json)
        from user_roles ur where ur.tenant_id = ${tenant} and ur.user_id = ${s.users.id})`,
    overrides: sql<{ c: string; f: string; e: number | null }[]>`(select coalesce(json_agg(json_build_object(
          'c', p.code, 'f', o.effect, 'e', (extract(epoch from o.expires_at) * 1000)::bigint)), '[]'::json)
        from user_overrides o join permissions p on p.id = o.permission_id
        where o.tenant_id = ${tenant} and o.user_id = ${s.users.id})`,
  };
}

/** The assignments statement for one user, or for a batch (`users`: how the users are matched). */
function assignmentStatement(db: DbOrTx, name: string, users: ReturnType<typeof sql>) {
  return db
    .select(assignmentColumns())
    .from(s.tenants)
    .leftJoin(s.users, users)
    .leftJoin(s.memberships, and(eq(s.memberships.userId, s.users.id), eq(s.memberships.tenantId, s.tenants.id)))
    .where(eq(s.tenants.id, sql.placeholder("tenant")))
    .prepare(name);
}

type AssignmentStatement = ReturnType<typeof assignmentStatement>;
/** Built once per database and shape, on first use (a write's transaction builds only the one it runs). */
const assignmentStatements = new WeakMap<DbOrTx, { one?: AssignmentStatement; many?: AssignmentStatement }>();

function assignmentStatementFor(db: DbOrTx, one: boolean): AssignmentStatement {
  let built = assignmentStatements.get(db);
  if (built === undefined) {
    built = {};
    assignmentStatements.set(db, built);
  }
  if (one) {
    built.one ??= assignmentStatement(
      db,
      "load_user_assignments_one",
      sql`${s.users.id} = ${sql.placeholder("user")}::uuid`,
    );
    return built.one;
  }
  // One array parameter, not a list: the statement's text is the same for any number of users.
  built.many ??= assignmentStatement(
    db,
    "load_user_assignments",
    sql`${s.users.id} = any(${sql.placeholder("ids")}::uuid[])`,
  );
  return built.many;
}

/**
 * Users' assignments in one tenant (docs/design.md §5) — membership and status, super-admin,
 * department, teams, roles and overrides with expiry — in ONE statement, so they are read at one
 * instant together with the tenant's `perm_version` (the version they are at least as fresh as).
 * Every query in it is by (tenant, user) on an index: the cost grows with the users asked about,
 * never with the tenant's members. Unknown ids come back as outsiders; null: no such tenant.
 */
export async function loadUserAssignments(
  db: DbOrTx,
  tenantId: string,
  userIds: readonly string[],
): Promise<{ version: number; users: Map<string, UserAssignments> } | null> {
  const ids = [...new Set(userIds)];
  // A cold user's first check reads one user: that statement compares with one parameter, which
  // PostgreSQL soon plans once for all (a generic plan); the array form it keeps planning for each
  // call (it cannot tell how long the array is), which doubled the statement's time at 1M members.
  const rows = await (ids.length === 1
    ? assignmentStatementFor(db, true).execute({ tenant: tenantId, user: ids[0] })
    : assignmentStatementFor(db, false).execute({ tenant: tenantId, ids }));
  const first = rows[0];
  if (!first) return null;
  const users = new Map<string, UserAssignments>();
  for (const id of ids) users.set(id, { userId: id, member: null, isSuperAdmin: false, roles: [], overrides: [] });
  for (const row of rows) {
    if (row.userId === null) continue;
    const active = row.userStatus === "active";
    users.set(row.userId, {
      userId: row.userId,
      member:
        row.memberStatus === null
          ? null
          : {
              userId: row.userId,
              active: active && row.memberStatus === "active",
              isSuperAdmin: active && row.isSuperAdmin === true,
              departmentId: row.departmentId,
              teamIds: json<string[]>(row.teams),
            },
      isSuperAdmin: active && row.isSuperAdmin === true,
      roles: json<{ r: string; e: number | null }[]>(row.roles).map((r) => ({ roleId: r.r, expiresAt: num(r.e) })),
      overrides: json<{ c: string; f: string; e: number | null }[]>(row.overrides).map((o) => ({
        code: o.c,
        effect: o.f as never,
        expiresAt: num(o.e),
      })),
    });
  }
  return { version: first.version, users };
}

/** json columns arrive parsed from both drivers; a string (some driver settings) is parsed here. */
function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

function num(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

/**
 * Policy and every member at one `perm_version`: for tests and tools that compile a whole tenant.
 * The server never does this (it grows with the members): it loads the policy and the users it
 * decides for apart. Run inside one transaction.
 */
export async function loadTenantSnapshot(db: DbOrTx, tenantId: string): Promise<TenantSnapshot | null> {
  const policy = await loadPolicySnapshot(db, tenantId);
  if (!policy) return null;
  const inTenant = <T extends { tenantId: unknown }>(t: T) => eq(t.tenantId as never, tenantId);
  const [members, teamRows, superAdmins, userRoles, overrides] = await Promise.all([
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
  const teamsOf = new Map<string, string[]>();
  for (const t of teamRows) teamsOf.set(t.userId, [...(teamsOf.get(t.userId) ?? []), t.teamId]);
  return {
    ...policy,
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
