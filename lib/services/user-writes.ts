import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { findDepartment } from "@/db/queries/organisation";
import {
  approvalRequests,
  invitations,
  memberships,
  roles as rolesTable,
  userOverrides,
  userRoles,
  users,
} from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { hashPassword } from "@/lib/auth/password";
import type { Principal } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import type { CreateUserRequest, OverridesRequest, UpdateMemberRequest } from "@/lib/validation/users";
import type { ServiceContext } from "./context";
import { coveredToMove } from "./organisation";
import { endSessionsOnDisable } from "./sessions";
import {
  codesConferredBy,
  grantorOf,
  permissionWrite,
  requireCovers,
  requireHolds,
  requireInPlan,
  type WriteContext,
} from "./write-transaction";
import { written } from "./written";

const MANAGE = "gatehouse.users.manage";

/** The member's assignments as this transaction sees them; 404 for anyone not a member here. */
async function memberInTx(ctx: WriteContext, userId: string) {
  const user = await ctx.user(userId);
  if (!user.member) throw ApiError.notFound("user");
  return { ...user, member: user.member };
}

/** Assigning a role confers all it grants: the caller must hold it all (DESIGN §3.5). */
export function roleAssignable(ctx: WriteContext, roleId: string) {
  const role = ctx.snapshot.roles.find((r) => r.id === roleId);
  if (!role) throw ApiError.notFound("role");
  requireHolds(ctx, codesConferredBy(ctx.snapshot, roleId), { platformOnly: "allow" });
  return role;
}

/**
 * Whether setting `next` over the override `held` can take something from the user, so it acts
 * against them (DESIGN §3.5, `requireCovers`): a deny, removing an allow, or an allow that now
 * ends sooner. An allow that adds is a grant (`requireHolds`); removing a deny restores.
 */
function reduces(
  held: { effect: string; expiresAt: number | null } | undefined,
  next: { effect: "allow" | "deny" | "inherit"; expires_at?: string | null },
) {
  if (next.effect === "deny") return true;
  if (held?.effect !== "allow") return false;
  if (next.effect === "inherit") return true;
  const ends = next.expires_at ? Date.parse(next.expires_at) : null;
  return ends !== null && (held.expiresAt === null || ends < held.expiresAt);
}

/** How long the invitation made by adding an existing account by email stays open (API.md). */
const INVITATION_DAYS = 7;
export const TAKEN = "That email is already a member of this tenant, or invited to it.";

/**
 * Creates a user and their membership, with optional roles. An email that already has an account
 * (of another tenant) is never pulled in, nor revealed (issue 11, finding 7): the account gets an
 * invitation it accepts signed in (`acceptInvitation`), and the admin gets the answer a new email
 * gets — same status and fields, the name they typed, a fresh id (not the account's) — with the
 * perm_version bumped alike. Adding it again answers 409 like a member, with that same fresh id.
 */
export async function createUser(ctx: ServiceContext, input: CreateUserRequest) {
  const { principal } = ctx;
  await authorize(principal, MANAGE);
  // Hashed whether or not the email has an account: the time an answer takes must not tell.
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const { result, permVersion } = await permissionWrite(ctx, (ctx) => createUserInTx(ctx, input, passwordHash));
  return written(result, permVersion, { created: true });
}

/** `createUser` inside a write the caller runs (an import makes many users in one transaction). */
export async function createUserInTx(ctx: WriteContext, input: CreateUserRequest, passwordHash: string | null) {
  const { principal } = ctx;
  const [existing] = await ctx.tx.select().from(users).where(sql`lower(${users.email}) = ${input.email}`);
  if (existing && (await ctx.user(existing.id)).member) throw ApiError.conflict(TAKEN, { user_id: existing.id });
  const [pending] = existing
    ? await ctx.tx
        .select({ answerId: invitations.answerId })
        .from(invitations)
        .where(
          and(
            eq(invitations.tenantId, ctx.tenantId),
            eq(invitations.userId, existing.id),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, new Date()),
          ),
        )
    : [];
  if (pending) throw ApiError.conflict(TAKEN, { user_id: pending.answerId });
  // No roles named: the tenant's default roles, as for every new member.
  const wanted = input.role_ids.length
    ? input.role_ids
    : (
        await ctx.tx
          .select({ id: rolesTable.id })
          .from(rolesTable)
          .where(and(eq(rolesTable.tenantId, ctx.tenantId), eq(rolesTable.isDefault, true)))
      ).map((r) => r.id);
  const roles = wanted.map((id) => roleAssignable(ctx, id));
  const roleIds = [...new Set(roles.map((r) => r.id))];
  if (existing) {
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
    const [invitation] = await ctx.tx
      .insert(invitations)
      .values({
        tenantId: ctx.tenantId,
        email: input.email,
        userId: existing.id,
        roleIds,
        invitedBy: grantorOf(principal),
        expiresAt,
      })
      .returning();
    ctx.audit.push({
      action: "invitation.created",
      targetType: "invitation",
      targetId: invitation!.id,
      after: { email: input.email, role_ids: roleIds, expires_at: expiresAt.toISOString() },
    });
    return { id: invitation!.answerId, email: input.email, name: input.name, role_ids: roleIds };
  }
  const [user] = await ctx.tx.insert(users).values({ email: input.email, name: input.name, passwordHash }).returning();
  await ctx.tx.insert(memberships).values({ tenantId: ctx.tenantId, userId: user!.id });
  if (roleIds.length)
    await ctx.tx
      .insert(userRoles)
      .values(
        roleIds.map((roleId) => ({ tenantId: ctx.tenantId, userId: user!.id, roleId, assignedBy: principal.userId })),
      );
  ctx.audit.push({
    action: "user.created",
    targetType: "user",
    targetId: user!.id,
    after: { email: user!.email, name: user!.name, role_ids: roleIds },
  });
  return { id: user!.id, email: user!.email, name: user!.name, role_ids: roleIds };
}

export async function assignRole(
  ctx: ServiceContext,
  userId: string,
  input: { role_id: string; expires_at?: string | null },
) {
  await authorize(ctx.principal, MANAGE);
  const { result, permVersion } = await permissionWrite(ctx, (ctx) => assignRoleInTx(ctx, userId, input));
  return written(result.body, permVersion, { created: result.created });
}

/** Gives a member a role inside a write: the grantor must hold all the role confers (§3.5). */
export async function assignRoleInTx(
  ctx: WriteContext,
  userId: string,
  input: { role_id: string; expires_at?: string | null },
) {
  const { principal } = ctx;
  const member = await memberInTx(ctx, userId);
  const role = roleAssignable(ctx, input.role_id);
  const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
  const before = member.roles.find((r) => r.roleId === role.id);
  const body = { user_id: userId, role_id: role.id, role: role.name, expires_at: expiresAt?.toISOString() ?? null };
  // Held already, with the same expiry: nothing to write (a no-op bumps nothing).
  if (before && before.expiresAt === (expiresAt?.getTime() ?? null)) return { body, created: false };
  await ctx.tx
    .insert(userRoles)
    .values({ tenantId: ctx.tenantId, userId, roleId: role.id, assignedBy: principal.userId, expiresAt })
    .onConflictDoUpdate({
      target: [userRoles.userId, userRoles.roleId],
      set: { expiresAt, assignedBy: principal.userId, assignedAt: new Date() },
    });
  ctx.audit.push({
    action: "user.role.assigned",
    targetType: "user",
    targetId: userId,
    before: before ? { role_id: role.id, expires_at: before.expiresAt } : null,
    after: { role_id: role.id, role: role.name, expires_at: expiresAt?.toISOString() ?? null },
  });
  return { body, created: true };
}

export async function removeRole(ctx: ServiceContext, userId: string, roleId: string) {
  await authorize(ctx.principal, MANAGE);
  const { permVersion } = await permissionWrite(ctx, (ctx) => unassignRoleInTx(ctx, userId, roleId));
  return written(null, permVersion);
}

/** Takes a role from a member inside a write: acting against them needs covering them (§3.5). */
export async function unassignRoleInTx(ctx: WriteContext, userId: string, roleId: string) {
  await memberInTx(ctx, userId);
  await requireCovers(ctx, userId);
  const [gone] = await ctx.tx
    .delete(userRoles)
    .where(and(eq(userRoles.tenantId, ctx.tenantId), eq(userRoles.userId, userId), eq(userRoles.roleId, roleId)))
    .returning();
  if (!gone) throw ApiError.notFound("role assignment");
  ctx.audit.push({
    action: "user.role.removed",
    targetType: "user",
    targetId: userId,
    before: { role_id: roleId, role: ctx.snapshot.roles.find((r) => r.id === roleId)?.name },
  });
}

/** Bulk upsert of overrides: allow needs the grantor to hold it (and approval where required); inherit removes. */
export async function setOverrides(ctx: ServiceContext, userId: string, input: OverridesRequest) {
  await authorize(ctx.principal, MANAGE);
  const { result, permVersion } = await permissionWrite(ctx, (ctx) => setOverridesInTx(ctx, userId, input));
  return written({ user_id: userId }, permVersion, { approvals: result.approvals });
}

/** Sets a member's overrides inside a write (allow: held by the grantor; reducing: covering the member). */
export async function setOverridesInTx(ctx: WriteContext, userId: string, input: OverridesRequest) {
  const { principal } = ctx;
  const member = await memberInTx(ctx, userId);
  const byCode = new Map(ctx.snapshot.permissions.map((p) => [p.code, p]));
  const unknown = input.permissions.filter((p) => !byCode.has(p.code)).map((p) => p.code);
  if (unknown.length)
    throw ApiError.unprocessable(`Unknown permission codes: ${unknown.join(", ")}.`, { unknown_codes: unknown });
  requireHolds(
    ctx,
    input.permissions.filter((p) => p.effect === "allow").map((p) => p.code),
  );
  requireInPlan(
    ctx,
    input.permissions
      .filter((p) => p.effect === "allow" && member.overrides.find((o) => o.code === p.code)?.effect !== "allow")
      .map((p) => p.code),
  );
  if (
    input.permissions.some((p) =>
      reduces(
        member.overrides.find((o) => o.code === p.code),
        p,
      ),
    )
  )
    await requireCovers(ctx, userId);
  const approvals: { id: string; code: string }[] = [];
  // The stored rows (the snapshot has no notes): an override set to what it is changes nothing.
  const stored = await ctx.tx
    .select()
    .from(userOverrides)
    .where(and(eq(userOverrides.tenantId, ctx.tenantId), eq(userOverrides.userId, userId)));
  for (const p of input.permissions) {
    const perm = byCode.get(p.code)!;
    const held = member.overrides.find((o) => o.code === p.code);
    const before = held ? { userId, code: held.code, effect: held.effect, expiresAt: held.expiresAt } : null;
    const row = stored.find((o) => o.permissionId === perm.id);
    const expires = p.expires_at ? new Date(p.expires_at).getTime() : null;
    if (
      row &&
      row.effect === p.effect &&
      row.notes === (p.notes ?? null) &&
      (row.expiresAt?.getTime() ?? null) === expires
    )
      continue;
    const where = and(
      eq(userOverrides.tenantId, ctx.tenantId),
      eq(userOverrides.userId, userId),
      eq(userOverrides.permissionId, perm.id),
    );
    if (p.effect === "inherit") {
      if (before) await ctx.tx.delete(userOverrides).where(where);
      if (before)
        ctx.audit.push({
          action: "user.override.removed",
          targetType: "user",
          targetId: userId,
          permissionCode: p.code,
          before,
        });
      continue;
    }
    if (p.effect === "allow" && perm.requiresApproval && before?.effect !== "allow") {
      if (!principal.userId)
        throw ApiError.unprocessable(`${p.code} requires approval: request it as a signed-in user.`);
      const [req] = await ctx.tx
        .insert(approvalRequests)
        .values({
          tenantId: ctx.tenantId,
          kind: "user_override",
          userId,
          permissionId: perm.id,
          payload: { effect: "allow", notes: p.notes ?? null, expires_at: p.expires_at ?? null },
          requestedBy: principal.userId,
        })
        .returning({ id: approvalRequests.id });
      approvals.push({ id: req!.id, code: p.code });
      ctx.audit.push({
        action: "approval.requested",
        targetType: "user",
        targetId: userId,
        permissionCode: p.code,
        after: { approval_id: req!.id, effect: "allow" },
      });
      continue;
    }
    const values = {
      tenantId: ctx.tenantId,
      userId,
      permissionId: perm.id,
      effect: p.effect,
      notes: p.notes ?? null,
      grantedBy: principal.userId,
      grantedAt: new Date(),
      expiresAt: p.expires_at ? new Date(p.expires_at) : null,
    };
    await ctx.tx
      .insert(userOverrides)
      .values(values)
      .onConflictDoUpdate({
        target: [userOverrides.tenantId, userOverrides.userId, userOverrides.permissionId],
        set: {
          effect: values.effect,
          notes: values.notes,
          grantedBy: values.grantedBy,
          grantedAt: values.grantedAt,
          expiresAt: values.expiresAt,
        },
      });
    ctx.audit.push({
      action: "user.override.set",
      targetType: "user",
      targetId: userId,
      permissionCode: p.code,
      before,
      after: { effect: p.effect, notes: p.notes ?? null, expires_at: p.expires_at ?? null },
    });
  }
  return { approvals };
}

export async function removeOverride(ctx: ServiceContext, userId: string, permissionId: string) {
  const { principal } = ctx;
  await authorize(principal, MANAGE);
  const { permVersion } = await permissionWrite(ctx, async (ctx) => {
    const member = await memberInTx(ctx, userId);
    const code = ctx.snapshot.permissions.find((p) => p.id === permissionId)?.code;
    const held = member.overrides.find((o) => o.code === code);
    if (held && reduces(held, { effect: "inherit" })) await requireCovers(ctx, userId);
    const [gone] = await ctx.tx
      .delete(userOverrides)
      .where(
        and(
          eq(userOverrides.tenantId, ctx.tenantId),
          eq(userOverrides.userId, userId),
          eq(userOverrides.permissionId, permissionId),
        ),
      )
      .returning();
    if (!gone) throw ApiError.notFound("override");
    ctx.audit.push({
      action: "user.override.removed",
      targetType: "user",
      targetId: userId,
      permissionCode: ctx.snapshot.permissions.find((p) => p.id === permissionId)?.code,
      before: { effect: gone.effect, notes: gone.notes },
    });
  });
  return written(null, permVersion);
}

/**
 * The member of this tenant the caller may change: not themselves (an admin cannot lock
 * themselves out) and, unless the caller is one, not a platform super-admin.
 */
async function changeableMember(ctx: WriteContext, principal: Principal, userId: string) {
  const member = await memberInTx(ctx, userId);
  if (userId === principal.userId) throw ApiError.unprocessable("You cannot disable or remove your own membership.");
  if (member.member.isSuperAdmin && !principal.isSuperAdmin)
    throw ApiError.forbidden("Only a platform super-admin can change a super-admin's membership.");
  return member;
}

/**
 * PATCH /users/{id}: the membership's status (a disabled member is denied everything here from the
 * next request on, and every session of theirs ends) and the member's department (null: none;
 * it decides department-scoped grants, so the caller must cover them, as for any move).
 */
export async function updateMember(ctx: ServiceContext, userId: string, input: UpdateMemberRequest) {
  const { principal } = ctx;
  await authorize(principal, MANAGE);
  const { result, permVersion } = await permissionWrite(ctx, async (ctx) => {
    const where = and(eq(memberships.tenantId, ctx.tenantId), eq(memberships.userId, userId));
    if (input.status !== undefined) await changeableMember(ctx, principal, userId);
    else await memberInTx(ctx, userId);
    // The membership's own status (the snapshot's `active` also folds in the account's).
    const [row] = await ctx.tx
      .select({ status: memberships.status, departmentId: memberships.departmentId })
      .from(memberships)
      .where(where);
    const now = { status: row!.status, departmentId: row!.departmentId };
    if (input.status !== undefined && input.status !== row!.status) {
      if (input.status === "disabled") await requireCovers(ctx, userId);
      await ctx.tx.update(memberships).set({ status: input.status }).where(where);
      ctx.audit.push({
        action: "user.membership.updated",
        targetType: "user",
        targetId: userId,
        before: { status: row!.status },
        after: { status: input.status },
      });
      if (input.status === "disabled") await endSessionsOnDisable(ctx, userId);
      now.status = input.status;
    }
    if (input.department_id !== undefined && input.department_id !== row!.departmentId) {
      if (input.department_id !== null && !(await findDepartment(ctx.tx, ctx.tenantId, input.department_id)))
        throw ApiError.notFound("department");
      await coveredToMove(ctx, userId);
      await ctx.tx.update(memberships).set({ departmentId: input.department_id }).where(where);
      ctx.audit.push({
        action: "user.department.updated",
        targetType: "user",
        targetId: userId,
        before: { department_id: row!.departmentId },
        after: { department_id: input.department_id },
      });
      now.departmentId = input.department_id;
    }
    return { id: userId, membership_status: now.status, department_id: now.departmentId };
  });
  return written(result, permVersion);
}

/** Removes someone from this tenant: their roles and overrides here go with the membership. */
export async function removeMember(ctx: ServiceContext, userId: string) {
  const { principal } = ctx;
  await authorize(principal, MANAGE);
  const { permVersion } = await permissionWrite(ctx, async (ctx) => {
    const member = await changeableMember(ctx, principal, userId);
    await requireCovers(ctx, userId);
    const roleIds = member.roles.map((r) => r.roleId);
    const overrides = member.overrides.map((o) => ({ code: o.code, effect: o.effect }));
    await ctx.tx.delete(memberships).where(and(eq(memberships.tenantId, ctx.tenantId), eq(memberships.userId, userId)));
    ctx.audit.push({
      action: "user.membership.removed",
      targetType: "user",
      targetId: userId,
      before: { role_ids: roleIds, overrides },
    });
  });
  return written(null, permVersion);
}
