import { sql } from "drizzle-orm";
import { bigserial, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

/**
 * The decision log (docs/design.md §5.4): every denied decision, and granted ones sampled, written
 * in batches from memory (lib/permissions/decision-log.ts), never a row per check in the request.
 * `user_id` and `api_key_id` are not foreign keys: a row outlives the user or key it names, until
 * the retention purge takes it.
 */
export const decisionLog = pgTable(
  "decision_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    at: timestamp({ withTimezone: true }).notNull(),
    userId: uuid().notNull(),
    code: text().notNull(),
    granted: boolean().notNull(),
    reason: text().notNull(),
    via: jsonb(),
    context: jsonb(),
    source: text().notNull(),
    apiKeyId: uuid(),
    /** The same decision repeated within one flush (same user, code, answer, rule, source, key; no context) is one row. */
    count: integer().notNull().default(1),
  },
  (t) => [
    index("decision_log_tenant_at_idx").on(t.tenantId, t.at, t.id),
    index("decision_log_tenant_user_at_idx").on(t.tenantId, t.userId, t.at),
    index("decision_log_tenant_code_at_idx").on(t.tenantId, t.code, t.at),
    index("decision_log_at_idx").on(t.at),
    check("decision_log_source_ck", sql`${t.source} in ('check', 'page', 'action')`),
  ],
);
