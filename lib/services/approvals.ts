import "server-only";
import type { DbOrTx } from "@/db/client";
import { listApprovalRows, lockApproval, markDecided } from "@/db/queries/approvals";
import { currentPermVersion } from "@/db/queries/perm-version";
import { roleGrants, userOverrides } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { type Principal, tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { SCOPES, type Scope } from "@/lib/permissions/types";
import type { ApprovalListQuery } from "@/lib/validation/approvals";
import { appendAudit, auditDenied } from "./audit-chain";
import type { ServiceContext } from "./context";
import { LISTS, paginate } from "./paging";
import { bumpRoleVersion, lockRole } from "./role-grants";
import { addApprovedParent } from "./role-writes";
import { permissionWrite, requireHolds, requireInPlan, type WriteContext } from "./write-transaction";
import { written } from "./written";

type ApprovalRow = NonNullable<Awaited<ReturnType<typeof lockApproval>>>;

export async function listApprovals(ctx: ServiceContext, q: ApprovalListQuery) {
  const { db, principal } = ctx;
  await authorize(principal, "gatehouse.approvals.view");
  const { rows: page, next_cursor } = await paginate(
    LISTS.approvals,
    q,
    (after, limit) =>
      listApprovalRows(db, tenantOf(principal), {
        status: q.status,
        after,
        limit,
      }),
    (r) => ({ created: r.createdKey, id: r.id }),
  );
  return {
    data: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      role: r.roleId ? { id: r.roleId, name: r.roleName } : null,
      user: r.userId ? { id: r.userId, email: r.userEmail } : null,
      permission: { id: r.permissionId, code: r.code, name: r.permissionName, risk_level: r.riskLevel },
      payload: r.payload,
      requested_by: { id: r.requestedById, email: r.requestedByEmail },
      decided_by: r.decidedById ? { id: r.decidedById, email: r.decidedByEmail } : null,
      reason: r.reason,
      created_at: r.createdAt.toISOString(),
      decided_at: r.decidedAt?.toISOString() ?? null,
    })),
    next_cursor,
  };
}

/**
 * The request, locked, checked decidable by this caller: unknown and other tenants' ids are the
 * same 404; four eyes — the requester never decides their own request (403, before 409 so the
 * rule is stated even for a decided one); a decided request is a 409 naming its status.
 */
async function decidable(tx: DbOrTx, tenantId: string, principal: Principal, id: string): Promise<ApprovalRow> {
  const req = await lockApproval(tx, tenantId, id);
  if (!req) throw ApiError.notFound("approval request");
  if (principal.kind !== "user")
    throw ApiError.forbidden("An approval is decided by a signed-in person, not an API key.");
  if (req.requestedBy === principal.userId)
    throw ApiError.forbidden("Four eyes: you cannot decide your own request; another admin must.", {
      requested_by: req.requestedBy,
    });
  if (req.status !== "pending")
    throw ApiError.conflict(`This request was already ${req.status}.`, { approval_status: req.status });
  return req;
}

/** Writes what the request asked for, as the approver (who must hold it: nobody grants what they do not hold). */
async function applyRequest(ctx: WriteContext, req: ApprovalRow) {
  const { code, payload: p } = req;
  if (req.kind === "role_grant" && typeof p.parent_id === "string") {
    // A parent role that confers a permission needing approval (DESIGN §3.5).
    if (!ctx.snapshot.roles.some((r) => r.id === p.parent_id))
      throw ApiError.unprocessable("The parent role no longer exists.", { parent_id: p.parent_id });
    await addApprovedParent(ctx, req.roleId!, p.parent_id);
    return { code, targetType: "role", targetId: req.roleId! };
  }
  if (req.kind === "role_grant") {
    const role = await lockRole(ctx, req.roleId!, null);
    const scope: Scope = SCOPES.includes(p.scope as Scope) ? (p.scope as Scope) : "organization";
    const conditions =
      p.conditions && typeof p.conditions === "object" ? (p.conditions as Record<string, unknown>) : null;
    // The dependencies the grant pulled in waited with it: they take effect with it, now.
    const grants = [{ code, permissionId: req.permissionId, scope, conditions }];
    for (const d of Array.isArray(p.dependencies) ? (p.dependencies as Record<string, unknown>[]) : []) {
      const perm = ctx.snapshot.permissions.find(
        (x) => x.code === d.code && (x.tenantId === null || x.tenantId === ctx.tenantId),
      );
      if (!perm) continue;
      grants.push({
        code: perm.code,
        permissionId: perm.id,
        scope: SCOPES.includes(d.scope as Scope) ? (d.scope as Scope) : "organization",
        conditions: d.conditions && typeof d.conditions === "object" ? (d.conditions as Record<string, unknown>) : null,
      });
    }
    requireHolds(
      ctx,
      grants.map((g) => ({ code: g.code, scope: g.scope, conditions: g.conditions })),
    );
    const had = new Set(ctx.snapshot.grants.filter((g) => g.roleId === role.id).map((g) => g.code));
    // The plan may have changed since the request: what it would add must still be in it.
    requireInPlan(
      ctx,
      grants.filter((g) => !had.has(g.code)).map((g) => g.code),
    );
    for (const g of grants) {
      const values = {
        tenantId: ctx.tenantId,
        roleId: role.id,
        permissionId: g.permissionId,
        scope: g.scope,
        conditions: g.conditions,
        grantedBy: ctx.principal.userId,
        grantedAt: new Date(),
      };
      await ctx.tx
        .insert(roleGrants)
        .values(values)
        .onConflictDoUpdate({
          target: [roleGrants.roleId, roleGrants.permissionId],
          set: { scope: g.scope, conditions: g.conditions, grantedBy: values.grantedBy, grantedAt: values.grantedAt },
        });
    }
    const version = await bumpRoleVersion(ctx, role.id);
    ctx.audit.push({
      action: "role.permissions.updated",
      targetType: "role",
      targetId: role.id,
      permissionCode: code,
      after: {
        added: grants.filter((g) => !had.has(g.code)).map((g) => g.code),
        removed: [],
        changed: grants.filter((g) => had.has(g.code)).map((g) => g.code),
        approval_id: req.id,
        version,
      },
    });
    return { code, targetType: "role", targetId: role.id };
  }
  if (!req.userId || !(await ctx.user(req.userId)).member)
    throw ApiError.unprocessable("The user is no longer a member of this tenant.", { user_id: req.userId });
  const effect = p.effect === "deny" ? "deny" : "allow";
  if (effect === "allow") {
    requireHolds(ctx, [code]);
    requireInPlan(ctx, [code]);
  }
  const expiresAt = typeof p.expires_at === "string" ? new Date(p.expires_at) : null;
  const values = {
    tenantId: ctx.tenantId,
    userId: req.userId!,
    permissionId: req.permissionId,
    effect,
    notes: typeof p.notes === "string" ? p.notes : null,
    grantedBy: ctx.principal.userId,
    grantedAt: new Date(),
    expiresAt,
  };
  await ctx.tx
    .insert(userOverrides)
    .values(values)
    .onConflictDoUpdate({
      target: [userOverrides.tenantId, userOverrides.userId, userOverrides.permissionId],
      set: { effect, notes: values.notes, grantedBy: values.grantedBy, grantedAt: values.grantedAt, expiresAt },
    });
  ctx.audit.push({
    action: "user.override.set",
    targetType: "user",
    targetId: req.userId!,
    permissionCode: code,
    after: { effect, notes: values.notes, expires_at: expiresAt?.toISOString() ?? null, approval_id: req.id },
  });
  return { code, targetType: "user", targetId: req.userId! };
}

const decisionBody = (r: Awaited<ReturnType<typeof markDecided>>) => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  reason: r.reason,
  decided_by: r.decidedBy,
  decided_at: r.decidedAt?.toISOString() ?? null,
});

/** Approving applies the grant in the same permission write (lock, snapshot, audit, perm_version). */
export async function approveRequest(ctx: ServiceContext, id: string, reason: string | undefined) {
  const { principal } = ctx;
  await authorize(principal, "gatehouse.approvals.manage");
  const { result, permVersion } = await permissionWrite(ctx, async (ctx) => {
    const req = await decidable(ctx.tx, ctx.tenantId, principal, id);
    const applied = await applyRequest(ctx, req);
    const decided = await markDecided(ctx.tx, id, "approved", principal.userId!, reason ?? null);
    ctx.audit.push({
      action: "approval.approved",
      targetType: applied.targetType,
      targetId: applied.targetId,
      permissionCode: applied.code,
      after: { approval_id: id, requested_by: req.requestedBy },
      notes: reason,
    });
    return decided;
  });
  return written(decisionBody(result), permVersion);
}

/** Rejecting grants nothing, so no decision changes and perm_version stays; it is audited all the same. */
export async function rejectRequest(ctx: ServiceContext, id: string, reason: string | undefined) {
  const { db, principal, meta } = ctx;
  await authorize(principal, "gatehouse.approvals.manage");
  const tenantId = tenantOf(principal);
  try {
    const decided = await db.transaction(async (tx) => {
      const req = await decidable(tx, tenantId, principal, id);
      const row = await markDecided(tx, id, "rejected", principal.userId!, reason ?? null);
      const target =
        req.kind === "role_grant"
          ? { targetType: "role", targetId: req.roleId! }
          : { targetType: "user", targetId: req.userId! };
      await appendAudit(tx, tenantId, principal, meta, [
        {
          action: "approval.rejected",
          ...target,
          permissionCode: req.code,
          after: { approval_id: id, requested_by: req.requestedBy },
          notes: reason,
        },
      ]);
      return row;
    });
    return written(decisionBody(decided), await currentPermVersion(db, tenantId));
  } catch (error) {
    // As in permissionWrite: a refusal is audited in a transaction of its own (the write's rolled back).
    if (error instanceof ApiError && error.status === 403) {
      await auditDenied(db, tenantId, principal, meta, error);
    }
    throw error;
  }
}
