import "server-only";
import { and, eq } from "drizzle-orm";
import { liveSessionsOfUser, revokeSessions, type SessionRow } from "@/db/queries/sessions";
import { memberships, users } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { liveSessions } from "@/lib/auth/live-sessions";
import { type Principal, tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { appendAudit } from "./audit-chain";
import type { ServiceContext } from "./context";
import { auditingRefusals, requireCovers, type WriteContext, writeState } from "./write-transaction";
import { written } from "./written";

/** The signed-in user behind a me/sessions call (API keys are refused before: `keys: false`). */
function sessionUser(principal: Principal) {
  if (principal.kind !== "user") throw ApiError.forbidden("This route is for signed-in users, not API keys.");
  return { userId: principal.userId, current: principal.viewer.sessionId ?? null };
}

const view = (row: SessionRow, current: string | null) => ({
  id: row.id,
  created_at: row.createdAt.toISOString(),
  last_seen_at: row.lastSeenAt.toISOString(),
  expires_at: row.expiresAt.toISOString(),
  ip: row.ip,
  user_agent: row.userAgent,
  current: row.id === current,
});

/** Drops ended sessions from this instance's cache at once; the others hear the NOTIFY sent at commit. */
async function forgetHere(ids: readonly string[]) {
  if (ids.length) (await liveSessions()).forget(ids);
}

export async function listMySessions(ctx: ServiceContext) {
  const { userId, current } = sessionUser(ctx.principal);
  const rows = await liveSessionsOfUser(ctx.db, userId);
  return { sessions: rows.map((r) => view(r, current)) };
}

/** Ends one of the caller's sessions (the current one too: that is a sign-out); another's id is unknown (404). */
export async function endMySession(ctx: ServiceContext, id: string) {
  const { userId } = sessionUser(ctx.principal);
  const ended = await ctx.db.transaction((tx) => revokeSessions(tx, userId, { only: [id] }));
  if (!ended.length) throw ApiError.notFound("session");
  await forgetHere(ended);
  return written(null, null);
}

/** "Sign out everywhere else": every live session of the caller but this one. */
export async function endMyOtherSessions(ctx: ServiceContext) {
  const { userId, current } = sessionUser(ctx.principal);
  const ended = await ctx.db.transaction((tx) => revokeSessions(tx, userId, current ? { except: current } : {}));
  await forgetHere(ended);
  return { user_id: userId, ended: ended.length };
}

/**
 * An admin ends every session of a member of their tenant (audited in the tenant's chain). Anyone
 * not a member here is unknown (404), like elsewhere; a platform super-admin is out of a tenant
 * admin's reach (as for disabling one); and as every act against a user, it needs the actor's
 * effective set to cover the target's (requireCovers): a lesser admin cannot sign out a stronger
 * one. A refusal is audited as `access.denied`.
 */
export async function endUserSessions(ctx: ServiceContext, userId: string) {
  const { db, principal, meta } = ctx;
  await authorize(principal, "gatehouse.users.manage");
  const tenantId = tenantOf(principal);
  const ended = await auditingRefusals(ctx, tenantId, () =>
    db.transaction(async (tx) => {
      const [member] = await tx
        .select({ isSuperAdmin: users.isSuperAdmin })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
      if (!member) throw ApiError.notFound("user");
      if (member.isSuperAdmin && !principal.isSuperAdmin)
        throw ApiError.forbidden("Only a platform super-admin can end a super-admin's sessions.");
      await requireCovers({ ...(await writeState(tx, tenantId, principal)), audit: [] }, userId);
      const ids = await revokeSessions(tx, userId);
      // Nothing was live: nothing changed, nothing is written (DESIGN §6).
      if (ids.length)
        await appendAudit(tx, tenantId, principal, meta, [
          { action: "user.sessions.ended", targetType: "user", targetId: userId, after: { ended: ids.length } },
        ]);
      return ids;
    }),
  );
  await forgetHere(ended);
  return { user_id: userId, ended: ended.length };
}

/**
 * Disabling a member ends every session of theirs, on every instance, in the same transaction
 * (API.md: `status: disabled` ends every session of the user). Their other tenants are not taken
 * from them: they sign in again and work there; this tenant denies them everything from the next
 * request on. Acting against the user needed the actor to cover them (requireCovers), so a
 * tenant admin cannot sign out someone stronger; a platform super-admin's sessions are ended only
 * by a super-admin's own routes.
 */
export async function endSessionsOnDisable(ctx: WriteContext, userId: string): Promise<string[]> {
  const [user] = await ctx.tx.select({ isSuperAdmin: users.isSuperAdmin }).from(users).where(eq(users.id, userId));
  if (!user || user.isSuperAdmin) return [];
  const ids = await revokeSessions(ctx.tx, userId);
  if (ids.length)
    ctx.audit.push({
      action: "user.sessions.ended",
      targetType: "user",
      targetId: userId,
      after: { ended: ids.length, reason: "membership_disabled" },
    });
  return ids;
}
