import { and, asc, desc, eq, gte, isNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { checkStats, decisionLog, memberships, permissions, roles, userCheckStats, userRoles, users } from "../schema";

export interface DecisionRow {
  tenantId: string;
  at: Date;
  userId: string;
  code: string;
  granted: boolean;
  reason: string;
  via: unknown;
  context: unknown;
  source: string;
  apiKeyId: string | null;
}

/** Inserts a batch of decisions, 1,000 rows per statement. */
export async function insertDecisions(db: DbOrTx, rows: readonly DecisionRow[]) {
  for (let i = 0; i < rows.length; i += 1_000) await db.insert(decisionLog).values(rows.slice(i, i + 1_000));
}

/** Deletes decisions older than `before` (every tenant's); answers how many. */
export async function purgeDecisions(db: DbOrTx, before: Date): Promise<number> {
  const gone = await db.delete(decisionLog).where(lt(decisionLog.at, before)).returning({ id: decisionLog.id });
  return gone.length;
}

export interface DecisionFilter {
  userId?: string;
  code?: string;
  granted?: boolean;
  source?: string;
  from?: Date;
  to?: Date;
}

/** A tenant's decisions, newest first, after a keyset position (at, id). */
export function listDecisions(
  db: DbOrTx,
  tenantId: string,
  f: DecisionFilter,
  after: { at: string; id: number } | null,
  limit: number,
) {
  const where: (SQL | undefined)[] = [eq(decisionLog.tenantId, tenantId)];
  if (f.userId) where.push(eq(decisionLog.userId, f.userId));
  if (f.code) where.push(eq(decisionLog.code, f.code));
  if (f.granted !== undefined) where.push(eq(decisionLog.granted, f.granted));
  if (f.source) where.push(eq(decisionLog.source, f.source));
  if (f.from) where.push(gte(decisionLog.at, f.from));
  if (f.to) where.push(lte(decisionLog.at, f.to));
  if (after) {
    const at = new Date(after.at);
    where.push(or(lt(decisionLog.at, at), and(eq(decisionLog.at, at), lt(decisionLog.id, after.id))));
  }
  return db
    .select({
      id: decisionLog.id,
      at: decisionLog.at,
      userId: decisionLog.userId,
      email: users.email,
      code: decisionLog.code,
      granted: decisionLog.granted,
      reason: decisionLog.reason,
      via: decisionLog.via,
      context: decisionLog.context,
      source: decisionLog.source,
      apiKeyId: decisionLog.apiKeyId,
      count: decisionLog.count,
    })
    .from(decisionLog)
    .leftJoin(users, eq(users.id, decisionLog.userId))
    .where(and(...where))
    .orderBy(desc(decisionLog.at), desc(decisionLog.id))
    .limit(limit);
}

/** Adds per-user counters to user_check_stats (one upsert for the batch). */
export async function addUserCheckStats(
  db: DbOrTx,
  rows: { tenantId: string; userId: string; day: string; allowed: number; denied: number; lastAt: number }[],
) {
  if (!rows.length) return;
  await db
    .insert(userCheckStats)
    .values(rows.map((r) => ({ ...r, lastAt: new Date(r.lastAt) })))
    .onConflictDoUpdate({
      target: [userCheckStats.tenantId, userCheckStats.day, userCheckStats.userId],
      set: {
        allowed: sql`${userCheckStats.allowed} + excluded.allowed`,
        denied: sql`${userCheckStats.denied} + excluded.denied`,
        lastAt: sql`greatest(${userCheckStats.lastAt}, excluded.last_at)`,
      },
    });
}

/** Checks, denials and last use per member of a tenant over [from, to] (days); members never seen have zeros. */
export function usageByUser(db: DbOrTx, tenantId: string, from: string, to: string) {
  const u = db
    .select({
      userId: userCheckStats.userId,
      checks: sql<number>`sum(${userCheckStats.allowed} + ${userCheckStats.denied})::float8`.as("checks"),
      denials: sql<number>`sum(${userCheckStats.denied})::float8`.as("denials"),
      lastAt: sql<Date | null>`max(${userCheckStats.lastAt})`.as("last_at"),
    })
    .from(userCheckStats)
    .where(and(eq(userCheckStats.tenantId, tenantId), gte(userCheckStats.day, from), lte(userCheckStats.day, to)))
    .groupBy(userCheckStats.userId)
    .as("u");
  return db
    .select({
      key: memberships.userId,
      label: users.email,
      checks: sql<number>`coalesce(${u.checks}, 0)::float8`,
      denials: sql<number>`coalesce(${u.denials}, 0)::float8`,
      lastAt: sql<string | null>`${u.lastAt}`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(u, eq(u.userId, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(desc(sql`coalesce(${u.checks}, 0)`), asc(users.email));
}

/**
 * Per role of a tenant: its members now, and their checks, denials and last use over [from, to]
 * (a role is "used" when its holders are). Roles nobody holds, or whose holders never checked, have zeros.
 * Holders are live assignments only (no expiry, or one ahead), as decisions and the members-per-day
 * series (role-members.ts) count them.
 */
export function usageByRole(db: DbOrTx, tenantId: string, from: string, to: string) {
  return db
    .select({
      key: roles.id,
      label: roles.name,
      members: sql<number>`count(distinct ${userRoles.userId})::float8`,
      checks: sql<number>`coalesce(sum(${userCheckStats.allowed} + ${userCheckStats.denied}), 0)::float8`,
      denials: sql<number>`coalesce(sum(${userCheckStats.denied}), 0)::float8`,
      lastAt: sql<string | null>`max(${userCheckStats.lastAt})`,
    })
    .from(roles)
    .leftJoin(
      userRoles,
      and(
        eq(userRoles.roleId, roles.id),
        eq(userRoles.tenantId, tenantId),
        sql`(${userRoles.expiresAt} is null or ${userRoles.expiresAt} > now())`,
      ),
    )
    .leftJoin(
      userCheckStats,
      and(
        eq(userCheckStats.tenantId, tenantId),
        eq(userCheckStats.userId, userRoles.userId),
        gte(userCheckStats.day, from),
        lte(userCheckStats.day, to),
      ),
    )
    .where(eq(roles.tenantId, tenantId))
    .groupBy(roles.id, roles.name)
    .orderBy(asc(roles.name), asc(roles.id));
}

/**
 * Per permission the tenant can use (the global catalog and its own): checks, denials and the last
 * day it was checked over [from, to]. A code never checked has zeros: "what has nobody used?".
 * Codes checked but not in the catalog (unknown codes asked about) are listed too.
 */
export function usageByCode(db: DbOrTx, tenantId: string, from: string, to: string) {
  const c = db
    .select({
      code: checkStats.permissionCode,
      checks: sql<number>`sum(${checkStats.allowed} + ${checkStats.denied})::float8`.as("checks"),
      denials: sql<number>`sum(${checkStats.denied})::float8`.as("denials"),
      lastDay: sql<string | null>`max(${checkStats.day})::text`.as("last_day"),
    })
    .from(checkStats)
    .where(and(eq(checkStats.tenantId, tenantId), gte(checkStats.day, from), lte(checkStats.day, to)))
    .groupBy(checkStats.permissionCode)
    .as("c");
  const catalog = db
    .select({ code: permissions.code })
    .from(permissions)
    .where(or(isNull(permissions.tenantId), eq(permissions.tenantId, tenantId)))
    .as("p");
  return db
    .select({
      key: sql<string>`coalesce(${catalog.code}, ${c.code})`,
      checks: sql<number>`coalesce(${c.checks}, 0)::float8`,
      denials: sql<number>`coalesce(${c.denials}, 0)::float8`,
      lastDay: sql<string | null>`${c.lastDay}`,
    })
    .from(catalog)
    .fullJoin(c, eq(c.code, catalog.code))
    .orderBy(sql`coalesce(${catalog.code}, ${c.code})`);
}

/** The tenants with the most checks since `from` (a day), busiest first, with their busiest users. */
export async function busiestTenants(db: DbOrTx, from: string, tenantLimit: number, userLimit: number) {
  const top = await db
    .select({
      tenantId: checkStats.tenantId,
      checks: sql<number>`sum(${checkStats.allowed} + ${checkStats.denied})::float8`,
    })
    .from(checkStats)
    .where(gte(checkStats.day, from))
    .groupBy(checkStats.tenantId)
    .orderBy(desc(sql`sum(${checkStats.allowed} + ${checkStats.denied})`))
    .limit(tenantLimit);
  const out: { tenantId: string; checks: number; userIds: string[] }[] = [];
  for (const t of top) {
    const users = await db
      .select({ userId: userCheckStats.userId })
      .from(userCheckStats)
      .where(and(eq(userCheckStats.tenantId, t.tenantId), gte(userCheckStats.day, from)))
      .groupBy(userCheckStats.userId)
      .orderBy(desc(sql`sum(${userCheckStats.allowed} + ${userCheckStats.denied})`))
      .limit(userLimit);
    out.push({ ...t, userIds: users.map((u) => u.userId) });
  }
  return out;
}
