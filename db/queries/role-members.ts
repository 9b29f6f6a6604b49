import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "../client";
import { roleMemberDays, roles, userRoles } from "../schema";

/** An assignment that counts now: no expiry, or one still ahead. */
const live = sql`(${userRoles.expiresAt} is null or ${userRoles.expiresAt} > now())`;

/**
 * Records `day`'s members per role of every tenant (every role, zero included), replacing an
 * earlier snapshot of the same day: one grouped count over user_roles.
 */
export async function snapshotRoleMembers(db: DbOrTx, day: string): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`
      with counted as (
        insert into ${roleMemberDays} (tenant_id, role_id, day, members)
        select r.tenant_id, r.id, ${day}::date, count(ur.user_id)::int
        from ${roles} r
        left join ${userRoles} ur on ur.role_id = r.id and ur.tenant_id = r.tenant_id
          and (ur.expires_at is null or ur.expires_at > now())
        where r.tenant_id is not null
        group by r.tenant_id, r.id
        on conflict (tenant_id, day, role_id) do update set members = excluded.members
        returning 1
      )
      select count(*)::int as n from counted`),
  );
  return Number(rows[0]?.n ?? 0);
}

/** The tenant's roles with their live members now (every role, zero included), by name. */
export function roleMembersNow(db: DbOrTx, tenantId: string) {
  return db
    .select({ id: roles.id, name: roles.name, members: sql<number>`count(${userRoles.userId})::int` })
    .from(roles)
    .leftJoin(userRoles, and(eq(userRoles.roleId, roles.id), eq(userRoles.tenantId, tenantId), live))
    .where(eq(roles.tenantId, tenantId))
    .groupBy(roles.id, roles.name)
    .orderBy(asc(roles.name), asc(roles.id));
}

/** The tenant's recorded snapshots over [from, to] (UTC days). */
export function roleMemberHistory(db: DbOrTx, tenantId: string, from: string, to: string) {
  return db
    .select({ roleId: roleMemberDays.roleId, day: roleMemberDays.day, members: roleMemberDays.members })
    .from(roleMemberDays)
    .where(and(eq(roleMemberDays.tenantId, tenantId), gte(roleMemberDays.day, from), lte(roleMemberDays.day, to)));
}
