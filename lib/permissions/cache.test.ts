import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Tx } from "@/db/client";
import { rowsOf } from "@/db/client";
import { bumpPermVersion } from "@/db/queries/perm-version";
import { loadTenantSnapshot } from "@/db/queries/snapshot";
import { findUserByEmail } from "@/db/queries/users";
import { permissions, roleGrants, roles, tenants, userRoles } from "@/db/schema";
import { seed } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { PermissionCache } from "./cache";
import { compileSnapshot } from "./engine";

const driver = process.env.DATABASE_URL ? "postgres" : "pglite";
let database: TestDatabase;
let other: Database;
let acmeId: string;
let memberId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db);
  other = await database.connectAgain();
  acmeId = (await database.db.select().from(tenants).where(eq(tenants.slug, "acme")))[0]!.id;
  memberId = (await findUserByEmail(database.db, "member@acme.test"))!.id;
});
afterAll(() => database.destroy());

/** Revokes a grant of the member's Field Engineer role through `db`, bumping perm_version. */
async function revoke(db: Database["db"], code: string, rollback = false) {
  const [fe] = await db
    .select()
    .from(roles)
    .where(and(eq(roles.tenantId, acmeId), eq(roles.name, "Field Engineer")));
  const [perm] = await db.select().from(permissions).where(eq(permissions.code, code));
  let version = 0;
  await db
    .transaction(async (tx) => {
      await tx.delete(roleGrants).where(and(eq(roleGrants.roleId, fe!.id), eq(roleGrants.permissionId, perm!.id)));
      version = await bumpPermVersion(tx, acmeId, { policy: true });
      if (rollback) tx.rollback();
    })
    .catch((e: unknown) => {
      if (!rollback) throw e;
    });
  return version;
}

async function until(predicate: () => Promise<boolean>, limitMs: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < limitMs) {
    if (await predicate()) return performance.now() - start;
    await new Promise((r) => setTimeout(r, 10));
  }
  return Number.POSITIVE_INFINITY;
}

describe(`the permission cache on ${driver}`, () => {
  it("decides like a fresh compile of the same state (policy and users loaded apart = whole snapshot)", async () => {
    const cache = new PermissionCache(database);
    const snapshot = (await loadTenantSnapshot(database.db, acmeId))!;
    const fresh = compileSnapshot(snapshot);
    const cached = (await cache.decisions(
      acmeId,
      snapshot.members.map((m) => m.userId),
    ))!;
    expect(cache.stats.userLoads).toBe(1);
    let compared = 0;
    for (const m of snapshot.members) {
      for (const p of snapshot.permissions) {
        // Twice through the cache: the second answer comes from the warm user set.
        expect(cached.decide(m.userId, p.code)).toEqual(fresh.decide(m.userId, p.code));
        expect(cached.decide(m.userId, p.code)).toEqual(fresh.decide(m.userId, p.code));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it("loads a tenant's policy and a user once for concurrent callers (single-flight) and then hits", async () => {
    const cache = new PermissionCache(database);
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.decisions(acmeId, [memberId])));
    expect(new Set(results.map((r) => r!.policy)).size).toBe(1);
    expect(cache.stats.policyLoads).toBe(1);
    expect(cache.stats.userLoads).toBe(1);
    await cache.decisions(acmeId, [memberId]);
    expect(cache.stats.policyHits).toBeGreaterThanOrEqual(1);
    expect(cache.stats.userHits).toBeGreaterThanOrEqual(1);
  });

  it("a change to one user drops that user only; a policy change keeps every user's assignments", async () => {
    const cache = new PermissionCache(other);
    await cache.listen();
    const snapshot = (await loadTenantSnapshot(database.db, acmeId))!;
    const everyone = snapshot.members.map((m) => m.userId);
    await cache.decisions(acmeId, everyone);
    expect(everyone.every((id) => cache.state.holds(acmeId, id))).toBe(true);
    const target = everyone.find((id) => id !== memberId)!;
    const loadsBeforeChange = cache.stats.userLoads;
    // A one-user change (what the user services announce), committed through another connection:
    // that user is dropped and read again at once (refresh-ahead), alone; the others stay.
    await database.db.transaction(async (tx) => {
      await bumpPermVersion(tx, acmeId, { users: [target] });
    });
    expect(
      await until(async () => cache.stats.userRefreshes === 1 && cache.state.holds(acmeId, target), 1000),
    ).toBeLessThan(1000);
    const kept = everyone.filter((id) => cache.state.holds(acmeId, id));
    expect(kept).toHaveLength(everyone.length);
    expect(cache.state.holdsPolicy(acmeId)).toBe(true);
    expect(cache.stats.userInvalidations).toBe(1);
    expect(cache.stats.userLoads).toBe(loadsBeforeChange + 1);
    // A policy change: the policy goes, every user's assignments stay.
    const loadsBefore = cache.stats.userLoads;
    await revoke(database.db, "sites.detail.fields.consumption");
    expect(await until(async () => !cache.state.holdsPolicy(acmeId), 1000)).toBeLessThan(1000);
    expect(everyone.filter((id) => cache.state.holds(acmeId, id))).toEqual(kept);
    const after = (await cache.decisions(acmeId, [memberId]))!;
    expect(after.decide(memberId, "sites.detail.fields.consumption").granted).toBe(false);
    expect(cache.stats.userLoads).toBe(loadsBefore);
  });

  it("sees a revocation committed through another connection within 1 s", async () => {
    const cache = new PermissionCache(other);
    await cache.listen();
    const decide = async (code: string) => (await cache.decisions(acmeId, [memberId]))!.decide(memberId, code);
    expect((await decide("sites.detail.tabs.readings")).granted).toBe(true);
    await revoke(database.db, "sites.detail.tabs.readings");
    const elapsed = await until(async () => !(await decide("sites.detail.tabs.readings")).granted, 1000);
    console.info(`[${driver}] revocation denied by the other connection's cache after ${elapsed.toFixed(1)} ms`);
    expect(elapsed).toBeLessThan(1000);
    expect(cache.stats.policyInvalidations).toBeGreaterThanOrEqual(1);
  });

  it("a rolled-back change notifies nobody", async () => {
    const cache = new PermissionCache(other);
    await cache.listen();
    const before = (await cache.decisions(acmeId, [memberId]))!;
    const notifications = cache.stats.notifications;
    await revoke(database.db, "sites.detail.tabs.jobs", true);
    await new Promise((r) => setTimeout(r, 300));
    expect(cache.stats.notifications).toBe(notifications);
    expect((await cache.decisions(acmeId, [memberId]))!.policy).toBe(before.policy);
    expect(before.decide(memberId, "sites.detail.tabs.jobs").granted).toBe(true);
  });

  it("min_perm_version forces a state at least that fresh, without waiting for NOTIFY", async () => {
    const cache = new PermissionCache(other, { ttlMs: 60_000 });
    // Not listening: only min_perm_version can make this instance read again.
    (cache as unknown as { listened: boolean }).listened = true;
    const old = (await cache.decisions(acmeId, [memberId]))!;
    const version = await revoke(database.db, "sites.detail.fields.notes");
    const fresh = (await cache.decisions(acmeId, [memberId], version))!;
    expect(fresh.permVersion).toBeGreaterThanOrEqual(version);
    expect(fresh.decide(memberId, "sites.detail.fields.notes").granted).toBe(false);
    expect(old.permVersion).toBeLessThan(version);
  });

  it("a min_perm_version the tenant never reached answers the freshest state instead of failing", async () => {
    const cache = new PermissionCache(other, { ttlMs: 60_000 });
    (cache as unknown as { listened: boolean }).listened = true;
    const cached = (await cache.decisions(acmeId, [memberId]))!;
    expect(cached.decide(memberId, "sites.detail.actions.add_note").granted).toBe(true);
    const version = await revoke(database.db, "sites.detail.actions.add_note");
    const freshest = (await cache.decisions(acmeId, [memberId], version + 1_000))!;
    expect(freshest.permVersion).toBe(version);
    expect(freshest.decide(memberId, "sites.detail.actions.add_note").granted).toBe(false);
  });

  it("a TTL with a version check is the safety net when no NOTIFY arrives", async () => {
    const cache = new PermissionCache(other, { ttlMs: 50 });
    // No listen(): only the version check can notice the change (it runs in the background).
    (cache as unknown as { listened: boolean }).listened = true;
    const decide = async () =>
      (await cache.decisions(acmeId, [memberId]))!.decide(memberId, "sites.detail.fields.meter_serial").granted;
    expect(await decide()).toBe(true);
    await revoke(database.db, "sites.detail.fields.meter_serial");
    expect(await until(async () => !(await decide()), 1000)).toBeLessThan(1000);
    expect(cache.stats.tenantResets).toBeGreaterThanOrEqual(1);
  });

  it("the TTL's version check drops the tenant's users too: a role taken from a user without a NOTIFY stops granting", async () => {
    const cache = new PermissionCache(other, { ttlMs: 50 });
    (cache as unknown as { listened: boolean }).listened = true; // no LISTEN: nothing is heard
    const code = "jobs.list.view";
    const decide = async () => (await cache.decisions(acmeId, [memberId]))!.decide(memberId, code).granted;
    expect(await decide()).toBe(true);
    const [held] = await database.db
      .select()
      .from(userRoles)
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .where(and(eq(userRoles.userId, memberId), eq(roles.tenantId, acmeId), eq(roles.name, "Field Engineer")));
    if (!held) throw new Error("the demo member no longer holds Field Engineer");
    const role = held.user_roles;
    const removeRole = (tx: Tx) =>
      tx.delete(userRoles).where(and(eq(userRoles.userId, memberId), eq(userRoles.roleId, role.roleId)));
    try {
      await database.db.transaction(async (tx) => {
        await removeRole(tx);
        await bumpPermVersion(tx, acmeId, { users: [memberId] });
      });
      // The user's entry was read before the change and no NOTIFY says so: only the version check
      // can find it, and dropping the tenant must take that entry with it.
      expect(await until(async () => !(await decide()), 1000)).toBeLessThan(1000);
      expect(cache.stats.tenantResets).toBeGreaterThanOrEqual(1);
    } finally {
      await database.db.transaction(async (tx) => {
        await tx.insert(userRoles).values(role).onConflictDoNothing();
        await bumpPermVersion(tx, acmeId, { users: [memberId] });
      });
    }
  });

  it.runIf(driver === "postgres")("flushes everything after the LISTEN connection is lost", async () => {
    const cache = new PermissionCache(other);
    await cache.listen();
    await cache.decisions(acmeId, [memberId]);
    const flushes = cache.stats.flushes;
    const listeners = rowsOf<{ pid: number }>(
      await database.db.execute(
        sql`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen%' and pid <> pg_backend_pid()`,
      ),
    );
    expect(listeners.length).toBeGreaterThan(0);
    for (const { pid } of listeners) await database.db.execute(sql`select pg_terminate_backend(${pid})`);
    expect(await until(async () => cache.stats.flushes > flushes, 5000)).toBeLessThan(5000);
  });
});
