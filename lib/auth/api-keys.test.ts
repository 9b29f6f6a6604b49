import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserByEmail } from "@/db/queries/users";
import { tenants } from "@/db/schema";
import { seed } from "@/db/seed";
import { type TestDatabase, createTestDatabase } from "@/db/testing/test-db";
import { ApiError } from "@/lib/api/problem";
import { type ApiKeyPrincipal, parseApiKey, generateApiKey, requireKeyCreatorHolds } from "./api-keys";

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
  for (const [who, email] of [["admin", "admin@acme.test"], ["viewer", "viewer@acme.test"], ["superAdmin", "super@gatehouse.test"], ["globexAdmin", "admin@globex.test"]] as const) {
    user[who] = (await findUserByEmail(database.db, email))!.id;
  }
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[DATABASE_KEY];
  await database.destroy();
});

const keyOf = (createdBy: string | null): ApiKeyPrincipal => ({ id: "00000000-0000-4000-8000-00000000000k", tenantId: acme, name: "k", scopes: ["read"], createdBy });

async function refusal(p: Promise<void>): Promise<ApiError> {
  const error = await p.then(() => null, (e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe("a key uses a route only while its creator holds the route's permission", () => {
  it("a creator who holds it: allowed; a super-admin's key too", async () => {
    await expect(requireKeyCreatorHolds(keyOf(user.admin), "gatehouse.audit.view")).resolves.toBeUndefined();
    await expect(requireKeyCreatorHolds(keyOf(user.superAdmin), "gatehouse.audit.view")).resolves.toBeUndefined();
  });

  it("a creator who lacks it, is not a member of the key's tenant, or is gone: 403 naming the permission", async () => {
    for (const creator of [user.viewer, user.globexAdmin, null]) {
      const e = await refusal(requireKeyCreatorHolds(keyOf(creator), "gatehouse.audit.view"));
      expect(e.status).toBe(403);
      expect(e.extra).toMatchObject({ missing_permission: "gatehouse.audit.view", key_creator_id: creator });
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
