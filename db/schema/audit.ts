import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only (a trigger refuses UPDATE and DELETE). No foreign keys: entries outlive what they
 * describe. Each entry carries the hash of the previous entry of its chain (its tenant, or the
 * platform chain when tenant_id is null), so a verify pass can prove the chain unbroken.
 */
export const auditEntries = pgTable(
  "audit_entries",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid(),
    seq: bigint({ mode: "number" }).notNull(),
    actorType: text().notNull(),
    actorId: uuid(),
    actorLabel: text(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    permissionCode: text(),
    before: jsonb(),
    after: jsonb(),
    ip: text(),
    userAgent: text(),
    notes: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    uniqueIndex("audit_entries_chain_uq").on(
      sql`coalesce(${t.tenantId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.seq,
    ),
    index().on(t.tenantId, t.createdAt),
    index().on(t.tenantId, t.targetType, t.targetId),
    index().on(t.tenantId, t.actorId),
    index().on(t.tenantId, t.action),
    check("audit_entries_actor_ck", sql`${t.actorType} in ('user', 'api_key', 'system')`),
  ],
);

/**
 * Each chain's head (its last seq and hash), written in the same transaction as every append, so
 * removing the newest entries leaves the head pointing past the chain's end and verify reports it.
 * One row per chain: NULLS NOT DISTINCT makes the platform chain (tenant_id null) one key like any
 * tenant's. Triggers refuse DELETE, TRUNCATE and an UPDATE that does not move the head forward
 * (db/migrations/0004_audit_chain_heads.sql).
 */
export const auditChainHeads = pgTable(
  "audit_chain_heads",
  {
    tenantId: uuid(),
    seq: bigint({ mode: "number" }).notNull(),
    hash: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("audit_chain_heads_chain_uq").on(t.tenantId).nullsNotDistinct()],
);
