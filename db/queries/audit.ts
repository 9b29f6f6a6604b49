import { and, desc, eq, gte, lt, lte } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { auditEntries } from "../schema";

export interface AuditFilter {
  actorId?: string; targetType?: string; targetId?: string; action?: string; from?: Date; to?: Date;
  beforeSeq?: number; limit: number;
}

/** A tenant's audit entries, newest first, keyset-paginated by chain position. */
export function listAuditEntries(db: DbOrTx, tenantId: string, f: AuditFilter) {
  return db
    .select()
    .from(auditEntries)
    .where(
      and(
        eq(auditEntries.tenantId, tenantId),
        f.actorId ? eq(auditEntries.actorId, f.actorId) : undefined,
        f.targetType ? eq(auditEntries.targetType, f.targetType) : undefined,
        f.targetId ? eq(auditEntries.targetId, f.targetId) : undefined,
        f.action ? eq(auditEntries.action, f.action) : undefined,
        f.from ? gte(auditEntries.createdAt, f.from) : undefined,
        f.to ? lte(auditEntries.createdAt, f.to) : undefined,
        f.beforeSeq !== undefined ? lt(auditEntries.seq, f.beforeSeq) : undefined,
      ),
    )
    .orderBy(desc(auditEntries.seq))
    .limit(f.limit + 1);
}
