import "server-only";
import { addCheckStats } from "@/db/queries/check-stats";
import { addUserCheckStats, listDecisions, usageByCode, usageByRole, usageByUser } from "@/db/queries/decisions";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import { flushDecisionLog } from "@/lib/permissions/decision-log";
import { drainCheckCounters, drainUserCheckCounters } from "@/lib/permissions/stats";
import type { DecisionsQuery, UsageQuery } from "@/lib/validation/decisions";
import { statsRange } from "./check-stats";
import type { ServiceContext } from "./context";
import { LISTS, paginate } from "./paging";

/**
 * GET /api/v1/decisions: the caller's tenant's decision log, newest first. This instance's buffer
 * is flushed first, so a decision just made is listed; other instances' arrive with their next flush.
 */
export async function listDecisionLog(ctx: ServiceContext, q: DecisionsQuery) {
  const { db, principal } = ctx;
  await authorize(principal, "gatehouse.audit.view");
  const tenantId = tenantOf(principal);
  await flushDecisionLog();
  const filter = {
    userId: q.user_id,
    code: q.code,
    granted: q.result === undefined ? undefined : q.result === "granted",
    source: q.source,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
  const { rows, next_cursor } = await paginate(
    LISTS.decisions,
    q,
    (after, limit) => listDecisions(db, tenantId, filter, after, limit + 1),
    (r) => ({ at: r.at.toISOString(), id: r.id }),
  );
  return {
    data: rows.map((r) => ({
      at: r.at.toISOString(),
      user_id: r.userId,
      user_email: r.email,
      code: r.code,
      granted: r.granted,
      reason: r.reason,
      via: (r.via ?? null) as Record<string, unknown> | null,
      context: (r.context ?? null) as Record<string, unknown> | null,
      source: r.source as "check" | "page" | "action",
      api_key_id: r.apiKeyId,
      count: r.count,
    })),
    next_cursor,
  };
}

/** Writes this instance's pending check counters (the same write the periodic flush makes). */
export async function flushUsageCounters(ctx: Pick<ServiceContext, "db">) {
  await addCheckStats(ctx.db, drainCheckCounters());
  await addUserCheckStats(ctx.db, drainUserCheckCounters());
}

/**
 * GET /api/v1/stats/usage: checks, denials and last use per user, permission code or role over
 * [from, to] (UTC days, default the last 30), from the check counters (never a scan of the log).
 * Every member, catalog code or role is listed, so "never used" shows as zeros.
 */
export async function usageStatistics(ctx: ServiceContext, q: UsageQuery) {
  const { db, principal } = ctx;
  await authorize(principal, "gatehouse.stats.view");
  const tenantId = tenantOf(principal);
  const { from, to } = statsRange(q);
  await flushUsageCounters(ctx).catch((error: unknown) => console.error("usage: flush on read failed", error));
  const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
  let data: {
    key: string;
    label: string;
    checks: number;
    denials: number;
    last_used_at: string | null;
    members?: number;
  }[];
  if (q.group_by === "user")
    data = (await usageByUser(db, tenantId, from, to)).map((r) => ({
      key: r.key,
      label: r.label,
      checks: r.checks,
      denials: r.denials,
      last_used_at: iso(r.lastAt),
    }));
  else if (q.group_by === "role")
    data = (await usageByRole(db, tenantId, from, to)).map((r) => ({
      key: r.key,
      label: r.label,
      checks: r.checks,
      denials: r.denials,
      last_used_at: iso(r.lastAt),
      members: r.members,
    }));
  else
    data = (await usageByCode(db, tenantId, from, to)).map((r) => ({
      key: r.key,
      label: r.key,
      checks: r.checks,
      denials: r.denials,
      // check_stats keeps days: the last use is the start of the last day with a check.
      last_used_at: r.lastDay ? `${r.lastDay}T00:00:00.000Z` : null,
    }));
  return { group_by: q.group_by, from, to, data, next_cursor: null };
}
