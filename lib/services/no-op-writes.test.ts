import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { rowsOf } from "@/db/client";
import { memberships, permissions, roleGrants, roles, tenants, userOverrides, userRoles, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { Principal } from "@/lib/auth/principal";
import { addRolePermissions, patchMatrix, replaceRolePermissions, updateRole } from "./role-writes";
import { assignRole, setOverrides, updateMember } from "./user-writes";
import type { Written } from "./written";

// The write path, not the gate (lib/auth/authorize.ts has tests of its own): every check passes.
vi.mock("@/lib/auth/authorize", () => ({ authorize: async () => undefined }));
// The process cache would open the app's own database: only whether it is told matters here.
const onNotify = vi.fn();
vi.mock("@/lib/permissions/server", () => ({ permissionCache: async () => ({ onNotify }) }));

let database: TestDatabase;
let tenantId: string;
let roleId: string;
let memberId: string;
let principal: Principal;
const ctx = () => ({ db: database.db, principal, meta: { ip: null, userAgent: null } });

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const [tenant] = await db.insert(tenants).values({ name: "Noop", slug: "noop" }).returning();
  tenantId = tenant!.id;
  const [admin, member] = await db
    .insert(users)
    .values([
      { email: "root@noop.test", name: "Root", isSuperAdmin: true },
      { email: "ann@noop.test", name: "Ann" },
    ])
    .returning();
  memberId = member!.id;
  await db.insert(memberships).values([
    { tenantId, userId: admin!.id },
    { tenantId, userId: memberId },
  ]);
  const perms = await db
    .insert(permissions)
    .values([
      { code: "noop.view", name: "View" },
      { code: "noop.edit", name: "Edit" },
    ])
    .returning();
  const [role] = await db.insert(roles).values({ tenantId, name: "Clerk", description: "Desk" }).returning();
  roleId = role!.id;
  await db.insert(roleGrants).values({ tenantId, roleId, permissionId: perms[0]!.id });
  await db.insert(userRoles).values({ tenantId, userId: memberId, roleId });
  await db
    .insert(userOverrides)
    .values({ tenantId, userId: memberId, permissionId: perms[1]!.id, effect: "deny", notes: "no" });
  principal = {
    kind: "user",
    userId: admin!.id,
    tenantId,
    isSuperAdmin: true,
    label: "root@noop.test",
    viewer: {} as never,
  };
});
afterAll(() => database.destroy());
beforeEach(() => onNotify.mockClear());

/** What a no-op must leave as it was: the role's version, the tenant's perm_version, the audit tail. */
async function state() {
  const [role] = await database.db.select({ v: roles.version }).from(roles).where(eq(roles.id, roleId));
  const [tenant] = await database.db.select({ v: tenants.permVersion }).from(tenants).where(eq(tenants.id, tenantId));
  const [tail] = rowsOf<{ n: number | string }>(
    await database.db.execute(sql`select count(*) as n from audit_entries where tenant_id = ${tenantId}`),
  );
  return { roleVersion: role!.v, permVersion: tenant!.v, auditEntries: Number(tail!.n) };
}

describe("a write that changes nothing writes nothing and bumps nothing", () => {
  it.each([
    [
      "adding a code the role already has",
      (v: number) => addRolePermissions(ctx(), roleId, { version: v, codes: ["noop.view"] }),
    ],
    [
      "putting the same grants",
      (v: number) =>
        replaceRolePermissions(ctx(), roleId, {
          version: v,
          permissions: [{ code: "noop.view", scope: "organization" }],
        }),
    ],
    [
      "a matrix patch granting what is granted",
      (v: number) =>
        patchMatrix(ctx(), { changes: [{ role_id: roleId, version: v, grant: ["noop.view"], revoke: [] }] }),
    ],
    [
      "a role edit to the same values",
      (v: number) => updateRole(ctx(), roleId, { version: v, name: "Clerk", description: "Desk" }),
    ],
    [
      "assigning a role the user has, with the same expiry",
      () => assignRole(ctx(), memberId, { role_id: roleId, expires_at: null }),
    ],
    [
      "setting an override to what it is",
      () => setOverrides(ctx(), memberId, { permissions: [{ code: "noop.edit", effect: "deny", notes: "no" }] }),
    ],
    ["setting a membership to its status", () => updateMember(ctx(), memberId, { status: "active" })],
  ])("%s", async (_what, write: (version: number) => Promise<Written>) => {
    const before = await state();
    const answer = await write(before.roleVersion);
    expect(await state()).toEqual(before);
    expect(answer.permVersion).toBe(before.permVersion);
    expect(answer.created).toBe(false);
    expect((answer.body as { version?: number }).version ?? before.roleVersion).toBe(before.roleVersion);
    expect(onNotify).not.toHaveBeenCalled();
  });

  it("a write that changes something still bumps both and is audited", async () => {
    const before = await state();
    const answer = await addRolePermissions(ctx(), roleId, { version: before.roleVersion, codes: ["noop.edit"] });
    expect(await state()).toEqual({
      roleVersion: before.roleVersion + 1,
      permVersion: before.permVersion + 1,
      auditEntries: before.auditEntries + 1,
    });
    expect(answer.permVersion).toBe(before.permVersion + 1);
    expect(onNotify).toHaveBeenCalledTimes(1);
  });
});
