import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { findUserByEmail } from "@/db/queries/users";
import { apiKeys, tenants } from "@/db/schema";
import { seed } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { ApiError } from "@/lib/errors";
import { type ApiKeyPrincipal, generateApiKey, parseApiKey, verifyApiKey } from "./api-keys";
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

async function refusal(p: Promise<void>): Promise<ApiError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe("a key uses a route only while its creator holds the route's permission", () => {
  it("a creator who holds it: allowed; a super-admin's key too", async () => {
    await expect(authorize(asKey(user.admin), "gatehouse.audit.view")).resolves.toBeUndefined();
    await expect(authorize(asKey(user.superAdmin), "gatehouse.audit.view")).resolves.toBeUndefined();
  });

  it("a creator who lacks it, is not a member of the key's tenant, or is gone: 403 naming the permission", async () => {
    for (const creator of [user.viewer, user.globexAdmin, null]) {
      const e = await refusal(authorize(asKey(creator), "gatehouse.audit.view"));
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
      const e = await refusal(
        checkPermission(ctxOf(creator), { user_id: user.admin, code: "sites.list.view" }).then(() => undefined),
      );
      expect(e.extra).toMatchObject({ missing_permission: "gatehouse.users.view", key_creator_id: creator });
      const bulk = await refusal(
        checkPermissions(ctxOf(creator), { user_id: user.admin, codes: ["sites.list.view"], check_all: false }).then(
          () => undefined,
        ),
      );
      expect(bulk.status).toBe(403);
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

describe("last_used_at is batched in memory, never written per request", () => {
  // Captured before the clock is faked: real waits, so a write in flight would have landed.
  const realSetTimeout = globalThis.setTimeout;
  const settle = () => new Promise<void>((resolve) => realSetTimeout(resolve, 150));
  afterEach(() => {
    vi.useRealTimers();
  });

  async function newKey(revoked = false) {
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
      })
      .returning();
    return { key, id: row!.id };
  }
  const lastUsed = async (id: string) =>
    (await database.db.select().from(apiKeys).where(eq(apiKeys.id, id)))[0]!.lastUsedAt;

  it("writes each used key's latest use once, 30 s after the first use, then starts a new window", async () => {
    const [a, b, revoked] = [await newKey(), await newKey(), await newKey(true)];
    const t0 = new Date("2030-01-01T00:00:00.000Z");
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: t0 });
    const at = (ms: number) => new Date(t0.getTime() + ms);

    for (let i = 0; i < 5; i++) expect((await verifyApiKey(database.db, a.key))?.id).toBe(a.id);
    expect(await verifyApiKey(database.db, revoked.key)).toBeNull();
    await settle();
    expect(await lastUsed(a.id)).toBeNull();

    await vi.advanceTimersByTimeAsync(10_000);
    expect((await verifyApiKey(database.db, b.key))?.id).toBe(b.id);
    expect((await verifyApiKey(database.db, a.key))?.id).toBe(a.id);
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
    expect((await verifyApiKey(database.db, a.key))?.id).toBe(a.id);
    await vi.advanceTimersByTimeAsync(29_000);
    await settle();
    expect(await lastUsed(a.id)).toEqual(at(10_000));
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(async () => expect(await lastUsed(a.id)).toEqual(used), { timeout: 5_000 });
    expect(await lastUsed(b.id)).toEqual(at(10_000));
  });
});
