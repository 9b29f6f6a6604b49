import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { approvalRequests, roleParents, roles, userRoles } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { ApiError } from "@/lib/errors";
import { isSelfOrAncestor } from "@/lib/permissions/codes";
import type {
  CreateRoleRequest,
  copyRoleRequest,
  GrantInput,
  matrixPatchRequest,
  UpdateRoleRequest,
} from "@/lib/validation/roles";
import type { ServiceContext } from "./context";
import { applyGrants, bumpRoleVersion, bumpRoleVersionIfChanged, type GrantChange, lockRole } from "./role-grants";
import { codesConferredBy, permissionWrite, requireHolds, type WriteContext } from "./write-transaction";
import { written } from "./written";

const MANAGE = "gatehouse.roles.manage";

/** Parents must be roles of the tenant, must not make a cycle, and must confer only what the caller holds. */
async function checkParents(ctx: WriteContext, roleId: string | null, parentIds: string[]) {
  const roleById = new Map(ctx.snapshot.roles.map((r) => [r.id, r]));
  const unknown = parentIds.filter((id) => !roleById.has(id));
  if (unknown.length)
    throw ApiError.unprocessable(`Unknown parent roles: ${unknown.join(", ")}.`, { unknown_role_ids: unknown });
  if (roleId) {
    for (const parentId of parentIds) {
      // A cycle: the role is the parent itself or one of the parent's ancestors.
      const stack = [parentId];
      const seen = new Set<string>();
      while (stack.length) {
        const id = stack.pop()!;
        if (id === roleId)
          throw ApiError.unprocessable(
            `Inheriting from ${roleById.get(parentId)!.name} would make a cycle: it already inherits from this role.`,
            { cycle_with: parentId },
          );
        if (seen.has(id)) continue;
        seen.add(id);
        stack.push(...(roleById.get(id)?.parentIds ?? []));
      }
    }
  }
  // A parent confers its grants with their scopes and conditions. The Admin role's "everything"
  // is a rule, not grants: inheriting it confers no platform-only grant of its own.
  requireHolds(
    ctx,
    parentIds.flatMap((id) => codesConferredBy(ctx.snapshot, id)),
    { platformOnly: parentIds.some((id) => roleById.get(id)?.grantsAll) ? "allow" : "refuse" },
  );
}

/**
 * New parents that would confer a `requires_approval` permission the role does not confer yet:
 * each waits in an approval request (a role_grant request naming `parent_id`, for the first such
 * permission) instead of being added (DESIGN §3.5). Answers the parents that wait and the requests.
 */
async function parentApprovals(ctx: WriteContext, roleId: string, parentIds: string[], reason?: string) {
  const needing = ctx.snapshot.permissions.filter(
    (p) =>
      p.requiresApproval &&
      (p.tenantId === null || p.tenantId === ctx.tenantId) &&
      !ctx.compiled.deniedToEveryone(p.code),
  );
  const confers = (grants: { code: string }[], code: string) => grants.some((g) => isSelfOrAncestor(g.code, code));
  const own = codesConferredBy(ctx.snapshot, roleId);
  const waiting: string[] = [];
  const approvals: { id: string; code: string }[] = [];
  for (const parentId of parentIds) {
    const conferred = codesConferredBy(ctx.snapshot, parentId);
    const perm = needing.find((p) => confers(conferred, p.code) && !confers(own, p.code));
    if (!perm) continue;
    if (!ctx.principal.userId)
      throw ApiError.unprocessable(
        `This parent confers ${perm.code}, which requires approval: request it as a signed-in user.`,
        {
          requires_approval: [perm.code],
        },
      );
    const [req] = await ctx.tx
      .insert(approvalRequests)
      .values({
        tenantId: ctx.tenantId,
        kind: "role_grant",
        roleId,
        permissionId: perm.id,
        payload: { parent_id: parentId, ...(reason ? { reason } : {}) },
        requestedBy: ctx.principal.userId,
      })
      .returning({ id: approvalRequests.id });
    waiting.push(parentId);
    approvals.push({ id: req!.id, code: perm.code });
    ctx.audit.push({
      action: "approval.requested",
      targetType: "role",
      targetId: roleId,
      permissionCode: perm.code,
      after: { approval_id: req!.id, parent_id: parentId },
    });
  }
  return { waiting, approvals };
}

/** Adds a parent whose request was approved: checked again as the approver (cycle, holdings). */
export async function addApprovedParent(ctx: WriteContext, roleId: string, parentId: string) {
  const role = await lockRole(ctx, roleId, null);
  const current = ctx.snapshot.roles.find((r) => r.id === roleId)?.parentIds ?? [];
  if (current.includes(parentId)) return { role, version: role.version };
  await checkParents(ctx, roleId, [parentId]);
  await ctx.tx.insert(roleParents).values({ tenantId: ctx.tenantId, roleId, parentId });
  const version = await bumpRoleVersion(ctx, roleId);
  ctx.audit.push({
    action: "role.updated",
    targetType: "role",
    targetId: roleId,
    before: { parent_ids: current },
    after: { parent_ids: [...current, parentId], version },
  });
  return { role, version };
}

async function setParents(ctx: WriteContext, roleId: string, parentIds: string[]) {
  await ctx.tx.delete(roleParents).where(eq(roleParents.roleId, roleId));
  if (parentIds.length)
    await ctx.tx
      .insert(roleParents)
      .values(parentIds.map((parentId) => ({ tenantId: ctx.tenantId, roleId, parentId })));
}

async function nameTaken(ctx: WriteContext, name: string, exceptId: string | null) {
  const [row] = await ctx.tx
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.tenantId, ctx.tenantId), sql`lower(${roles.name}) = ${name.toLowerCase()}`));
  if (row && row.id !== exceptId)
    throw ApiError.conflict(`A role named "${name}" already exists.`, { role_id: row.id });
}

const roleBody = (r: typeof roles.$inferSelect, parentIds: string[]) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  is_system: r.isSystem,
  is_default: r.isDefault,
  version: r.version,
  parent_ids: parentIds,
});

/** Creates a role inside a write (a new role's parents and grants checked like any). */
export async function insertRole(ctx: WriteContext, input: CreateRoleRequest) {
  await nameTaken(ctx, input.name, null);
  await checkParents(ctx, null, input.parent_ids);
  const [role] = await ctx.tx
    .insert(roles)
    .values({
      tenantId: ctx.tenantId,
      name: input.name,
      description: input.description ?? null,
      isDefault: input.is_default,
    })
    .returning();
  const waits = await parentApprovals(ctx, role!.id, input.parent_ids, input.reason);
  const parentIds = input.parent_ids.filter((p) => !waits.waiting.includes(p));
  await setParents(ctx, role!.id, parentIds);
  ctx.audit.push({
    action: "role.created",
    targetType: "role",
    targetId: role!.id,
    after: {
      name: role!.name,
      description: role!.description,
      is_default: role!.isDefault,
      parent_ids: parentIds,
    },
  });
  const change = await applyGrants(ctx, role!, input.permissions, [], false, input.reason);
  return { role: role!, parentIds, approvals: [...waits.approvals, ...change.approvals] };
}

export async function createRole(ctx: ServiceContext, input: CreateRoleRequest) {
  const { principal } = ctx;
  await authorize(principal, MANAGE);
  const { result, permVersion } = await permissionWrite(ctx, (ctx) => insertRole(ctx, input));
  return written(roleBody(result.role, result.parentIds), permVersion, {
    created: true,
    approvals: result.approvals,
  });
}

/** Changes a role's fields and parents inside a write; `version: null` skips the staleness check (the caller holds the lock). */
export async function changeRole(
  ctx: WriteContext,
  id: string,
  input: Omit<UpdateRoleRequest, "version"> & { version: number | null },
) {
  const before = await lockRole(ctx, id, input.version);
  if (input.name !== undefined) await nameTaken(ctx, input.name, id);
  const oldParents = ctx.snapshot.roles.find((r) => r.id === id)?.parentIds ?? [];
  if (input.parent_ids)
    await checkParents(
      ctx,
      id,
      input.parent_ids.filter((p) => !oldParents.includes(p)),
    );
  if (input.parent_ids?.includes(id)) throw ApiError.unprocessable("A role cannot inherit from itself.");
  // New parents that confer a permission needing approval wait for it; the others are set now.
  const waits = input.parent_ids
    ? await parentApprovals(
        ctx,
        id,
        input.parent_ids.filter((p) => !oldParents.includes(p)),
        input.reason,
      )
    : { waiting: [], approvals: [] };
  const parentIds = input.parent_ids?.filter((p) => !waits.waiting.includes(p));
  // Every field as it was: nothing to write, audit or bump (the version stays).
  const parents = new Set(parentIds ?? oldParents);
  const unchanged =
    (input.name ?? before.name) === before.name &&
    (input.description === undefined || input.description === before.description) &&
    (input.is_default ?? before.isDefault) === before.isDefault &&
    parents.size === oldParents.length &&
    oldParents.every((p) => parents.has(p));
  if (unchanged) return { body: roleBody(before, oldParents), approvals: waits.approvals };
  const [after] = await ctx.tx
    .update(roles)
    .set({
      name: input.name ?? before.name,
      description: input.description === undefined ? before.description : input.description,
      isDefault: input.is_default ?? before.isDefault,
      version: before.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(roles.id, id))
    .returning();
  if (parentIds) await setParents(ctx, id, parentIds);
  ctx.audit.push({
    action: "role.updated",
    targetType: "role",
    targetId: id,
    before: {
      name: before.name,
      description: before.description,
      is_default: before.isDefault,
      parent_ids: oldParents,
    },
    after: {
      name: after!.name,
      description: after!.description,
      is_default: after!.isDefault,
      parent_ids: parentIds ?? oldParents,
    },
  });
  return { body: roleBody(after!, parentIds ?? oldParents), approvals: waits.approvals };
}

export async function updateRole(ctx: ServiceContext, id: string, input: UpdateRoleRequest) {
  const { principal } = ctx;
  await authorize(principal, MANAGE);
  const { result, permVersion } = await permissionWrite(ctx, (ctx) => changeRole(ctx, id, input));
  return written(result.body, permVersion, { approvals: result.approvals });
}

/** Deletes a role inside a write: 409 while users hold it, unless `force` moves them off it (audited). */
export async function removeRoleRow(ctx: WriteContext, id: string, force: boolean) {
  const role = await lockRole(ctx, id, null);
  const holders = await ctx.tx.select({ userId: userRoles.userId }).from(userRoles).where(eq(userRoles.roleId, id));
  if (holders.length && !force) {
    throw ApiError.conflict(
      `${holders.length} user${holders.length === 1 ? " holds" : "s hold"} this role: move them off it, or delete with force=true.`,
      { user_count: holders.length },
    );
  }
  if (holders.length) {
    await ctx.tx.delete(userRoles).where(eq(userRoles.roleId, id));
    ctx.audit.push(
      ...holders.map((h) => ({
        action: "user.role.removed" as const,
        targetType: "user",
        targetId: h.userId,
        before: { role_id: id, role: role.name },
        notes: "role deleted with force",
      })),
    );
  }
  await ctx.tx.delete(roles).where(eq(roles.id, id));
  ctx.audit.push({
    action: "role.deleted",
    targetType: "role",
    targetId: id,
    before: { name: role.name, description: role.description, user_count: holders.length },
  });
}

export async function deleteRole(ctx: ServiceContext, id: string, force: boolean) {
  const { principal } = ctx;
  await authorize(principal, MANAGE);
  const { permVersion } = await permissionWrite(ctx, (ctx) => removeRoleRow(ctx, id, force));
  return written(null, permVersion);
}

async function grantsWrite(
  ctx: ServiceContext,
  id: string,
  version: number,
  fn: (ctx: WriteContext, role: typeof roles.$inferSelect) => Promise<GrantChange>,
) {
  await authorize(ctx.principal, MANAGE);
  const { result, permVersion } = await permissionWrite(ctx, async (ctx) => {
    const role = await lockRole(ctx, id, version);
    const change = await fn(ctx, role);
    return { ...change, version: await bumpRoleVersionIfChanged(ctx, role, change) };
  });
  return written({ role_id: id, version: result.version, added: result.added, removed: result.removed }, permVersion, {
    approvals: result.approvals,
  });
}

export const replaceRolePermissions = (
  ctx: ServiceContext,
  id: string,
  input: { version: number; permissions: GrantInput[]; reason?: string },
) =>
  grantsWrite(ctx, id, input.version, (ctx, role) => applyGrants(ctx, role, input.permissions, [], true, input.reason));

export const addRolePermissions = (
  ctx: ServiceContext,
  id: string,
  input: { version: number; codes: string[]; reason?: string },
) =>
  grantsWrite(ctx, id, input.version, (ctx, role) => {
    const have = new Set(ctx.snapshot.grants.filter((g) => g.roleId === id).map((g) => g.code));
    return applyGrants(
      ctx,
      role,
      input.codes.filter((c) => !have.has(c)).map((code) => ({ code, scope: "organization" as const })),
      [],
      false,
      input.reason,
    );
  });

export const removeRolePermissions = (ctx: ServiceContext, id: string, input: { version: number; codes: string[] }) =>
  grantsWrite(ctx, id, input.version, (ctx, role) => applyGrants(ctx, role, [], input.codes));

/** Replaces this role's grants with another role's (the source is a template). */
export const copyRole = (ctx: ServiceContext, id: string, input: z.infer<typeof copyRoleRequest>) =>
  grantsWrite(ctx, id, input.version, (ctx, role) => {
    if (!ctx.snapshot.roles.some((r) => r.id === input.from_role_id)) throw ApiError.notFound("role");
    const source = ctx.snapshot.grants
      .filter((g) => g.roleId === input.from_role_id)
      .map((g) => ({ code: g.code, scope: g.scope, conditions: g.conditions }));
    return applyGrants(ctx, role, source, [], true);
  });

/** All or nothing: every role's version is checked and every change applied in one transaction. */
export async function patchMatrix(ctx: ServiceContext, input: z.infer<typeof matrixPatchRequest>) {
  const { principal } = ctx;
  await authorize(principal, MANAGE);
  const { result, permVersion } = await permissionWrite(ctx, async (ctx) => {
    const out = [];
    for (const change of input.changes) {
      const role = await lockRole(ctx, change.role_id, change.version);
      const have = new Set(ctx.snapshot.grants.filter((g) => g.roleId === role.id).map((g) => g.code));
      const both = change.grant.filter((c) => change.revoke.includes(c));
      if (both.length)
        throw ApiError.badRequest(`Both granted and revoked: ${both.join(", ")}.`, [
          { path: "body.changes", message: "A code is granted or revoked, not both" },
        ]);
      const r = await applyGrants(
        ctx,
        role,
        change.grant.filter((c) => !have.has(c)).map((code) => ({ code, scope: "organization" as const })),
        change.revoke,
        false,
        input.reason,
      );
      out.push({
        role_id: role.id,
        version: await bumpRoleVersionIfChanged(ctx, role, r),
        added: r.added,
        removed: r.removed,
        approvals: r.approvals,
      });
    }
    return out;
  });
  return written({ roles: result.map(({ approvals: _a, ...r }) => r) }, permVersion, {
    approvals: result.flatMap((r) => r.approvals),
  });
}
