import { and, asc, desc, eq, gt, gte, isNull, lt, lte, max } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { auditEntries } from "../schema";

export interface AuditFilter {
  actorId?: string;
  targetType?: string;
  targetId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/** A chain: a tenant's, or (null) the platform's, which holds what no tenant owns (plans, the global catalog and templates). */
const chainOf = (tenantId: string | null) =>
  tenantId === null ? isNull(auditEntries.tenantId) : eq(auditEntries.tenantId, tenantId);

function matching(tenantId: string | null, f: AuditFilter) {
  return [
    chainOf(tenantId),
    f.actorId ? eq(auditEntries.actorId, f.actorId) : undefined,
    f.targetType ? eq(auditEntries.targetType, f.targetType) : undefined,
    f.targetId ? eq(auditEntries.targetId, f.targetId) : undefined,
    f.action ? eq(auditEntries.action, f.action) : undefined,
    f.from ? gte(auditEntries.createdAt, f.from) : undefined,
    f.to ? lte(auditEntries.createdAt, f.to) : undefined,
  ];
}

/** A tenant's audit entries, newest first, keyset-paginated by chain position. */
export function listAuditEntries(
  db: DbOrTx,
  tenantId: string | null,
  f: AuditFilter & { beforeSeq?: number; limit: number },
) {
  return db
    .select()
    .from(auditEntries)
    .where(and(...matching(tenantId, f), f.beforeSeq !== undefined ? lt(auditEntries.seq, f.beforeSeq) : undefined))
    .orderBy(desc(auditEntries.seq))
    .limit(f.limit + 1);
}

/** The last position of a tenant's chain (0 when empty): an export's snapshot bound. */
export async function lastAuditSeq(db: DbOrTx, tenantId: string | null): Promise<number> {
  const [row] = await db
    .select({ seq: max(auditEntries.seq) })
    .from(auditEntries)
    .where(chainOf(tenantId));
  return Number(row?.seq ?? 0);
}

/**
 * One batch of an export, oldest first: entries after `afterSeq` up to `untilSeq` (inclusive).
 * The caller pages by the last seq it got, so memory holds one batch, never the whole log.
 */
export function auditExportBatch(
  db: DbOrTx,
  tenantId: string | null,
  f: AuditFilter,
  afterSeq: number,
  untilSeq: number,
  size: number,
) {
  return db
    .select()
    .from(auditEntries)
    .where(and(...matching(tenantId, f), gt(auditEntries.seq, afterSeq), lte(auditEntries.seq, untilSeq)))
    .orderBy(asc(auditEntries.seq))
    .limit(size);
}

/** The chain position of one entry (for "broken at entry #seq"). */
export async function auditSeqOf(db: DbOrTx, tenantId: string | null, id: string): Promise<number | null> {
  const [row] = await db
    .select({ seq: auditEntries.seq })
    .from(auditEntries)
    .where(and(chainOf(tenantId), eq(auditEntries.id, id)));
  return row?.seq ?? null;
}
