import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { API_KEY_CHANNEL, touchApiKeys } from "@/db/queries/api-keys";
import { findUserByEmail } from "@/db/queries/users";
import { apiKeys, tenants } from "@/db/schema";
import { seed } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { ApiError } from "@/lib/errors";
import { type ApiKeyPrincipal, ApiKeyVerifier, generateApiKey, parseApiKey } from "./api-keys";
import { authorize } from "./authorize";
import type { Principal } from "./principal";

// The gate's page guard reaches Auth.js, which needs Next's runtime; a key has no session anyway.
vi.mock("@/lib/auth", () => ({ auth: async () => null }));

const DATABASE_KEY = Symbol.for("gatehouse.database");
let database: TestDatabase;
let acme: string;
const user = {} as Record<"admin" | "viewer" | "superAdmin" | "globexAdmin", string>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db);
  // The permission cache reaches the process's database through db/index.ts.
  (globalThis as Record<symbol, unknown>)[DATABASE_KEY] = Promise.resolve(database);
  acme = (await database.db.select().from(tenants).where(eq(tenants.slug, "acme")))[0]!.id;
  for (const [who, email] of [
    ["admin", "admin@acme.test"],
    ["viewer", "viewer@acme.test"],
    ["superAdmin", "super@gatehouse.test"],
    ["globexAdmin", "admin@globex.test"],
  ] as const) {
    user[who] = (await findUserByEmail(database.db, email))!.id;
  }
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[DATABASE_KEY];
  await database.destroy();
});

const keyOf = (createdBy: string | null): ApiKeyPrincipal => ({
  id: "00000000-0000-4000-8000-00000000000k",
  tenantId: acme,
  name: "k",
  scopes: ["read"],
  createdBy,
});
const asKey = (createdBy: string | null): Principal => ({
  kind: "api_key",
  userId: null,
  tenantId: acme,
  isSuperAdmin: false,
  label: "API key k",
  apiKey: keyOf(createdBy),
});

/** The gate and the check services answer synchronously from memory when they can: run them as a promise either way. */
const settled = (run: () => unknown): Promise<unknown> => Promise.resolve().then(run);

async function refusal(run: () => unknown): Promise<ApiError> {
  const error = await settled(run).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe("a key uses a route only while its creator holds the route's permission", () => {
  it("a creator who holds it: allowed; a super-admin's key too", async () => {
    await expect(settled(() => authorize(asKey(user.admin), "gatehouse.audit.view"))).resolves.toBeUndefined();
    await expect(settled(() => authorize(asKey(user.superAdmin), "gatehouse.audit.view"))).resolves.toBeUndefined();
  });

  it("a creator who lacks it, is not a member of the key's tenant, or is gone: 403 naming the permission", async () => {
    for (const creator of [user.viewer, user.globexAdmin, null]) {
      const e = await refusal(() => authorize(asKey(creator), "gatehouse.audit.view"));
      expect(e.status).toBe(403);
      expect(e.extra).toMatchObject({ missing_permission: "gatehouse.audit.view", key_creator_id: creator });
    }
  });
});

describe("inside the services too: a check key answers only while its creator may read others' permissions", () => {
  const ctxOf = (creator: string | null) => ({
    db: database.db,
    principal: asKey(creator),
    meta: { ip: null, userAgent: null },
  });

  it("its creator an admin: decided", async () => {
    const { checkPermission } = await import("@/lib/services/check");
    const answer = await checkPermission(ctxOf(user.admin), { user_id: user.viewer, code: "sites.list.view" });
    expect(answer.granted).toBe(true);
  });

  it("its creator without users.view, outside the tenant, or deleted: 403 (was answered before the gate checked keys in services)", async () => {
    const { checkPermission, checkPermissions } = await import("@/lib/services/check");
    for (const creator of [user.viewer, user.globexAdmin, null]) {
      const e = await refusal(() => checkPermission(ctxOf(creator), { user_id: user.admin, code: "sites.list.view" }));
      expect(e.extra).toMatchObject({ missing_permission: "gatehouse.users.view", key_creator_id: creator });
      const bulk = await refusal(() =>
        checkPermissions(ctxOf(creator), { user_id: user.admin, codes: ["sites.list.view"], check_all: false }),
      );
      expect(bulk.status).toBe(403);
    }
  });
});

async function newKey(revoked = false, expiresAt: Date | null = null) {
  const { key, prefix, secretHash } = generateApiKey();
  const [row] = await database.db
    .insert(apiKeys)
    .values({
      tenantId: acme,
      name: `usage ${prefix}`,
      prefix,
      secretHash,
      scopes: ["check"],
      createdBy: user.admin,
      revokedAt: revoked ? new Date() : null,
      expiresAt,
    })
    .returning();
  return { key, id: row!.id, prefix };
}

describe("a key with an expiry (API.md: an expired key → 401)", () => {
  it("works until its instant, then is refused like a revoked key, even while cached", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2026-06-01T00:00:00Z"));
      const verifier = new ApiKeyVerifier(database);
      const soon = await newKey(false, new Date("2026-06-01T00:01:00Z"));
      const never = await newKey();
      const past = await newKey(false, new Date("2026-05-31T23:59:00Z"));
      expect((await verifier.verify(soon.key))?.id).toBe(soon.id);
      expect((await verifier.verify(never.key))?.id).toBe(never.id);
      expect(await verifier.verify(past.key)).toBeNull();
      vi.setSystemTime(new Date("2026-06-01T00:01:00Z"));
      // Held in memory (a hit, no read): expiry is checked at each use, with no announcement.
      expect(await verifier.verify(soon.key)).toBeNull();
      expect((await verifier.verify(never.key))?.id).toBe(never.id);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("key format", () => {
  it("generates keys that parse back to their prefix", () => {
    const { key, prefix } = generateApiKey();
    expect(parseApiKey(key)?.prefix).toBe(prefix);
    expect(parseApiKey(`${key}x`)).toBeNull();
  });
});

// Captured before any clock is faked: real waits, so a write or a NOTIFY in flight would have landed.
const realSetTimeout = globalThis.setTimeout;
const settle = () => new Promise<void>((resolve) => realSetTimeout(resolve, 150));

describe("last_used_at is batched in memory, never written per request", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const lastUsed = async (id: string) =>
    (await database.db.select().from(apiKeys).where(eq(apiKeys.id, id)))[0]!.lastUsedAt;

  it("writes each used key's latest use once, 30 s after the first use, then starts a new window", async () => {
    const [a, b, revoked] = [await newKey(), await newKey(), await newKey(true)];
    const verifier = new ApiKeyVerifier(database);
    const t0 = new Date("2030-01-01T00:00:00.000Z");
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: t0 });
    const at = (ms: number) => new Date(t0.getTime() + ms);

    for (let i = 0; i < 5; i++) expect((await verifier.verify(a.key))?.id).toBe(a.id);
    expect(await verifier.verify(revoked.key)).toBeNull();
    await settle();
    expect(await lastUsed(a.id)).toBeNull();

    await vi.advanceTimersByTimeAsync(10_000);
    expect((await verifier.verify(b.key))?.id).toBe(b.id);
    expect((await verifier.verify(a.key))?.id).toBe(a.id);
    await vi.advanceTimersByTimeAsync(19_999); // t0 + 29.999 s: nothing written yet
    await settle();
    expect([await lastUsed(a.id), await lastUsed(b.id)]).toEqual([null, null]);

    await vi.advanceTimersByTimeAsync(1); // t0 + 30 s: one flush, each key's latest use
    await vi.waitFor(async () => expect(await lastUsed(a.id)).toEqual(at(10_000)), { timeout: 5_000 });
    expect(await lastUsed(b.id)).toEqual(at(10_000));
    expect(await lastUsed(revoked.id)).toBeNull();

    // A use after the flush is written by the next flush, 30 s after it, not at once.
    await vi.advanceTimersByTimeAsync(5_000);
    const used = new Date();
    expect((await verifier.verify(a.key))?.id).toBe(a.id);
    await vi.advanceTimersByTimeAsync(29_000);
    await settle();
    expect(await lastUsed(a.id)).toEqual(at(10_000));
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(async () => expect(await lastUsed(a.id)).toEqual(used), { timeout: 5_000 });
    expect(await lastUsed(b.id)).toEqual(at(10_000));
  });
});

describe("keys are cached per instance and dropped on every instance by the change's NOTIFY", () => {
  const revoke = (id: string, db: Database["db"] = database.db) =>
    db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, id));
  // Another instance: its own connections on PostgreSQL (the NOTIFY crosses them); on PGlite the same process.
  let otherDb: Database;
  beforeAll(async () => {
    otherDb = await database.connectAgain();
  });

  it("a cached key is answered without reading the database, and the secret is still checked", async () => {
    const verifier = new ApiKeyVerifier(database);
    await verifier.listen();
    const a = await newKey();
    await settle(); // the key's own INSERT is announced too
    expect((await verifier.verify(a.key))?.id).toBe(a.id);
    expect((await verifier.verify(a.key))?.id).toBe(a.id);
    expect(verifier.stats).toMatchObject({ hits: 1, misses: 1 });
    const wrong = `${a.prefix}_${"A".repeat(43)}`;
    expect(await verifier.verify(wrong)).toBeNull();
    expect(verifier.stats).toMatchObject({ hits: 2, misses: 1 });
  });

  it("a revocation committed through another instance drops the key at its commit; a rolled-back one changes nothing", async () => {
    const verifier = new ApiKeyVerifier(database);
    await verifier.listen();
    const a = await newKey();
    expect((await verifier.verify(a.key))?.id).toBe(a.id);
    await settle(); // the key's own INSERT was announced too
    const before = verifier.stats.invalidations;

    // Rolled back: nothing is announced, the key keeps working (from the cache).
    await otherDb.db
      .transaction(async (tx) => {
        await revoke(a.id, tx as never);
        throw new Error("roll back");
      })
      .catch(() => undefined);
    await settle();
    expect((await verifier.verify(a.key))?.id).toBe(a.id);
    expect(verifier.stats.invalidations).toBe(before);

    // Inside the transaction the key still works everywhere; once it commits, it is refused.
    await otherDb.db.transaction(async (tx) => {
      await revoke(a.id, tx as never);
      await settle();
      expect((await verifier.verify(a.key))?.id).toBe(a.id);
    });
    await vi.waitFor(() => expect(verifier.stats.invalidations).toBe(before + 1), { timeout: 2_000, interval: 5 });
    expect(await verifier.verify(a.key)).toBeNull();
  });

  it("the revoker can wait for the announcement: woken by its NOTIFY, by a flush, or by the timeout", async () => {
    const verifier = new ApiKeyVerifier(database);
    await verifier.listen();
    const a = await newKey();
    await settle();
    expect((await verifier.verify(a.key))?.id).toBe(a.id);
    const heard = verifier.announced(a.prefix, 60_000);
    let woken = false;
    void heard.done.then(() => (woken = true));
    await settle();
    expect(woken).toBe(false);
    await revoke(a.id, otherDb.db);
    await heard.done;
    expect(await verifier.verify(a.key)).toBeNull();

    const flushed = verifier.announced("gh_nothing", 60_000);
    verifier.flush();
    await flushed.done;
    const started = Date.now();
    await verifier.announced("gh_nothing", 50).done;
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
    // Not listening: nothing to wait for.
    await new ApiKeyVerifier(database).announced(a.prefix, 60_000).done;
  });

  it("the batched last_used_at write announces nothing; deleting a key does", async () => {
    const verifier = new ApiKeyVerifier(database);
    await verifier.listen();
    const a = await newKey();
    expect((await verifier.verify(a.key))?.id).toBe(a.id);
    await settle();
    const before = verifier.stats.invalidations;
    await touchApiKeys(otherDb.db, new Map([[a.id, new Date()]]));
    await settle();
    expect(verifier.stats.invalidations).toBe(before);
    await otherDb.db.delete(apiKeys).where(eq(apiKeys.id, a.id));
    await vi.waitFor(() => expect(verifier.stats.invalidations).toBe(before + 1), { timeout: 2_000, interval: 5 });
    expect(await verifier.verify(a.key)).toBeNull();
  });

  it("a read under way when a change is announced is not kept (fill fence)", async () => {
    const verifier = new ApiKeyVerifier(database);
    await verifier.listen();
    const a = await newKey();
    await settle();
    const reading = verifier.verify(a.key);
    verifier.drop(a.prefix);
    expect((await reading)?.id).toBe(a.id);
    expect((await verifier.verify(a.key))?.id).toBe(a.id);
    expect(verifier.stats).toMatchObject({ hits: 0, misses: 2 });
  });

  it("an unknown prefix is remembered briefly and boundedly; a key created for it is found at once", async () => {
    const verifier = new ApiKeyVerifier(database, { maxUnknown: 10 });
    await verifier.listen();
    for (let i = 0; i < 50; i++) expect(await verifier.verify(generateApiKey().key)).toBeNull();
    expect(verifier.size()).toEqual({ keys: 0, unknown: 10 });

    const { key, prefix, secretHash } = generateApiKey();
    expect(await verifier.verify(key)).toBeNull();
    expect(await verifier.verify(key)).toBeNull();
    expect(verifier.stats.hits).toBe(1);
    await otherDb.db
      .insert(apiKeys)
      .values({ tenantId: acme, name: "late", prefix, secretHash, scopes: ["check"], createdBy: user.admin });
    await vi.waitFor(async () => expect(await verifier.verify(key)).not.toBeNull(), { timeout: 2_000, interval: 5 });
  });

  it("keeps at most maxKeys keys", async () => {
    const verifier = new ApiKeyVerifier(database, { maxKeys: 3 });
    await verifier.listen();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await newKey());
    await settle();
    for (const k of made) expect((await verifier.verify(k.key))?.id).toBe(k.id);
    expect(verifier.size().keys).toBe(3);
  });

  it.runIf(process.env.DATABASE_URL)("a lost LISTEN connection flushes the cache", async () => {
    const listener = await database.connectAgain();
    const verifier = new ApiKeyVerifier(listener);
    await verifier.listen();
    const a = await newKey();
    expect((await verifier.verify(a.key))?.id).toBe(a.id);
    await database.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and query = ${`listen "${API_KEY_CHANNEL}"`} and pid <> pg_backend_pid()`,
    );
    await vi.waitFor(() => expect(verifier.stats.flushes).toBeGreaterThanOrEqual(1), { timeout: 10_000 });
    expect(verifier.size().keys).toBe(0);
  });
});
