import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { memberships, permissions, roleGrants, roles, tenants, userRoles, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { Principal } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { acceptInvitation, listMyInvitations } from "./invitations";
import { createUser } from "./user-writes";

vi.mock("@/lib/auth/authorize", () => ({ authorize: async () => undefined }));
vi.mock("@/lib/permissions/server", () => ({ permissionCache: async () => ({ onNotify: () => undefined }) }));

// The invited account joins only when it accepts, signed in (issue 11, finding 7).
let database: TestDatabase;
let acme: string;
let initech: string;
const id: Record<string, string> = {};
const role: Record<string, string> = {};

const as = (name: string, tenantId: string, isSuperAdmin = false): Principal => ({
  kind: "user",
  userId: id[name]!,
  tenantId,
  isSuperAdmin,
  label: name,
  viewer: {} as never,
});
const ctx = (principal: Principal) => ({ db: database.db, principal, meta: { ip: null, userAgent: null } });

async function refusal(write: Promise<unknown>): Promise<ApiError> {
  const error = await write.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

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
  initech = i!.id;
  const people = await db
    .insert(users)
    .values([
      { email: "admin@acme.test", name: "admin", isSuperAdmin: true },
      { email: "lead@acme.test", name: "lead" },
      { email: "bill@initech.test", name: "bill" },
      { email: "milton@initech.test", name: "milton" },
    ])
    .returning();
  for (const u of people) id[u.name] = u.id;
  await db.insert(memberships).values([
    { tenantId: acme, userId: id.admin! },
    { tenantId: acme, userId: id.lead! },
    { tenantId: initech, userId: id.bill! },
    { tenantId: initech, userId: id.milton! },
  ]);
  const perms = await db
    .insert(permissions)
    .values([
      { code: "gatehouse.users.manage", name: "Manage users" },
      { code: "billing.pay", name: "Pay" },
    ])
    .returning();
  const made = await db
    .insert(roles)
    .values([
      { tenantId: acme, name: "Clerk" },
      { tenantId: acme, name: "Payer" },
    ])
    .returning();
  for (const r of made) role[r.name] = r.id;
  await db.insert(roleGrants).values([
    { tenantId: acme, roleId: role.Clerk!, permissionId: perms[0]!.id },
    { tenantId: acme, roleId: role.Payer!, permissionId: perms[1]!.id },
  ]);
  // lead may confer Clerk (holds users.manage) but not Payer.
  await db.insert(userRoles).values({ tenantId: acme, userId: id.lead!, roleId: role.Clerk! });
});
afterAll(() => database.destroy());

const isMember = async (tenantId: string, userId: string) =>
  (
    await database.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
  ).length === 1;

describe("accepting an invitation addressed to your account", () => {
  it("the invited account sees it, accepts it signed in, and joins with its roles; once only", async () => {
    await createUser(ctx(as("admin", acme, true)), {
      email: "bill@initech.test",
      name: "Bill",
      role_ids: [role.Clerk!],
    });
    const mine = await listMyInvitations(ctx(as("bill", initech)));
    expect(mine.data).toHaveLength(1);
    expect(mine.data[0]!.tenant).toEqual({ id: acme, name: "Acme", slug: "acme" });
    // Nobody else can see or accept it.
    expect((await listMyInvitations(ctx(as("milton", initech)))).data).toEqual([]);
    expect((await refusal(acceptInvitation(ctx(as("milton", initech)), mine.data[0]!.id))).status).toBe(404);
    expect(await isMember(acme, id.bill!)).toBe(false);

    const accepted = await acceptInvitation(ctx(as("bill", initech)), mine.data[0]!.id);
    expect(accepted.body).toEqual({ tenant_id: acme, role_ids: [role.Clerk] });
    expect(await isMember(acme, id.bill!)).toBe(true);
    const held = await database.db.select().from(userRoles).where(eq(userRoles.userId, id.bill!));
    expect(held.map((r) => r.roleId)).toEqual([role.Clerk]);
    expect((await refusal(acceptInvitation(ctx(as("bill", initech)), mine.data[0]!.id))).status).toBe(410);
    expect((await listMyInvitations(ctx(as("bill", initech)))).data).toEqual([]);
  });

  it("confers only the roles its inviter can still confer when it is accepted", async () => {
    await createUser(ctx(as("admin", acme, true)), {
      email: "milton@initech.test",
      name: "Milton",
      role_ids: [role.Clerk!, role.Payer!],
    });
    const [invitation] = (await listMyInvitations(ctx(as("milton", initech)))).data;
    // Handed over to an inviter who holds Clerk's codes but not Payer's.
    const { invitations } = await import("@/db/schema");
    await database.db.update(invitations).set({ invitedBy: id.lead! }).where(eq(invitations.id, invitation!.id));
    const accepted = await acceptInvitation(ctx(as("milton", initech)), invitation!.id);
    expect(accepted.body.role_ids).toEqual([role.Clerk]);
  });
});
