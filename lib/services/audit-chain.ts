import "server-only";
import { createHash } from "node:crypto";
import { desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { auditChainHeads, auditEntries } from "@/db/schema";
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
  /**
   * The users whose decisions this entry changes, when its target is not a user (a team's
   * members, a department's): `changeOf` names them in the NOTIFY. Not stored.
   */
  affects?: readonly string[];
}

const GENESIS = "0".repeat(64);

/** JSON with object keys sorted at every depth: jsonb does not keep key order. */
export function stable(value: unknown): unknown {
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

const entriesOf = (tenantId: string | null) =>
  tenantId ? eq(auditEntries.tenantId, tenantId) : isNull(auditEntries.tenantId);
const headOf = (tenantId: string | null) =>
  tenantId ? eq(auditChainHeads.tenantId, tenantId) : isNull(auditChainHeads.tenantId);

/** Where a chain ends: its anchored head, or (a chain never anchored) its last entry. */
async function chainEnd(tx: DbOrTx, tenantId: string | null) {
  const [head] = await tx
    .select({ seq: auditChainHeads.seq, hash: auditChainHeads.hash })
    .from(auditChainHeads)
    .where(headOf(tenantId));
  if (head) return head;
  const [last] = await tx
    .select({ seq: auditEntries.seq, hash: auditEntries.hash })
    .from(auditEntries)
    .where(entriesOf(tenantId))
    .orderBy(desc(auditEntries.seq))
    .limit(1);
  return last;
}

/**
 * Appends entries to the tenant's hash chain, inside the caller's transaction (so they commit or
 * roll back with the change), and moves the chain's head with them. A transaction-scoped advisory
 * lock serialises each chain. The chain goes on from its head, not from its last entry: should the
 * newest entries be removed, the next entry links to what is missing and the gap stays visible.
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
  const end = await chainEnd(tx, tenantId);
  let seq = end?.seq ?? 0;
  let prevHash = end?.hash ?? GENESIS;
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
  await tx
    .insert(auditChainHeads)
    .values({ tenantId, seq, hash: prevHash, updatedAt: createdAt })
    .onConflictDoUpdate({ target: auditChainHeads.tenantId, set: { seq, hash: prevHash, updatedAt: createdAt } });
}

/** What verify answers: the walk's result, and how the chain's end compares with its anchored head. */
export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** The first entry whose link or hash does not hold, or that its head does not vouch for. */
  first_broken_id: string | null;
  /** The anchored head's position (null: no head, which a chain with entries should never lack). */
  head_seq: number | null;
  /** Entries the head vouches for that are gone from the chain's end. */
  missing_tail: { from_seq: number; to_seq: number } | null;
}

/**
 * Walks a chain in order; the first entry whose link or hash does not hold is reported. Entries
 * hashed in the first form (before v2) verify only as a leading run: once a v2 entry is seen, every
 * later one must be v2, so an edited v2 entry cannot pass as an old one. Then the chain's last
 * entry must be its head: a head past the end means the newest entries were removed; an entry past
 * the head, or a last entry with another hash, was not appended by appendAudit. Entries and head
 * are read in one snapshot, so an append committing meanwhile is seen in both or in neither.
 */
export async function verifyAuditChain(db: Db, tenantId: string | null): Promise<ChainVerification> {
  const { rows, head } = await db.transaction(
    async (tx) => ({
      rows: await tx.select().from(auditEntries).where(entriesOf(tenantId)).orderBy(auditEntries.seq),
      head: (
        await tx
          .select({ seq: auditChainHeads.seq, hash: auditChainHeads.hash })
          .from(auditChainHeads)
          .where(headOf(tenantId))
      )[0],
    }),
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  let prev = GENESIS;
  let checked = 0;
  let legacy = true;
  const answer = (first_broken_id: string | null, missing_tail: ChainVerification["missing_tail"] = null) => ({
    ok: first_broken_id === null && missing_tail === null && (head !== undefined || rows.length === 0),
    checked,
    first_broken_id,
    head_seq: head?.seq ?? null,
    missing_tail,
  });
  for (const r of rows) {
    const v2 = r.hash === entryHash(prev, r);
    legacy &&= !v2 && r.hash === legacyEntryHash(prev, r);
    if (r.prevHash !== prev || !(v2 || legacy)) return answer(r.id);
    prev = r.hash;
    checked++;
  }
  if (!head) return answer(null);
  const lastSeq = rows.at(-1)?.seq ?? 0;
  if (lastSeq < head.seq) return answer(null, { from_seq: lastSeq + 1, to_seq: head.seq });
  const atHead = rows.find((r) => r.seq === head.seq);
  if (atHead && atHead.hash !== head.hash) return answer(atHead.id);
  return answer(rows.find((r) => r.seq > head.seq)?.id ?? null);
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
