import { and, desc, eq, gt, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { sessions } from "../schema";

/** The NOTIFY channel of ended sessions: `{ids: [...]}`; every instance drops them from its cache. */
export const SESSION_CHANNEL = "gatehouse_sessions";

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(
  db: DbOrTx,
  values: { userId: string; expiresAt: Date; userAgent: string | null; ip: string | null },
): Promise<SessionRow> {
  const [row] = await db.insert(sessions).values(values).returning();
  return row!;
}

/** The session when it is live: not revoked, not expired, and the user's. */
export async function findLiveSession(db: DbOrTx, id: string, userId: string): Promise<SessionRow | null> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.id, id),
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
      ),
    );
  return row ?? null;
}

/** The user's live sessions, the most recently seen first. */
export async function liveSessionsOfUser(db: DbOrTx, userId: string): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
}

/** Records a visit, unless one was recorded less than `minSeconds` ago (one write per few minutes, not per request). */
export async function touchSession(db: DbOrTx, id: string, minSeconds: number): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(and(eq(sessions.id, id), lt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${minSeconds})`)));
}

/**
 * Ends live sessions of a user (`only`: these ids; `except`: all but this one) and queues the
 * NOTIFY in the same transaction: PostgreSQL delivers it at commit, to every instance. Returns
 * the ids ended.
 */
export async function revokeSessions(
  tx: DbOrTx,
  userId: string,
  which: { only?: readonly string[]; except?: string } = {},
): Promise<string[]> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (which.only) conditions.push(inArray(sessions.id, [...which.only]));
  if (which.except) conditions.push(ne(sessions.id, which.except));
  if (which.only?.length === 0) return [];
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  const ids = ended.map((r) => r.id);
  // A payload holds 8,000 bytes: past a few dozen ids, name the user (every instance drops all of theirs).
  if (ids.length > 0)
    await tx.execute(
      sql`select pg_notify(${SESSION_CHANNEL}, ${JSON.stringify(ids.length > 100 ? { user_id: userId } : { ids, user_id: userId })})`,
    );
  return ids;
}
