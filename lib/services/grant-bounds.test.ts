import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rowsOf } from "@/db/client";
import {
  approvalRequests,
  memberships,
  permissionDependencies,
  permissions,
  roleGrants,
  roleParents,
  roles,
  templatePermissions,
  templates,
  tenants,
  userRoles,
  users,
} from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { Principal } from "@/lib/auth/principal";
import { approveRequest, listApprovals } from "./approvals";
import { getMatrix } from "./matrix";
import { copyRole, patchMatrix, replaceRolePermissions, updateRole } from "./role-writes";
import { applyTemplate } from "./template-apply";
import { refusal } from "./testing/refusal";
import { setOverrides } from "./user-writes";

// The write path, not the gate (lib/auth/authorize.ts has tests of its own): every check passes.
vi.mock("@/lib/auth/authorize", () => ({ authorize: async () => undefined }));
// getMatrix asks the decision state for plan gates: none here (no plan), so no state is needed.
vi.mock("@/lib/permissions/server", () => ({
  permissionCache: async () => ({ onNotify: () => undefined }),
  tenantDecisions: () => null,
}));

/**
 * Issue 11, finding 1: "grant only what you hold" compares scope and conditions as well as codes
 * (docs/design.md §3.5), on every grant path. Grantor Gil holds, through his role Desk:
 * sales.orders.edit at personal scope, sales.customers.delete under {amount: {$lte: 100}}, and
 * sales.invoices unconditionally at organization scope.
 */
let database: TestDatabase;
let tenantId: string;
let gil: Principal;
let gilId: string;
let deskId: string;
let clerkId: string;
let wideId: string;
let memberId: string;
const ctx = () => ({ db: database.db, principal: gil, meta: { ip: null, userAgent: null } });
const LIMIT = { amount: { $lte: 100 } };

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const [tenant] = await db.insert(tenants).values({ name: "Bounds", slug: "bounds" }).returning();
  tenantId = tenant!.id;
  const [g, m] = await db
    .insert(users)
    .values([
      { email: "gil@bounds.test", name: "Gil" },
      { email: "mo@bounds.test", name: "Mo" },
    ])
    .returning();
  gilId = g!.id;
  memberId = m!.id;
  await db.insert(memberships).values([
    { tenantId, userId: gilId },
    { tenantId, userId: memberId },
  ]);
  const perms = await db
    .insert(permissions)
    .values(
      [
        "gatehouse.roles.manage",
        "sales.orders.edit",
        "sales.customers.delete",
        "sales.invoices.view",
        "sales.invoices.edit",
      ].map((code) => ({ code, name: code })),
    )
    .returning();
  const id = (code: string) => perms.find((p) => p.code === code)!.id;
  const made = await db
    .insert(roles)
    .values([
      { tenantId, name: "Desk" },
      { tenantId, name: "Clerk" },
      { tenantId, name: "Wide" },
    ])
    .returning();
  [deskId, clerkId, wideId] = made.map((r) => r.id) as [string, string, string];
  await db.insert(roleGrants).values([
    { tenantId, roleId: deskId, permissionId: id("gatehouse.roles.manage") },
    { tenantId, roleId: deskId, permissionId: id("sales.orders.edit"), scope: "personal" },
    { tenantId, roleId: deskId, permissionId: id("sales.customers.delete"), conditions: LIMIT },
    { tenantId, roleId: deskId, permissionId: id("sales.invoices.view") },
    { tenantId, roleId: deskId, permissionId: id("sales.invoices.edit") },
    // A role Gil does not hold, granting what he holds narrowly, widely.
    { tenantId, roleId: wideId, permissionId: id("sales.orders.edit"), scope: "global" },
  ]);
  await db.insert(userRoles).values({ tenantId, userId: gilId, roleId: deskId });
  gil = { kind: "user", userId: gilId, tenantId, isSuperAdmin: false, label: "gil", viewer: {} as never };
});
afterAll(() => database.destroy());

async function versionOf(roleId: string) {
  const [r] = await database.db.select({ v: roles.version }).from(roles).where(eq(roles.id, roleId));
  return r!.v;
}

async function grantsOf(roleId: string) {
  return rowsOf<{ code: string; scope: string; conditions: unknown }>(
    await database.db.execute(
      sql`select p.code, g.scope, g.conditions from role_grants g join permissions p on p.id = g.permission_id
          where g.role_id = ${roleId} order by p.code`,
    ),
  );
}

async function lastDenied() {
  const [row] = rowsOf<{ action: string; after: Record<string, unknown> }>(
    await database.db.execute(
      sql`select action, after from audit_entries where tenant_id = ${tenantId} order by seq desc limit 1`,
    ),
  );
  return row!;
}

describe("grant only what you hold, at no wider scope and with no fewer conditions (issue 11, finding 1)", () => {
  it("refuses re-granting a personal-scope grant at global to one's own role, naming the code, audited", async () => {
    const before = await grantsOf(deskId);
    const e = await refusal(
      replaceRolePermissions(ctx(), deskId, {
        version: await versionOf(deskId),
        permissions: [
          ...before.map((g) => ({
            code: g.code,
            scope: g.scope as "organization",
            conditions: g.conditions as Record<string, unknown> | null,
          })),
        ].map((g) => (g.code === "sales.orders.edit" ? { ...g, scope: "global" as const } : g)),
      }),
    );
    expect(e.status).toBe(403);
    expect(e.detail).toMatch(/wider scope.*sales\.orders\.edit/);
    expect(e.extra).toMatchObject({
      missing_permissions: ["sales.orders.edit"],
      wider_than_held: ["sales.orders.edit"],
    });
    expect(await grantsOf(deskId)).toEqual(before);
    expect(await lastDenied()).toMatchObject({
      action: "access.denied",
      after: { missing_permissions: ["sales.orders.edit"] },
    });
  });

  it("refuses dropping the conditions of a conditioned grant", async () => {
    const e = await refusal(
      replaceRolePermissions(ctx(), clerkId, {
        version: await versionOf(clerkId),
        permissions: [{ code: "sales.customers.delete", scope: "organization", conditions: null }],
      }),
    );
    expect(e.status).toBe(403);
    expect(e.extra.missing_permissions).toEqual(["sales.customers.delete"]);
    // Loosening a condition is dropping it too: a different value under the same key is refused.
    const loose = await refusal(
      replaceRolePermissions(ctx(), clerkId, {
        version: await versionOf(clerkId),
        permissions: [
          { code: "sales.customers.delete", scope: "organization", conditions: { amount: { $lte: 1000 } } },
        ],
      }),
    );
    expect(loose.status).toBe(403);
    expect(await grantsOf(clerkId)).toEqual([]);
  });

  it("still grants at the same or a narrower scope, with the same or more conditions", async () => {
    await replaceRolePermissions(ctx(), clerkId, {
      version: await versionOf(clerkId),
      permissions: [
        { code: "sales.orders.edit", scope: "personal" },
        { code: "sales.customers.delete", scope: "team", conditions: { ...LIMIT, region: "eu" } },
        // Held unconditionally org-wide: may be granted narrowed and conditioned.
        { code: "sales.invoices.edit", scope: "department", conditions: { amount: { $lt: 5 } } },
      ],
    });
    expect(await grantsOf(clerkId)).toEqual([
      { code: "sales.customers.delete", scope: "team", conditions: { ...LIMIT, region: "eu" } },
      { code: "sales.invoices.edit", scope: "department", conditions: { amount: { $lt: 5 } } },
      { code: "sales.orders.edit", scope: "personal", conditions: null },
    ]);
    await replaceRolePermissions(ctx(), clerkId, { version: await versionOf(clerkId), permissions: [] });
  });

  it("refuses the matrix, a copy, a template and an allow override that would widen the grant", async () => {
    const matrix = await refusal(
      patchMatrix(ctx(), {
        changes: [{ role_id: clerkId, version: await versionOf(clerkId), grant: ["sales.orders.edit"], revoke: [] }],
      }),
    );
    expect(matrix.extra).toMatchObject({ wider_than_held: ["sales.orders.edit"] });
    const copy = await refusal(copyRole(ctx(), clerkId, { version: await versionOf(clerkId), from_role_id: wideId }));
    expect(copy.extra).toMatchObject({ wider_than_held: ["sales.orders.edit"] });
    const [template] = await database.db.insert(templates).values({ tenantId, name: "Orders" }).returning();
    const [edit] = await database.db.select().from(permissions).where(eq(permissions.code, "sales.customers.delete"));
    await database.db
      .insert(templatePermissions)
      .values({ templateId: template!.id, permissionId: edit!.id, effect: "allow" });
    const applied = await refusal(
      applyTemplate(ctx(), template!.id, { role_id: clerkId, version: await versionOf(clerkId) }),
    );
    expect(applied.extra).toMatchObject({ wider_than_held: ["sales.customers.delete"] });
    const override = await refusal(
      setOverrides(ctx(), memberId, { permissions: [{ code: "sales.orders.edit", effect: "allow" }] }),
    );
    expect(override.extra).toMatchObject({ wider_than_held: ["sales.orders.edit"] });
    expect(await grantsOf(clerkId)).toEqual([]);
  });

  it("refuses a parent whose grants are wider than the grantor's", async () => {
    const e = await refusal(updateRole(ctx(), clerkId, { version: await versionOf(clerkId), parent_ids: [wideId] }));
    expect(e.status).toBe(403);
    expect(e.extra).toMatchObject({ wider_than_held: ["sales.orders.edit"] });
    const parents = await database.db
      .select()
      .from(roleParents)
      .where(and(eq(roleParents.roleId, clerkId), eq(roleParents.tenantId, tenantId)));
    expect(parents).toEqual([]);
  });
});

/**
 * Issue 11, finding 10: platform-only codes, and approvals that hold back what a grant pulls in
 * and the parents that confer a permission needing approval, with the requester's reason.
 * Root and Ops are platform super-admins (exempt from holdings, not from these rules).
 */
describe("governance of grants (issue 11, finding 10)", () => {
  let root: Principal;
  let ops: Principal;
  let targetId: string;
  let payoutsId: string;
  const as = (principal: Principal) => ({ db: database.db, principal, meta: { ip: null, userAgent: null } });

  beforeAll(async () => {
    const { db } = database;
    const made = await db
      .insert(users)
      .values([
        { email: "root@bounds.test", name: "Root", isSuperAdmin: true },
        { email: "ops@bounds.test", name: "Ops", isSuperAdmin: true },
      ])
      .returning();
    const principal = (u: (typeof made)[number]): Principal => ({
      kind: "user",
      userId: u.id,
      tenantId,
      isSuperAdmin: true,
      label: u.email,
      viewer: {} as never,
    });
    [root, ops] = [principal(made[0]!), principal(made[1]!)];
    const perms = await db
      .insert(permissions)
      .values([
        { code: "gatehouse.tenants.view", name: "Tenants" },
        { code: "gatehouse.plans.manage", name: "Plans" },
        { code: "finance.payouts.view", name: "See payouts" },
        { code: "finance.payouts.approve", name: "Approve payouts", requiresApproval: true, riskLevel: "high" },
      ])
      .returning();
    const id = (code: string) => perms.find((p) => p.code === code)!.id;
    await db
      .insert(permissionDependencies)
      .values({ permissionId: id("finance.payouts.approve"), dependsOnId: id("finance.payouts.view") });
    const [target, payouts] = await db
      .insert(roles)
      .values([
        { tenantId, name: "Target" },
        { tenantId, name: "Payouts" },
      ])
      .returning();
    [targetId, payoutsId] = [target!.id, payouts!.id];
    await db.insert(roleGrants).values({ tenantId, roleId: payoutsId, permissionId: id("finance.payouts.approve") });
  });

  it("refuses platform-only codes on every grant path, to everybody (422 naming them), and the matrix does not offer them", async () => {
    for (const principal of [root, gil]) {
      const put = await refusal(
        replaceRolePermissions(as(principal), targetId, {
          version: await versionOf(targetId),
          permissions: [{ code: "gatehouse.tenants.view", scope: "organization" }],
        }),
      );
      expect(put.status).toBe(422);
      expect(put.extra.platform_only).toEqual(["gatehouse.tenants.view"]);
    }
    const matrix = await refusal(
      patchMatrix(as(root), {
        changes: [
          { role_id: targetId, version: await versionOf(targetId), grant: ["gatehouse.plans.manage"], revoke: [] },
        ],
      }),
    );
    expect(matrix.extra.platform_only).toEqual(["gatehouse.plans.manage"]);
    const override = await refusal(
      setOverrides(as(root), memberId, { permissions: [{ code: "gatehouse.tenants.view", effect: "allow" }] }),
    );
    expect(override.status).toBe(422);
    expect(await grantsOf(targetId)).toEqual([]);
    const offered = (await getMatrix(as(root), {})).permissions.map((p) => p.code);
    expect(offered).toContain("gatehouse.roles.manage");
    expect(offered.filter((c) => c.startsWith("gatehouse.tenants") || c.startsWith("gatehouse.plans"))).toEqual([]);
  });

  it("the dependencies a grant needing approval pulls in wait in its request, with the reason, and arrive on approval", async () => {
    const answer = await replaceRolePermissions(as(root), targetId, {
      version: await versionOf(targetId),
      reason: "quarter close",
      permissions: [
        { code: "finance.payouts.approve", scope: "organization" },
        { code: "finance.payouts.view", scope: "organization" },
        { code: "sales.invoices.view", scope: "organization" },
      ],
    });
    expect(answer.approvals.map((a) => a.code)).toEqual(["finance.payouts.approve"]);
    // Only what needs no approval and was not pulled in by what does takes effect now.
    expect((await grantsOf(targetId)).map((g) => g.code)).toEqual(["sales.invoices.view"]);
    const [pending] = (await listApprovals(as(ops), { status: "pending" } as never)).data.filter(
      (a) => a.role?.id === targetId,
    );
    expect(pending!.payload).toMatchObject({
      reason: "quarter close",
      dependencies: [{ code: "finance.payouts.view", scope: "organization", conditions: null }],
    });
    await approveRequest(as(ops), pending!.id, undefined);
    expect((await grantsOf(targetId)).map((g) => g.code)).toEqual([
      "finance.payouts.approve",
      "finance.payouts.view",
      "sales.invoices.view",
    ]);
    await replaceRolePermissions(as(root), targetId, { version: await versionOf(targetId), permissions: [] });
  });

  it("adding a parent that confers a permission needing approval waits for approval; other parents do not", async () => {
    const answer = await updateRole(as(root), targetId, {
      version: await versionOf(targetId),
      parent_ids: [payoutsId, clerkId],
      reason: "payout cover",
    });
    expect(answer.approvals.map((a) => a.code)).toEqual(["finance.payouts.approve"]);
    const parentsOf = async () =>
      (await database.db.select().from(roleParents).where(eq(roleParents.roleId, targetId))).map((r) => r.parentId);
    expect(await parentsOf()).toEqual([clerkId]);
    const [req] = await database.db
      .select()
      .from(approvalRequests)
      .where(and(eq(approvalRequests.roleId, targetId), eq(approvalRequests.status, "pending")));
    expect(req!.payload).toMatchObject({ parent_id: payoutsId, reason: "payout cover" });
    await approveRequest(as(ops), req!.id, "ok");
    expect((await parentsOf()).sort()).toEqual([clerkId, payoutsId].sort());
  });
});
