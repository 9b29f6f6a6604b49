import "server-only";
import { roleMemberHistory, roleMembersNow } from "@/db/queries/role-members";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import type { RoleMembersQuery } from "@/lib/validation/stats";
import { statsRange } from "./check-stats";
import type { ServiceContext } from "./context";

const DAY = 86_400_000;

/** The UTC days of [from, to], in order. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/**
 * GET /api/v1/stats/role-members: members per role of the caller's tenant, one point per UTC day of
 * [from, to] (default the last 30). A past day is its snapshot (db/schema/stats.ts, roleMemberDays:
 * the day's last hourly count), null where none was taken (no server ran that day, or before the
 * snapshots began); today is counted now. Every role is listed, by name, with its members now.
 */
export async function roleMemberStatistics(ctx: ServiceContext, q: RoleMembersQuery) {
  const { db, principal } = ctx;
  await authorize(principal, "gatehouse.stats.view");
  const tenantId = tenantOf(principal);
  const { from, to } = statsRange(q);
  const days = daysOf(from, to);
  const today = new Date().toISOString().slice(0, 10);
  const [now, history] = await Promise.all([roleMembersNow(db, tenantId), roleMemberHistory(db, tenantId, from, to)]);
  const recorded = new Map(history.map((h) => [`${h.roleId} ${h.day}`, h.members]));
  return {
    from,
    to,
    days,
    data: now.map((r) => ({
      key: r.id,
      label: r.name,
      members_now: r.members,
      members: days.map((d) => (d === today ? r.members : d > today ? null : (recorded.get(`${r.id} ${d}`) ?? null))),
    })),
    next_cursor: null,
  };
}
