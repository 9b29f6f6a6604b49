import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { roles, userRoles } from "../schema";

/** A user's role assignments in a tenant, expired ones included (the caller shows them as such). */
export function rolesOfUser(db: DbOrTx, tenantId: string, userId: string) {
  return db
    .select({ id: roles.id, name: roles.name, description: roles.description, isSystem: roles.isSystem, expiresAt: userRoles.expiresAt })
    .from(userRoles)
    .innerJoin(roles, and(eq(roles.id, userRoles.roleId), eq(roles.tenantId, userRoles.tenantId)))
    .where(and(eq(userRoles.tenantId, tenantId), eq(userRoles.userId, userId)))
    .orderBy(asc(roles.name));
}
