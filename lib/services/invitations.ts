import "server-only";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { invitations, memberships, tenants, userRoles } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import type { ServiceContext } from "./context";
import { codesConferredBy, permissionWrite, type WriteContext } from "./write-transaction";
import { written } from "./written";

/** A signed-in person: invitations are addressed to accounts, and accepted by them only. */
function signedIn(principal: Principal) {
  if (principal.kind !== "user") throw ApiError.forbidden("Only a signed-in person can accept an invitation.");
  return principal;
}

const pending = (now: Date) =>
  and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

/** The caller's pending invitations, of every tenant (their tenants' names, never who else is invited). */
export async function listMyInvitations(ctx: ServiceContext) {
  const me = signedIn(ctx.principal);
  const rows = await ctx.db
    .select({
      id: invitations.id,
      tenant: { id: tenants.id, name: tenants.name, slug: tenants.slug },
      role_ids: invitations.roleIds,
      created_at: invitations.createdAt,
      expires_at: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
    .where(and(eq(invitations.userId, me.userId), pending(new Date())))
    .orderBy(desc(invitations.createdAt));
  return {
    data: rows.map((r) => ({ ...r, created_at: r.created_at.toISOString(), expires_at: r.expires_at.toISOString() })),
  };
}

/**
 * The roles of an invitation its inviter can still confer now (DESIGN §3.5, like an API key: the
 * inviter's authority at the time it takes effect): every code a role confers that anyone could
 * hold must be held by them at least as widely (scope and conditions, §3.5). Roles deleted since,
 * or beyond them now, are left out.
 */
async function conferrable(ctx: WriteContext, invitedBy: string | null, roleIds: readonly string[]) {
  const inviter = invitedBy === null ? null : await ctx.user(invitedBy);
  return roleIds.filter((roleId) => {
    if (!ctx.snapshot.roles.some((r) => r.id === roleId) || inviter === null) return false;
    if (inviter.isSuperAdmin) return true;
    return codesConferredBy(ctx.snapshot, roleId).every(
      (bound) => ctx.compiled.deniedToEveryone(bound.code) || ctx.compiled.holdsAtLeast(inviter.userId, bound),
    );
  });
}

/**
 * Accepts an invitation addressed to the caller's account: the membership of the invitation's
 * tenant and its roles, in one permission write of that tenant (audited there, perm_version
 * bumped). Not theirs or unknown → 404; accepted, revoked or expired → 410.
 */
export async function acceptInvitation(ctx: ServiceContext, invitationId: string) {
  const me = signedIn(ctx.principal);
  const [invitation] = await ctx.db
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.userId, me.userId)));
  if (!invitation) throw ApiError.notFound("invitation");
  const inTenant: ServiceContext = { ...ctx, principal: { ...me, tenantId: invitation.tenantId } };
  const { result, permVersion } = await permissionWrite(inTenant, (ctx) => joinInTx(ctx, invitation, me.userId));
  return written(result, permVersion);
}

type InvitationRow = typeof invitations.$inferSelect;

/**
 * Makes `userId` a member of the invitation's tenant (the write's) with the roles its inviter can
 * still confer, and marks it accepted — read again under the tenant's write lock first: a second
 * accept, or a revoke, may have come first (410). Already a member: 409.
 */
export async function joinInTx(ctx: WriteContext, invitation: InvitationRow, userId: string) {
  const [open] = await ctx.tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.id, invitation.id), pending(new Date())));
  if (!open) throw gone();
  if ((await ctx.user(userId)).member) throw ApiError.conflict("You are already a member of this tenant.");
  const roleIds = await conferrable(ctx, invitation.invitedBy, invitation.roleIds);
  await ctx.tx.insert(memberships).values({ tenantId: ctx.tenantId, userId });
  if (roleIds.length)
    await ctx.tx
      .insert(userRoles)
      .values(roleIds.map((roleId) => ({ tenantId: ctx.tenantId, userId, roleId, assignedBy: invitation.invitedBy })));
  await ctx.tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, invitation.id));
  const skipped = invitation.roleIds.filter((id) => !roleIds.includes(id));
  ctx.audit.push({
    action: "invitation.accepted",
    targetType: "user",
    targetId: userId,
    after: {
      invitation_id: invitation.id,
      role_ids: roleIds,
      ...(skipped.length ? { skipped_role_ids: skipped } : {}),
    },
  });
  return { tenant_id: ctx.tenantId, role_ids: roleIds };
}

export const gone = () => new ApiError(410, "Gone", "This invitation was used, revoked or has expired.");
export { pending as pendingInvitation };
