import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { findLiveSession, insertSession, revokeSessions } from "@/db/queries/sessions";
import { auditEntries, memberships, sessions, tenants, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { LiveSessions } from "@/lib/auth/live-sessions";
import type { Principal } from "@/lib/auth/principal";
import { endMyOtherSessions, endMySession, endUserSessions, listMySessions } from "./sessions";
import { updateMember } from "./user-writes";

// The gate has tests of its own (lib/auth/authorize.ts); here every check passes.
vi.mock("@/lib/auth/authorize", () => ({ authorize: async () => undefined }));
// The permission cache would open the app's own database: only whether it is told matters here.
vi.mock("@/lib/permissions/server", () => ({ permissionCache: async () => ({ onNotify: () => undefined }) }));

const driver = process.env.DATABASE_URL ? "postgres" : "pglite";
const DATABASE_KEY = Symbol.for("gatehouse.database");
const LIVE_KEY = Symbol.for("gatehouse.live-sessions");
let database: TestDatabase;
/** A second instance of the app: its own connections (on PostgreSQL) and its own cache. */
let second: Database;
const t = {} as Record<"acme" | "globex", string>;
const u = {} as Record<"admin" | "ann" | "bob" | "globexOnly", string>;

const principalOf = (userId: string, tenantId: string, sessionId?: string): Principal => ({
  kind: "user",
  userId,
  tenantId,
  isSuperAdmin: false,
  label: userId,
  viewer: { sessionId } as never,
});
const ctxOf = (principal: Principal) => ({ db: database.db, principal, meta: { ip: null, userAgent: null } });
const start = (userId: string, hours = 1) =>
  insertSession(database.db, {
    userId,
    expiresAt: new Date(Date.now() + hours * 3_600_000),
    userAgent: "vitest",
    ip: "203.0.113.9",
  });
/** Waits until `cache` has heard `n` NOTIFYs (they arrive after commit, asynchronously). */
async function heard(cache: LiveSessions, n: number) {
  for (let i = 0; i < 200 && cache.stats.notifications < n; i++) await new Promise((r) => setTimeout(r, 10));
  expect(cache.stats.notifications).toBeGreaterThanOrEqual(n);
}

beforeAll(async () => {
  database = await createTestDatabase();
  second = await database.connectAgain();
  (globalThis as Record<symbol, unknown>)[DATABASE_KEY] = Promise.resolve(database);
  const { db } = database;
  const made = await db
    .insert(tenants)
    .values([
      { name: "Acme", slug: "acme-s" },
      { name: "Globex", slug: "globex-s" },
    ])
    .returning();
  t.acme = made[0]!.id;
  t.globex = made[1]!.id;
  const people = await db
    .insert(users)
    .values([
      { email: "admin@s.test", name: "Admin" },
      { email: "ann@s.test", name: "Ann" },
      { email: "bob@s.test", name: "Bob" },
      { email: "gina@s.test", name: "Gina" },
    ])
    .returning();
  [u.admin, u.ann, u.bob, u.globexOnly] = people.map((p) => p.id) as [string, string, string, string];
  await db.insert(memberships).values([
    { tenantId: t.acme, userId: u.admin },
    { tenantId: t.acme, userId: u.ann },
    { tenantId: t.globex, userId: u.ann },
    { tenantId: t.acme, userId: u.bob },
    { tenantId: t.globex, userId: u.globexOnly },
  ]);
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[DATABASE_KEY];
  delete (globalThis as Record<symbol, unknown>)[LIVE_KEY];
  await database.destroy();
});

describe(`live sessions across instances (${driver})`, () => {
  it("a session ended on one instance is refused on the other at its next request, long before the TTL", async () => {
    const hour = 3_600_000;
    const here = new LiveSessions(database, { ttlMs: hour });
    const there = new LiveSessions(second, { ttlMs: hour });
    const s = await start(u.bob);
    expect(await here.isLive(s.id, u.bob)).toBe(true);
    expect(await there.isLive(s.id, u.bob)).toBe(true);
    expect(await there.isLive(s.id, u.bob)).toBe(true);
    expect(there.stats.hits).toBe(1); // the second ask is answered from the cache, no query
    await database.db.transaction((tx) => revokeSessions(tx, u.bob, { only: [s.id] }));
    await heard(there, 1);
    await heard(here, 1);
    expect(await there.isLive(s.id, u.bob)).toBe(false);
    expect(await here.isLive(s.id, u.bob)).toBe(false);
  });

  it("a rolled-back revocation notifies nobody and ends nothing", async () => {
    const cache = new LiveSessions(second, { ttlMs: 3_600_000 });
    const s = await start(u.bob);
    expect(await cache.isLive(s.id, u.bob)).toBe(true);
    await expect(
      database.db.transaction(async (tx) => {
        await revokeSessions(tx, u.bob, { only: [s.id] });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await findLiveSession(database.db, s.id, u.bob)).not.toBeNull();
    expect(await cache.isLive(s.id, u.bob)).toBe(true);
  });

  it("without its NOTIFY, a revocation still takes effect once the TTL has passed; a lost LISTEN flushes", async () => {
    let now = Date.now();
    const cache = new LiveSessions(database, { ttlMs: 30_000, now: () => now });
    const s = await start(u.bob);
    expect(await cache.isLive(s.id, u.bob)).toBe(true);
    // Revoked behind the cache's back: no NOTIFY.
    await database.db.update(sessions).set({ revokedAt: sql`now()` }).where(eq(sessions.id, s.id));
    expect(await cache.isLive(s.id, u.bob)).toBe(true);
    now += 30_001;
    expect(await cache.isLive(s.id, u.bob)).toBe(false);

    const s2 = await start(u.bob);
    expect(await cache.isLive(s2.id, u.bob)).toBe(true);
    await database.db.update(sessions).set({ revokedAt: sql`now()` }).where(eq(sessions.id, s2.id));
    cache.flush(); // what a re-established LISTEN does
    expect(await cache.isLive(s2.id, u.bob)).toBe(false);
  });

  it("an expired session, another user's id and an unknown id are not live", async () => {
    const cache = new LiveSessions(database);
    const expired = await start(u.bob, -1);
    expect(await cache.isLive(expired.id, u.bob)).toBe(false);
    const anns = await start(u.ann);
    expect(await cache.isLive(anns.id, u.bob)).toBe(false);
    expect(await cache.isLive(crypto.randomUUID(), u.bob)).toBe(false);
  });

  it("records a visit at most every few minutes, not on every request", async () => {
    let now = Date.now();
    const cache = new LiveSessions(database, { touchEveryMs: 60_000, now: () => now });
    const s = await start(u.bob);
    await database.db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '10 minutes'` })
      .where(eq(sessions.id, s.id));
    const seen = async () =>
      (await database.db.select().from(sessions).where(eq(sessions.id, s.id)))[0]!.lastSeenAt.getTime();
    const before = await seen();
    await cache.isLive(s.id, u.bob);
    for (let i = 0; i < 50 && (await seen()) === before; i++) await new Promise((r) => setTimeout(r, 10));
    const touched = await seen();
    expect(touched).toBeGreaterThan(before);
    now += 1_000;
    await cache.isLive(s.id, u.bob);
    await new Promise((r) => setTimeout(r, 50));
    expect(await seen()).toBe(touched);
  });
});

describe(`the session services (${driver})`, () => {
  it("lists my live sessions with the current one marked; ends one; another's id is unknown (404)", async () => {
    const current = await start(u.ann);
    const other = await start(u.ann);
    const bobs = await start(u.bob);
    const ctx = ctxOf(principalOf(u.ann, t.acme, current.id));
    const listed = (await listMySessions(ctx)).sessions;
    expect(listed.find((s) => s.id === current.id)?.current).toBe(true);
    expect(listed.find((s) => s.id === other.id)?.current).toBe(false);
    expect(listed.some((s) => s.id === bobs.id)).toBe(false);
    await expect(endMySession(ctx, bobs.id)).rejects.toMatchObject({ status: 404 });
    await expect(endMySession(ctx, crypto.randomUUID())).rejects.toMatchObject({ status: 404 });
    expect(await findLiveSession(database.db, bobs.id, u.bob)).not.toBeNull();
    await endMySession(ctx, other.id);
    expect(await findLiveSession(database.db, other.id, u.ann)).toBeNull();
    await expect(endMySession(ctx, other.id)).rejects.toMatchObject({ status: 404 }); // already ended
  });

  it("sign out everywhere else keeps this session only", async () => {
    const current = await start(u.ann);
    await start(u.ann);
    await start(u.ann);
    const result = await endMyOtherSessions(ctxOf(principalOf(u.ann, t.acme, current.id)));
    expect(result.ended).toBeGreaterThanOrEqual(2);
    expect((await listMySessions(ctxOf(principalOf(u.ann, t.acme, current.id)))).sessions.map((s) => s.id)).toEqual([
      current.id,
    ]);
  });

  it("an admin ends every session of a member, audited; a user of another tenant is 404", async () => {
    const a = await start(u.bob);
    const b = await start(u.bob);
    const admin = ctxOf(principalOf(u.admin, t.acme));
    const result = await endUserSessions(admin, u.bob);
    expect(result.user_id).toBe(u.bob);
    expect(result.ended).toBeGreaterThanOrEqual(2);
    expect(await findLiveSession(database.db, a.id, u.bob)).toBeNull();
    expect(await findLiveSession(database.db, b.id, u.bob)).toBeNull();
    const [entry] = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, t.acme), eq(auditEntries.action, "user.sessions.ended")));
    expect(entry).toMatchObject({ targetId: u.bob, actorId: u.admin });
    // Nothing live: nothing written.
    expect((await endUserSessions(admin, u.bob)).ended).toBe(0);

    const gina = await start(u.globexOnly);
    await expect(endUserSessions(admin, u.globexOnly)).rejects.toMatchObject({ status: 404 });
    await expect(endUserSessions(admin, crypto.randomUUID())).rejects.toMatchObject({ status: 404 });
    expect(await findLiveSession(database.db, gina.id, u.globexOnly)).not.toBeNull();
  });

  it("disabling a member ends every session of theirs (API.md), audited; their other tenants stay theirs", async () => {
    const admin = ctxOf(principalOf(u.admin, t.acme));
    // Ann is a member of Globex too: her sessions end, her Globex membership stays active.
    const anns = await start(u.ann);
    await updateMember(admin, u.ann, { status: "disabled" });
    expect(await findLiveSession(database.db, anns.id, u.ann)).toBeNull();
    expect(
      await database.db
        .select()
        .from(memberships)
        .where(
          and(eq(memberships.userId, u.ann), eq(memberships.tenantId, t.globex), eq(memberships.status, "active")),
        ),
    ).toHaveLength(1);
    // Bob has Acme only: the same.
    const bobs = await start(u.bob);
    await updateMember(admin, u.bob, { status: "disabled" });
    expect(await findLiveSession(database.db, bobs.id, u.bob)).toBeNull();
    const ended = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, "user.sessions.ended"), eq(auditEntries.targetId, u.bob)));
    expect(ended.some((e) => (e.after as { reason?: string }).reason === "membership_disabled")).toBe(true);
  });
});
