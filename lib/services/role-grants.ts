import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { approvalRequests, roleGrants, roles } from "@/db/schema";
import { ApiError } from "@/lib/errors";
import { isSupportedConditions } from "@/lib/permissions/engine";
import type { GrantInput } from "@/lib/validation/roles";
import { stable } from "./audit-chain";
import { requireHolds, requireInPlan, type WriteContext } from "./write-transaction";

type RoleRow = typeof roles.$inferSelect;

/** The role, locked for this transaction, checked writable at the version the client read. */
export async function lockRole(ctx: WriteContext, roleId: string, version: number | null): Promise<RoleRow> {
  const [role] = await ctx.tx
    .select()
    .from(roles)
    .where(and(eq(roles.id, roleId), eq(roles.tenantId, ctx.tenantId)))
    .for("update");
  if (!role) throw ApiError.notFound("role");
  if (role.isSystem)
    throw ApiError.unprocessable(`${role.name} is a system role: it cannot be edited or deleted.`, {
      role_id: role.id,
    });
  if (version !== null && role.version !== version) {
    throw ApiError.conflict(
      `The role changed since you read it (your version ${version}, current ${role.version}). Reload and try again.`,
      { current_version: role.version },
    );
  }
  return role;
}

/**
 * The role's version after a grant change: bumped when its grants changed, kept when nothing did
 * (a write that changes nothing bumps nothing). Approval requests alone leave the role as it was.
 */
export async function bumpRoleVersionIfChanged(ctx: WriteContext, role: RoleRow, change: GrantChange): Promise<number> {
  if (!change.added.length && !change.removed.length && !change.changed.length) return role.version;
  return bumpRoleVersion(ctx, role.id);
}

export async function bumpRoleVersion(ctx: WriteContext, roleId: string): Promise<number> {
  const [row] = await ctx.tx
    .update(roles)
    .set({ version: sql`${roles.version} + 1`, updatedAt: new Date() })
    .where(eq(roles.id, roleId))
    .returning({ version: roles.version });
  return row!.version;
}

function permissionsByCode(ctx: WriteContext, codes: string[]) {
  const byCode = new Map(
    ctx.snapshot.permissions.filter((p) => p.tenantId === null || p.tenantId === ctx.tenantId).map((p) => [p.code, p]),
  );
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length)
    throw ApiError.unprocessable(`Unknown permission codes: ${unknown.join(", ")}.`, { unknown_codes: unknown });
  return byCode;
}

/** Every code `code` depends on, transitively (the catalog's dependencies). */
export function dependenciesOf(ctx: WriteContext, code: string): Set<string> {
  const out = new Set<string>();
  const stack = [code];
  while (stack.length) {
    const c = stack.pop()!;
    for (const d of ctx.snapshot.dependencies)
      if (d.code === c && !out.has(d.dependsOn)) {
        out.add(d.dependsOn);
        stack.push(d.dependsOn);
      }
  }
  return out;
}

export interface GrantChange {
  added: string[];
  removed: string[];
  changed: string[];
  approvals: { id: string; code: string }[];
}

/**
 * Sets a role's grants to `desired` (or, with `only`, touches just those codes): checks the codes,
 * the conditions and the grantor's holdings, turns grants of `requires_approval` permissions into
 * approval requests, writes the difference and records it for the audit.
 */
export async function applyGrants(
  ctx: WriteContext,
  role: RoleRow,
  desired: GrantInput[],
  remove: string[] = [],
  replaceAll = false,
  reason?: string,
): Promise<GrantChange> {
  for (const g of desired) {
    if (g.conditions && !isSupportedConditions(g.conditions)) {
      throw ApiError.badRequest(`Unsupported conditions on ${g.code}.`, [
        {
          path: `body.permissions.${g.code}.conditions`,
          message: "Only equality, $in, $ne, $gt, $gte, $lt and $lte are supported",
        },
      ]);
    }
  }
  const byCode = permissionsByCode(ctx, [...desired.map((g) => g.code), ...remove]);
  const current = new Map(ctx.snapshot.grants.filter((g) => g.roleId === role.id).map((g) => [g.code, g]));
  const wanted = new Map(desired.map((g) => [g.code, g]));
  const toRemove = replaceAll
    ? [...current.keys()].filter((c) => !wanted.has(c))
    : remove.filter((c) => current.has(c));
  const toUpsert = desired.filter((g) => {
    const c = current.get(g.code);
    // Key order aside (jsonb keeps its own): equal conditions are no change.
    const same = (a: unknown, b: unknown) => JSON.stringify(stable(a ?? null)) === JSON.stringify(stable(b ?? null));
    return !c || c.scope !== g.scope || !same(c.conditions, g.conditions);
  });
  requireHolds(
    ctx,
    toUpsert.map((g) => ({ code: g.code, scope: g.scope, conditions: g.conditions ?? null })),
  );
  requireInPlan(
    ctx,
    toUpsert.filter((g) => !current.has(g.code)).map((g) => g.code),
  );

  const approvals: { id: string; code: string }[] = [];
  const direct = [];
  const needsApproval = (g: GrantInput) => byCode.get(g.code)!.requiresApproval && !current.has(g.code);
  // The dependencies an approval-needing grant pulls in (sent in the same write) wait with it, in
  // its request: none of them takes effect before the approval (DESIGN §3.5).
  const pulledBy = new Map(
    toUpsert.filter(needsApproval).map((g) => {
      const deps = dependenciesOf(ctx, g.code);
      return [g.code, toUpsert.filter((d) => d !== g && !needsApproval(d) && deps.has(d.code))] as const;
    }),
  );
  const waiting = new Set([...pulledBy.values()].flat());
  for (const g of toUpsert) {
    const perm = byCode.get(g.code)!;
    if (waiting.has(g)) continue;
    if (needsApproval(g)) {
      if (!ctx.principal.userId)
        throw ApiError.unprocessable(`${g.code} requires approval: request it as a signed-in user.`, {
          requires_approval: [g.code],
        });
      const [req] = await ctx.tx
        .insert(approvalRequests)
        .values({
          tenantId: ctx.tenantId,
          kind: "role_grant",
          roleId: role.id,
          permissionId: perm.id,
          payload: {
            scope: g.scope,
            conditions: g.conditions ?? null,
            dependencies: (pulledBy.get(g.code) ?? []).map((d) => ({
              code: d.code,
              scope: d.scope,
              conditions: d.conditions ?? null,
            })),
            ...(reason ? { reason } : {}),
          },
          requestedBy: ctx.principal.userId,
        })
        .returning({ id: approvalRequests.id });
      approvals.push({ id: req!.id, code: g.code });
      ctx.audit.push({
        action: "approval.requested",
        targetType: "role",
        targetId: role.id,
        permissionCode: g.code,
        after: {
          approval_id: req!.id,
          scope: g.scope,
          dependencies: (pulledBy.get(g.code) ?? []).map((d) => d.code),
        },
      });
    } else direct.push({ g, perm });
  }
  if (toRemove.length) {
    const ids = toRemove.map((c) => byCode.get(c)?.id ?? ctx.snapshot.permissions.find((p) => p.code === c)!.id);
    await ctx.tx.delete(roleGrants).where(and(eq(roleGrants.roleId, role.id), inArray(roleGrants.permissionId, ids)));
  }
  for (const { g, perm } of direct) {
    const values = {
      tenantId: ctx.tenantId,
      roleId: role.id,
      permissionId: perm.id,
      scope: g.scope,
      conditions: g.conditions ?? null,
      grantedBy: ctx.principal.userId,
      grantedAt: new Date(),
    };
    await ctx.tx
      .insert(roleGrants)
      .values(values)
      .onConflictDoUpdate({
        target: [roleGrants.roleId, roleGrants.permissionId],
        set: {
          scope: values.scope,
          conditions: values.conditions,
          grantedBy: values.grantedBy,
          grantedAt: values.grantedAt,
        },
      });
  }
  const added = direct.filter(({ g }) => !current.has(g.code)).map(({ g }) => g.code);
  const changed = direct.filter(({ g }) => current.has(g.code)).map(({ g }) => g.code);
  if (added.length || toRemove.length || changed.length) {
    ctx.audit.push({
      action: "role.permissions.updated",
      targetType: "role",
      targetId: role.id,
      before: { codes: [...current.keys()].sort() },
      after: { added, removed: toRemove, changed },
    });
  }
  return { added, removed: toRemove, changed, approvals };
}
