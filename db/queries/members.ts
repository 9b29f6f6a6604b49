import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { memberships, permissions, userOverrides, users } from "../schema";

export interface MemberFilter {
  search?: string;
  roleId?: string;
  after?: { name: string; id: string } | null;
  limit: number;
}

/** Members of a tenant with their role ids, ordered by name (keyset-paginated). */
export function listMembers(db: DbOrTx, tenantId: string, f: MemberFilter) {
  const like = f.search ? `%${f.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      status: users.status,
      membershipStatus: memberships.status,
      departmentId: memberships.departmentId,
      isSuperAdmin: users.isSuperAdmin,
      departmentName: sql<string | null>`(select d.name from departments d where d.id = ${memberships.departmentId})`,
      roleIds: sql<
        string[]
      >`coalesce((select array_agg(ur.role_id order by ur.role_id) from user_roles ur where ur.tenant_id = ${tenantId} and ur.user_id = ${users.id}), '{}')`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        like ? sql`(lower(${users.name}) like ${like} or lower(${users.email}) like ${like})` : undefined,
        f.roleId
          ? sql`exists (select 1 from user_roles ur where ur.tenant_id = ${tenantId} and ur.user_id = ${users.id} and ur.role_id = ${f.roleId})`
          : undefined,
        f.after ? sql`(lower(${users.name}), ${users.id}) > (lower(${f.after.name}), ${f.after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(sql`lower(${users.name})`, asc(users.id))
    .limit(f.limit + 1);
}

export async function findMember(db: DbOrTx, tenantId: string, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      status: users.status,
      membershipStatus: memberships.status,
      departmentId: memberships.departmentId,
      departmentName: sql<string | null>`(select d.name from departments d where d.id = ${memberships.departmentId})`,
      isSuperAdmin: users.isSuperAdmin,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  return row ?? null;
}

export function overridesOf(db: DbOrTx, tenantId: string, userId: string) {
  return db
    .select({
      id: userOverrides.id,
      permissionId: permissions.id,
      code: permissions.code,
      effect: userOverrides.effect,
      notes: userOverrides.notes,
      grantedBy: userOverrides.grantedBy,
      grantedAt: userOverrides.grantedAt,
      expiresAt: userOverrides.expiresAt,
    })
    .from(userOverrides)
    .innerJoin(permissions, eq(permissions.id, userOverrides.permissionId))
    .where(and(eq(userOverrides.tenantId, tenantId), eq(userOverrides.userId, userId)))
    .orderBy(asc(permissions.code));
}
