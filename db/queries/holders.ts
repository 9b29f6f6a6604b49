import { and, asc, eq, exists, gt, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { memberships, permissions, userOverrides, userRoles, users } from "../schema";

export interface HolderCandidate {
  id: string;
  email: string;
  name: string;
}

/**
 * One page (by name, then id, after `after`) of the tenant's members who could hold a code: a
 * super-admin, a member assigned one of `roleIds` (the roles that grant it, the engine says), or
 * one with an allow override on one of `codes` (the code and its ancestors). Candidates only: the
 * engine decides (expiry, status, deny overrides, dependencies). Every test is by tenant and user
 * on an index, so a page costs the same in a tenant of any size.
 */
export async function holderCandidates(
  db: DbOrTx,
  tenantId: string,
  q: { roleIds: string[]; codes: string[]; after: { name: string; id: string } | null; limit: number },
): Promise<HolderCandidate[]> {
  const reasons: SQL[] = [eq(users.isSuperAdmin, true)];
  if (q.roleIds.length)
    reasons.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(userRoles)
          .where(
            and(eq(userRoles.tenantId, tenantId), eq(userRoles.userId, users.id), inArray(userRoles.roleId, q.roleIds)),
          ),
      ),
    );
  if (q.codes.length)
    reasons.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(userOverrides)
          .innerJoin(permissions, eq(permissions.id, userOverrides.permissionId))
          .where(
            and(
              eq(userOverrides.tenantId, tenantId),
              eq(userOverrides.userId, users.id),
              eq(userOverrides.effect, "allow"),
              inArray(permissions.code, q.codes),
              or(isNull(permissions.tenantId), eq(permissions.tenantId, tenantId)),
            ),
          ),
      ),
    );
  const after = q.after
    ? or(gt(users.name, q.after.name), and(eq(users.name, q.after.name), gt(users.id, q.after.id)))
    : undefined;
  return db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), after, or(...reasons)))
    .orderBy(asc(users.name), asc(users.id))
    .limit(q.limit);
}
