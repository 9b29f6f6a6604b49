import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rowsOf } from "@/db/client";
import { insertSession } from "@/db/queries/sessions";
import {
  memberships,
  permissions,
  roleGrants,
  roles,
  sessions,
  tenants,
  userOverrides,
  userRoles,
  users,
} from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { Principal } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { endUserSessions } from "./sessions";
import { removeMember, removeOverride, removeRole, setOverrides, updateMember } from "./user-writes";

// The write path, not the gate (lib/auth/authorize.ts has tests of its own): every check passes.
vi.mock("@/lib/auth/authorize", () => ({ authorize: async () => undefined }));
vi.mock("@/lib/permissions/server", () => ({ permissionCache: async () => ({ onNotify: () => undefined }) }));

// DESIGN §3.5 "acting against someone stronger" (issue 11, finding 6), on a real database.
let database: TestDatabase;
let tenantId: string;
const id: Record<string, string> = {};
const perm: Record<string, string> = {};
const role: Record<string, string> = {};

const asUser = (name: string): Principal => ({
  kind: "user",
  userId: id[name]!,
  tenantId,
  isSuperAdmin: false,
  label: name,
  viewer: {} as never,
});
const asKeyOf = (name: string): Principal =>
  ({
    kind: "api_key",
    userId: null,
    tenantId,
    isSuperAdmin: false,
    label: "key",
    apiKey: { id: "00000000-0000-4000-8000-000000000001", createdBy: id[name]!, scopes: ["write"] },
  }) as unknown as Principal;
const ctx = (principal: Principal) => ({ db: database.db, principal, meta: { ip: null, userAgent: null } });

async function refusal(write: Promise<unknown>): Promise<ApiError> {
  const error = await write.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

async function membershipStatus(userId: string) {
  const [row] = await database.db
    .select({ status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  return row?.status ?? null;
}

async function deniedAudits() {
  const [row] = rowsOf<{ n: number | string }>(
    await database.db.execute(
      sql`select count(*) as n from audit_entries where tenant_id = ${tenantId} and action = 'access.denied'`,
    ),
  );
  return Number(row!.n);
}

beforeAll(async () => {
  database = await createTestDatabase();
  // Ending sessions tells this instance's live-session cache, which reaches the database through the process singleton.
  (globalThis as Record<symbol, unknown>)[Symbol.for("gatehouse.database")] = Promise.resolve(database);
  const { db } = database;
  const [tenant] = await db.insert(tenants).values({ name: "Cover", slug: "cover" }).returning();
  tenantId = tenant!.id;
  const people = await db
    .insert(users)
    .values(["full", "full2", "lesser", "weak"].map((n) => ({ email: `${n}@cover.test`, name: n })))
    .returning();
  for (const u of people) id[u.name] = u.id;
  await db.insert(memberships).values(people.map((u) => ({ tenantId, userId: u.id })));
  const perms = await db
    .insert(permissions)
    .values(
      ["gatehouse.users.manage", "gatehouse.users.view", "billing.pay", "billing.view"].map((code) => ({
        code,
        name: code,
      })),
    )
    .returning();
  for (const p of perms) perm[p.code] = p.id;
  const made = await db
    .insert(roles)
    .values([
      { tenantId, name: "Full" },
      { tenantId, name: "Users admin" },
      { tenantId, name: "Clerk" },
    ])
    .returning();
  for (const r of made) role[r.name] = r.id;
  const grant = (roleName: string, codes: string[]) =>
    codes.map((c) => ({ tenantId, roleId: role[roleName]!, permissionId: perm[c]! }));
  await db
    .insert(roleGrants)
    .values([
      ...grant("Full", Object.keys(perm)),
      ...grant("Users admin", ["gatehouse.users.manage", "gatehouse.users.view"]),
      ...grant("Clerk", ["gatehouse.users.view"]),
    ]);
  await db.insert(userRoles).values([
    { tenantId, userId: id.full!, roleId: role.Full! },
    { tenantId, userId: id.full2!, roleId: role.Full! },
    { tenantId, userId: id.lesser!, roleId: role["Users admin"]! },
    { tenantId, userId: id.weak!, roleId: role.Clerk! },
  ]);
  // full2 also holds billing.view through an allow override, which a reduction would take away.
  await db
    .insert(userOverrides)
    .values({ tenantId, userId: id.full2!, permissionId: perm["billing.view"]!, effect: "allow" });
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("gatehouse.database")];
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("gatehouse.live-sessions")];
  await database.destroy();
});

describe("a lesser admin cannot act against a stronger one (DESIGN §3.5)", () => {
  it("refuses disabling a full admin, naming codes the target has and the actor lacks, and audits it", async () => {
    const audited = await deniedAudits();
    const e = await refusal(updateMember(ctx(asUser("lesser")), id.full!, { status: "disabled" }));
    expect(e.status).toBe(403);
    expect(e.extra.missing_permissions).toEqual(["billing.pay", "billing.view"]);
    expect(e.extra.missing_count).toBe(2);
    expect(e.detail).toContain("billing.pay");
    expect(await membershipStatus(id.full!)).toBe("active");
    expect(await deniedAudits()).toBe(audited + 1);
  });

  it("refuses removing a full admin from the tenant", async () => {
    const e = await refusal(removeMember(ctx(asUser("lesser")), id.full!));
    expect(e.status).toBe(403);
    expect(await membershipStatus(id.full!)).toBe("active");
  });

  it("refuses a deny override, and removing an allow override, on a full admin", async () => {
    let e = await refusal(
      setOverrides(ctx(asUser("lesser")), id.full!, {
        permissions: [{ code: "gatehouse.users.view", effect: "deny" }],
      }),
    );
    expect(e.status).toBe(403);
    e = await refusal(
      setOverrides(ctx(asUser("lesser")), id.full2!, { permissions: [{ code: "billing.view", effect: "inherit" }] }),
    );
    expect(e.status).toBe(403);
    e = await refusal(removeOverride(ctx(asUser("lesser")), id.full2!, perm["billing.view"]!));
    expect(e.status).toBe(403);
    const overrides = await database.db.select().from(userOverrides).where(eq(userOverrides.tenantId, tenantId));
    expect(overrides.map((o) => [o.userId, o.effect])).toEqual([[id.full2, "allow"]]);
  });

  it("refuses taking from a full admin the role through which they hold more", async () => {
    const e = await refusal(removeRole(ctx(asUser("lesser")), id.full!, role.Full!));
    expect(e.status).toBe(403);
    const held = await database.db.select().from(userRoles).where(eq(userRoles.userId, id.full!));
    expect(held).toHaveLength(1);
  });

  it("refuses ending a full admin's sessions (audited), and ends them for an actor who covers", async () => {
    const live = () =>
      database.db
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, id.full!), isNull(sessions.revokedAt)));
    await insertSession(database.db, {
      userId: id.full!,
      expiresAt: new Date(Date.now() + 3_600_000),
      userAgent: "vitest",
      ip: null,
    });
    const audited = await deniedAudits();
    const e = await refusal(endUserSessions(ctx(asUser("lesser")), id.full!));
    expect(e.status).toBe(403);
    expect(e.extra.missing_permissions).toEqual(["billing.pay", "billing.view"]);
    expect(await live()).toHaveLength(1);
    expect(await deniedAudits()).toBe(audited + 1);
    expect((await endUserSessions(ctx(asUser("full2")), id.full!)).ended).toBe(1);
    expect(await live()).toHaveLength(0);
  });

  it("an API key acts with its creator's set", async () => {
    const e = await refusal(updateMember(ctx(asKeyOf("lesser")), id.full!, { status: "disabled" }));
    expect(e.status).toBe(403);
    expect(e.extra.key_creator_id).toBe(id.lesser);
    expect(await membershipStatus(id.full!)).toBe("active");
  });

  it("the way around: an actor whose set covers the target's may act against them", async () => {
    // lesser covers weak (users.view ⊆ users.manage + users.view).
    await setOverrides(ctx(asUser("lesser")), id.weak!, {
      permissions: [{ code: "gatehouse.users.view", effect: "deny" }],
    });
    await updateMember(ctx(asUser("lesser")), id.weak!, { status: "disabled" });
    expect(await membershipStatus(id.weak!)).toBe("disabled");
    // A full admin covers a lesser one, and another full admin.
    await setOverrides(ctx(asUser("full")), id.lesser!, {
      permissions: [{ code: "gatehouse.users.view", effect: "deny" }],
    });
    await removeOverride(ctx(asUser("full")), id.full2!, perm["billing.view"]!);
    await updateMember(ctx(asUser("full")), id.lesser!, { status: "disabled" });
    expect(await membershipStatus(id.lesser!)).toBe("disabled");
    await removeRole(ctx(asUser("full")), id.full2!, role.Full!);
    await removeMember(ctx(asUser("full")), id.full2!);
    expect(await membershipStatus(id.full2!)).toBeNull();
    // Re-enabling restores; an allow that adds is a grant, checked by requireHolds instead.
    await updateMember(ctx(asUser("full")), id.lesser!, { status: "active" });
    expect(await membershipStatus(id.lesser!)).toBe("active");
  });
});
