import { asc, eq, isNull, or } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { permissions } from "../schema";

/** The catalog a tenant sees: the global permissions and its own. */
export function catalogOfTenant(db: DbOrTx, tenantId: string) {
  return db
    .select()
    .from(permissions)
    .where(or(isNull(permissions.tenantId), eq(permissions.tenantId, tenantId)))
    .orderBy(asc(permissions.code));
}
