import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { checkStats } from "../schema";

/** Allowed and denied checks per permission code of a tenant over a range of days (inclusive). */
export function checkCountsByCode(db: DbOrTx, tenantId: string, from: string, to: string) {
  return db
    .select({
      code: checkStats.permissionCode,
      allowed: sql<number>`sum(${checkStats.allowed})::float8`,
      denied: sql<number>`sum(${checkStats.denied})::float8`,
    })
    .from(checkStats)
    .where(and(eq(checkStats.tenantId, tenantId), gte(checkStats.day, from), lte(checkStats.day, to)))
    .groupBy(checkStats.permissionCode)
    .orderBy(asc(checkStats.permissionCode));
}
