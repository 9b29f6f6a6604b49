import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import * as s from "../schema";
import { roleGrantRows, roleParentRows } from "./snapshot";

/**
 * What a tenant's policy document is read from (lib/services/policy.ts builds it): its own
 * permissions and their dependencies, its roles with parents and grants, its own templates, and
 * on request its members' roles and overrides. Always filtered by the tenant; ids stay here, the
 * document speaks in codes, names and emails.
 */
export async function readPolicyRows(db: DbOrTx, tenantId: string, withMembers: boolean) {
  const [permissions, dependencies, roles, parents, grants, templates, templateEntries] = await Promise.all([
    db
      .select({
        permission: s.permissions,
        module: s.modules.code,
        replacement: sql<string | null>`(select r.code from permissions r where r.id = ${s.permissions.replacementId})`,
      })
      .from(s.permissions)
      .leftJoin(s.modules, eq(s.modules.id, s.permissions.moduleId))
      .where(eq(s.permissions.tenantId, tenantId)),
    db
      .select({ code: sql<string>`p.code`, dependsOn: sql<string>`d.code` })
      .from(s.permissionDependencies)
      .innerJoin(sql`permissions p`, sql`p.id = ${s.permissionDependencies.permissionId}`)
      .innerJoin(sql`permissions d`, sql`d.id = ${s.permissionDependencies.dependsOnId}`)
      .where(sql`p.tenant_id = ${tenantId}`),
    db.select().from(s.roles).where(eq(s.roles.tenantId, tenantId)),
    roleParentRows(db, tenantId),
    roleGrantRows(db, tenantId),
    db.select().from(s.templates).where(eq(s.templates.tenantId, tenantId)),
    db
      .select({
        templateId: s.templatePermissions.templateId,
        code: s.permissions.code,
        effect: s.templatePermissions.effect,
      })
      .from(s.templatePermissions)
      .innerJoin(s.templates, eq(s.templates.id, s.templatePermissions.templateId))
      .innerJoin(s.permissions, eq(s.permissions.id, s.templatePermissions.permissionId))
      .where(eq(s.templates.tenantId, tenantId)),
  ]);
  const members = withMembers ? await readMemberRows(db, tenantId) : null;
  return { permissions, dependencies, roles, parents, grants, templates, templateEntries, members };
}

async function readMemberRows(db: DbOrTx, tenantId: string) {
  const [members, roles, overrides] = await Promise.all([
    db
      .select({ userId: s.memberships.userId, email: s.users.email })
      .from(s.memberships)
      .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
      .where(eq(s.memberships.tenantId, tenantId)),
    db
      .select({ userId: s.userRoles.userId, roleId: s.userRoles.roleId, expiresAt: s.userRoles.expiresAt })
      .from(s.userRoles)
      .where(eq(s.userRoles.tenantId, tenantId)),
    db
      .select({
        userId: s.userOverrides.userId,
        code: s.permissions.code,
        effect: s.userOverrides.effect,
        notes: s.userOverrides.notes,
        expiresAt: s.userOverrides.expiresAt,
      })
      .from(s.userOverrides)
      .innerJoin(s.permissions, eq(s.permissions.id, s.userOverrides.permissionId))
      .where(eq(s.userOverrides.tenantId, tenantId)),
  ]);
  return { members, roles, overrides };
}

/** Members of the tenant by email (case-insensitive), for a document's assignments. */
export async function membersByEmail(db: DbOrTx, tenantId: string) {
  const rows = await db
    .select({ userId: s.memberships.userId, email: s.users.email })
    .from(s.memberships)
    .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
    .where(and(eq(s.memberships.tenantId, tenantId)));
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.userId]));
}
