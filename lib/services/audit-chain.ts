import "server-only";
import { createHash } from "node:crypto";
import { desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { auditEntries } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { ApiError } from "@/lib/errors";
import type { AuditAction } from "@/lib/validation/audit";
import type { RequestMeta, ServiceContext } from "./context";

export type { AuditAction };

export interface AuditInput {
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  permissionCode?: string;
  before?: unknown;
  after?: unknown;
  notes?: string;
}

const GENESIS = "0".repeat(64);

/** JSON with object keys sorted at every depth: jsonb does not keep key order. */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, stable((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The stored fields of an entry that its hash covers: every column but id, prev_hash and hash. */
export interface HashedEntry {
  tenantId: string | null;
  seq: number;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  permissionCode: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  notes: string | null;
  createdAt: Date;
}

/**
 * The hash of an entry: SHA-256 over the previous hash and every stored field of the entry, so a
 * hand edit of any of them (the IP and user agent too) breaks the chain at that entry. The leading
 * "v2" tells it from the first form, which left out actor label, IP and user agent.
 */
export function entryHash(prevHash: string, e: HashedEntry): string {
  const canonical = JSON.stringify([
    "v2",
    e.tenantId,
    e.seq,
    e.actorType,
    e.actorId,
    e.actorLabel,
    e.action,
    e.targetType,
    e.targetId,
    e.permissionCode,
    stable(e.before ?? null),
    stable(e.after ?? null),
    e.ip,
    e.userAgent,
    e.notes,
    e.createdAt.toISOString(),
  ]);
  return createHash("sha256").update(prevHash).update(canonical).digest("hex");
}

/** The first form of the hash, for entries written before v2: only ever accepted at a chain's start. */
export function legacyEntryHash(prevHash: string, e: HashedEntry): string {
  const canonical = JSON.stringify([
    e.tenantId,
    e.seq,
    e.actorType,
    e.actorId,
    e.action,
    e.targetType,
    e.targetId,
    e.permissionCode,
    stable(e.before ?? null),
    stable(e.after ?? null),
    e.notes,
    e.createdAt.toISOString(),
  ]);
  return createHash("sha256").update(prevHash).update(canonical).digest("hex");
}

/**
 * Appends entries to the tenant's hash chain, inside the caller's transaction (so they commit or
 * roll back with the change). A transaction-scoped advisory lock serialises each chain.
 */
export async function appendAudit(
  tx: DbOrTx,
  tenantId: string | null,
  principal: Principal | null,
  meta: RequestMeta | null,
  entries: AuditInput[],
) {
  if (!entries.length) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`audit:${tenantId ?? "platform"}`}))`);
  const [last] = await tx
    .select({ seq: auditEntries.seq, hash: auditEntries.hash })
    .from(auditEntries)
    .where(tenantId ? eq(auditEntries.tenantId, tenantId) : isNull(auditEntries.tenantId))
    .orderBy(desc(auditEntries.seq))
    .limit(1);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS;
  const createdAt = new Date(Math.floor(Date.now()));
  const actorType = principal ? (principal.kind === "api_key" ? "api_key" : "user") : "system";
  const actorId = principal ? (principal.kind === "api_key" ? principal.apiKey.id : principal.userId) : null;
  const rows = entries.map((e) => {
    seq += 1;
    const row = {
      tenantId,
      seq,
      actorType,
      actorId,
      actorLabel: principal?.label ?? "system",
      action: e.action,
      targetType: e.targetType ?? null,
      targetId: e.targetId ?? null,
      permissionCode: e.permissionCode ?? null,
      before: e.before ?? null,
      after: e.after ?? null,
      ip: meta?.ip ?? null,
      userAgent: meta?.userAgent ?? null,
      notes: e.notes ?? null,
      createdAt,
      prevHash,
    };
    const hash = entryHash(prevHash, row);
    prevHash = hash;
    return { ...row, hash };
  });
  await tx.insert(auditEntries).values(rows);
}

/**
 * Walks a chain in order; the first entry whose link or hash does not hold is reported. Entries
 * hashed in the first form (before v2) verify only as a leading run: once a v2 entry is seen, every
 * later one must be v2, so an edited v2 entry cannot pass as an old one.
 */
export async function verifyAuditChain(db: DbOrTx, tenantId: string | null) {
  const rows = await db
    .select()
    .from(auditEntries)
    .where(tenantId ? eq(auditEntries.tenantId, tenantId) : isNull(auditEntries.tenantId))
    .orderBy(auditEntries.seq);
  let prev = GENESIS;
  let checked = 0;
  let legacy = true;
  for (const r of rows) {
    const v2 = r.hash === entryHash(prev, r);
    legacy &&= !v2 && r.hash === legacyEntryHash(prev, r);
    if (r.prevHash !== prev || !(v2 || legacy)) return { ok: false, checked, first_broken_id: r.id };
    prev = r.hash;
    checked++;
  }
  return { ok: true, checked, first_broken_id: null };
}

/**
 * DESIGN §6: a denied admin action is audited too, in a transaction of its own (the write's own
 * never ran, or was rolled back). `extra` joins the error's own fields in `after`.
 */
export async function auditDenied(
  db: Db,
  tenantId: string | null,
  principal: Principal,
  meta: RequestMeta | null,
  error: ApiError,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await db.transaction((tx) =>
    appendAudit(tx, tenantId, principal, meta, [
      { action: "access.denied", notes: error.detail, after: { ...error.extra, ...extra } },
    ]),
  );
}

/** Audits a refusal in the caller's tenant chain (when they have a tenant), then throws it. */
export async function refuse(ctx: ServiceContext, error: ApiError): Promise<never> {
  const { db, principal, meta } = ctx;
  if (principal.tenantId) await auditDenied(db, principal.tenantId, principal, meta, error);
  throw error;
}
