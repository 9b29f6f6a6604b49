import "server-only";
import { addCheckStats } from "@/db/queries/check-stats";
import { checkCountsByCode } from "@/db/queries/stats-report";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import { permissionCache } from "@/lib/permissions/server";
import { drainCheckCounters } from "@/lib/permissions/stats";
import type { CheckStatsQuery } from "@/lib/validation/stats";
import type { ServiceContext } from "./context";

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A statistics range of UTC days, inclusive: `to` defaults to today, `from` to 29 days before `to`. */
export function statsRange(q: { from?: string; to?: string }) {
  const to = q.to ?? isoDay(Date.now());
  return { from: q.from ?? isoDay(Date.parse(to) - 29 * DAY), to };
}

/**
 * Checks per permission of the caller's tenant over [from, to] (UTC days; default the last 30),
 * and this instance's permission-cache hit rate. This instance's not-yet-flushed counters are
 * flushed first (the same write the 15 s timer makes), so a check just made is counted; other
 * instances' pending counters arrive within their next flush.
 */
export async function checkStatistics(ctx: ServiceContext, q: CheckStatsQuery) {
  const { db, principal } = ctx;
  await authorize(principal, "gatehouse.stats.view");
  const tenantId = tenantOf(principal);
  const { from, to } = statsRange(q);
  const pending = drainCheckCounters();
  await addCheckStats(db, pending).catch((error: unknown) => console.error("check stats: flush on read failed", error));
  const rows = await checkCountsByCode(db, tenantId, from, to);
  const stats = (await permissionCache()).stats;
  // Lookups of both kinds (a tenant's policy, a user's assignments): what the cache answered from memory.
  const hits = stats.policyHits + stats.userHits;
  const misses = stats.policyLoads + stats.userMisses;
  const loads = stats.policyLoads + stats.userLoads;
  const invalidations = stats.policyInvalidations + stats.userInvalidations + stats.tenantResets;
  const flushes = stats.flushes;
  const totals = rows.reduce((t, r) => ({ allowed: t.allowed + r.allowed, denied: t.denied + r.denied }), {
    allowed: 0,
    denied: 0,
  });
  return {
    from,
    to,
    data: rows.map((r) => ({ code: r.code, allowed: r.allowed, denied: r.denied, total: r.allowed + r.denied })),
    next_cursor: null,
    totals: { ...totals, total: totals.allowed + totals.denied },
    cache: {
      scope: "instance",
      hits,
      misses,
      hit_rate: hits + misses ? hits / (hits + misses) : null,
      loads,
      invalidations,
      flushes,
    },
  };
}
