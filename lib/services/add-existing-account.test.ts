import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { memberships, permissions, roleGrants, roles, tenants, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { Principal } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { createUser } from "./user-writes";

vi.mock("@/lib/auth/authorize", () => ({ authorize: async () => undefined }));
vi.mock("@/lib/permissions/server", () => ({ permissionCache: async () => ({ onNotify: () => undefined }) }));

// Issue 11, finding 7: adding by email an account of another tenant neither pulls it in nor
// reveals that it exists; on a real database.
let database: TestDatabase;
let acme: string;
let initechAdmin: string;
let clerkRole: string;
let principal: Principal;
const ctx = () => ({ db: database.db, principal, meta: { ip: null, userAgent: null } });

async function isMember(tenantId: string, userId: string) {
  const rows = await database.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  return rows.length === 1;
}

async function refusal(write: Promise<unknown>): Promise<ApiError> {
  const error = await write.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

/** An answer with its values replaced by their kind: what an admin could compare. */
const shape = (w: {
  body: object | null;
  permVersion: number | null;
  created: boolean;
  approvals: readonly unknown[];
}) => ({
  keys: Object.keys(w.body ?? {}).sort(),
  created: w.created,
  approvals: w.approvals.length,
  bumped: typeof w.permVersion,
});

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const [a, i] = await db
    .insert(tenants)
    .values([
      { name: "Acme", slug: "acme" },
      { name: "Initech", slug: "initech" },
    ])
    .returning();
  acme = a!.id;
  const [admin, bill] = await db
    .insert(users)
    .values([
      { email: "admin@acme.test", name: "Acme Admin" },
      { email: "admin@initech.test", name: "Bill Lumbergh" },
    ])
    .returning();
  initechAdmin = bill!.id;
  await db.insert(memberships).values([
    { tenantId: acme, userId: admin!.id },
    { tenantId: i!.id, userId: bill!.id },
  ]);
  const [view] = await db.insert(permissions).values({ code: "gatehouse.users.view", name: "View users" }).returning();
  const [clerk] = await db.insert(roles).values({ tenantId: acme, name: "Clerk" }).returning();
  clerkRole = clerk!.id;
  await db.insert(roleGrants).values({ tenantId: acme, roleId: clerkRole, permissionId: view!.id });
  principal = {
    kind: "user",
    userId: admin!.id,
    tenantId: acme,
    isSuperAdmin: true,
    label: "admin",
    viewer: {} as never,
  };
});
afterAll(() => database.destroy());

describe("adding an existing account of another tenant by email (issue 11, finding 7)", () => {
  it("a new email still creates the account and its membership", async () => {
    const answer = await createUser(ctx(), { email: "new@acme.test", name: "New Person", role_ids: [clerkRole] });
    expect(answer.body).toEqual({
      id: expect.any(String),
      email: "new@acme.test",
      name: "New Person",
      role_ids: [clerkRole],
    });
    expect(await isMember(acme, answer.body.id)).toBe(true);
  });

  it("answers exactly as for a new email, and neither pulls the account in nor names it", async () => {
    const fresh = await createUser(ctx(), { email: "other@acme.test", name: "Other", role_ids: [clerkRole] });
    const existing = await createUser(ctx(), {
      email: "admin@initech.test",
      name: "Typed Name",
      role_ids: [clerkRole],
    });
    expect(shape(existing)).toEqual(shape(fresh));
    expect(existing.permVersion).toBe(fresh.permVersion! + 1);
    // The name the admin typed, the email as sent, and an id that is not the account's.
    expect(existing.body).toEqual({
      id: expect.any(String),
      email: "admin@initech.test",
      name: "Typed Name",
      role_ids: [clerkRole],
    });
    expect(existing.body.id).not.toBe(initechAdmin);
    expect(JSON.stringify(existing.body)).not.toContain("Bill");
    expect(await isMember(acme, initechAdmin)).toBe(false);
    const [bill] = await database.db.select().from(users).where(eq(users.id, initechAdmin));
    expect(bill!.name).toBe("Bill Lumbergh");
  });

  it("adding the same email again answers 409 alike: with the id first answered", async () => {
    const first = await refusal(createUser(ctx(), { email: "other@acme.test", name: "Other", role_ids: [] }));
    const again = await refusal(createUser(ctx(), { email: "admin@initech.test", name: "Typed Name", role_ids: [] }));
    expect([first.status, again.status]).toEqual([409, 409]);
    expect(again.detail).toBe(first.detail);
    expect(Object.keys(again.extra)).toEqual(Object.keys(first.extra));
    expect(again.extra.user_id).not.toBe(initechAdmin);
  });

  it("an account already a member of this tenant stays a 409 conflict naming the member", async () => {
    const e = await refusal(createUser(ctx(), { email: "admin@acme.test", name: "Again", role_ids: [] }));
    expect(e.status).toBe(409);
    expect(e.extra.user_id).toBe(principal.userId);
  });
});
