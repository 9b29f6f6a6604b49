import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq, gt, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invitations, roles as rolesTable, tenants, users } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { hashPassword } from "@/lib/auth/password";
import { type Principal, tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import type {
  AcceptInvitationRequest,
  CreateInvitationRequest,
  InvitationListQuery,
} from "@/lib/validation/invitations";
import type { RequestMeta, ServiceContext } from "./context";
import { gone, joinInTx, pendingInvitation } from "./invitations";
import { LISTS, paginate } from "./paging";
import { roleAssignable, TAKEN } from "./user-writes";
import { grantorOf, permissionWrite, rolledBack, type WriteContext } from "./write-transaction";
import { written } from "./written";

/**
 * Invitations by link (API.md "Invitations"): an admin invites an email with roles; the answer
 * carries a one-time link whose token is stored only as its sha256; whoever opens it creates the
 * account (name and password) — or, when the email has an account already, must sign in as that
 * account to join: an account of another tenant is never added silently.
 */

const MANAGE = "gatehouse.users.manage";
const VIEW = "gatehouse.users.view";
const DAY_MS = 86_400_000;

export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const invitePath = (token: string) => `/invite/${token}`;

/** Invitations by link only: the ones `POST /users` addresses to existing accounts stay out of sight (they reveal an account). */
const byLink = (tenantId: string) => and(eq(invitations.tenantId, tenantId), isNotNull(invitations.tokenHash));
const open = () => and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

async function invitationBodies(db: Db | WriteContext["tx"], rows: (typeof invitations.$inferSelect)[]) {
  const roleIds = [...new Set(rows.flatMap((r) => r.roleIds))];
  const inviterIds = [...new Set(rows.flatMap((r) => (r.invitedBy ? [r.invitedBy] : [])))];
  const roleNames = new Map(
    roleIds.length
      ? (
          await db
            .select({ id: rolesTable.id, name: rolesTable.name })
            .from(rolesTable)
            .where(inArray(rolesTable.id, roleIds))
        ).map((r) => [r.id, r.name])
      : [],
  );
  const inviters = new Map(
    inviterIds.length
      ? (await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, inviterIds))).map(
          (u) => [u.id, u],
        )
      : [],
  );
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    // A role deleted since is left out: it cannot be conferred any more.
    roles: r.roleIds.flatMap((id) => {
      const name = roleNames.get(id);
      return name === undefined ? [] : [{ id, name }];
    }),
    invited_by: r.invitedBy ? (inviters.get(r.invitedBy) ?? null) : null,
    created_at: r.createdAt.toISOString(),
    expires_at: r.expiresAt.toISOString(),
    status: r.expiresAt.getTime() > now ? ("pending" as const) : ("expired" as const),
  }));
}

/** The tenant's invitations by link that are neither accepted nor revoked, expired ones included. */
export async function listInvitations(ctx: ServiceContext, q: InvitationListQuery) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW);
  const tenantId = tenantOf(principal);
  const { rows, next_cursor } = await paginate(
    LISTS.invitations,
    q,
    (after, limit) =>
      db
        .select()
        .from(invitations)
        .where(
          and(
            byLink(tenantId),
            open(),
            after
              ? or(
                  gt(invitations.email, after.email),
                  and(eq(invitations.email, after.email), gt(invitations.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(asc(invitations.email), asc(invitations.id))
        .limit(limit + 1),
    (r) => ({ email: r.email, id: r.id }),
  );
  return { data: await invitationBodies(db, rows), next_cursor };
}

/**
 * Invites an email with roles: the roles are checked like an assignment (DESIGN §3.5: the inviter
 * — an API key's creator — must hold all each confers), and again, bounded by the inviter's
 * authority then, when it is accepted. A member, or an email with an open invitation, is 409.
 */
export async function createInvitation(ctx: ServiceContext, input: CreateInvitationRequest, origin: string) {
  await authorize(ctx.principal, MANAGE);
  const token = randomBytes(32).toString("base64url");
  const { result, permVersion } = await permissionWrite(ctx, (w) =>
    createInvitationInTx(w, input, hashInvitationToken(token)),
  );
  const [body] = await invitationBodies(ctx.db, [result]);
  return written({ ...body!, invite_url: new URL(invitePath(token), origin).toString() }, permVersion, {
    created: true,
  });
}

/** `createInvitation` inside a write the caller runs (a new tenant invites its first Admin). */
export async function createInvitationInTx(
  ctx: WriteContext,
  input: { email: string; role_ids: string[]; expires_in_days: number },
  tokenHash: string,
) {
  const [existing] = await ctx.tx.select().from(users).where(sql`lower(${users.email}) = ${input.email}`);
  if (existing && (await ctx.user(existing.id)).member) throw ApiError.conflict(TAKEN);
  const [invited] = await ctx.tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, ctx.tenantId),
        sql`lower(${invitations.email}) = ${input.email}`,
        pendingInvitation(new Date()),
      ),
    );
  if (invited) throw ApiError.conflict(TAKEN);
  const wanted = input.role_ids.length
    ? input.role_ids
    : (
        await ctx.tx
          .select({ id: rolesTable.id })
          .from(rolesTable)
          .where(and(eq(rolesTable.tenantId, ctx.tenantId), eq(rolesTable.isDefault, true)))
      ).map((r) => r.id);
  const roleIds = [...new Set(wanted.map((id) => roleAssignable(ctx, id).id))];
  const expiresAt = new Date(Date.now() + input.expires_in_days * DAY_MS);
  const [invitation] = await ctx.tx
    .insert(invitations)
    .values({
      tenantId: ctx.tenantId,
      email: input.email,
      // Addressed to the account too, when there is one: it sees it in GET /me/invitations.
      userId: existing?.id ?? null,
      tokenHash,
      roleIds,
      invitedBy: grantorOf(ctx.principal),
      expiresAt,
    })
    .returning();
  ctx.audit.push({
    action: "invitation.created",
    targetType: "invitation",
    targetId: invitation!.id,
    after: { email: input.email, role_ids: roleIds, expires_at: expiresAt.toISOString(), by_link: true },
  });
  return invitation!;
}

/** Revokes an open invitation by link of the tenant; another tenant's, or unknown, is 404; accepted or revoked already, 410. */
export async function revokeInvitation(ctx: ServiceContext, id: string) {
  await authorize(ctx.principal, MANAGE);
  const tenantId = tenantOf(ctx.principal);
  const { permVersion } = await permissionWrite(ctx, async (w) => {
    const [row] = await w.tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.id, id), byLink(tenantId)))
      .for("update");
    if (!row) throw ApiError.notFound("invitation");
    if (row.acceptedAt || row.revokedAt) throw gone();
    await w.tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, id));
    w.audit.push({
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: id,
      before: { email: row.email, role_ids: row.roleIds, expires_at: row.expiresAt.toISOString() },
    });
  });
  return written(null, permVersion);
}

/** What the public accept page shows of a link: its tenant, email and whether it opens on an account. */
export async function previewInvitation(db: Db, token: string) {
  const [row] = await db
    .select({ invitation: invitations, tenant: tenants.name, accountId: users.id })
    .from(invitations)
    .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
    .leftJoin(users, sql`lower(${users.email}) = lower(${invitations.email})`)
    .where(eq(invitations.tokenHash, hashInvitationToken(token)));
  if (!row) return null;
  const inv = row.invitation;
  const usable = !inv.acceptedAt && !inv.revokedAt && inv.expiresAt.getTime() > Date.now();
  return {
    tenant: row.tenant,
    email: inv.email,
    expiresAt: inv.expiresAt.toISOString(),
    usable,
    accountId: row.accountId,
  };
}

/** Who accepts a link: the signed-in caller, if any (the route takes no API key). */
export interface PublicContext {
  db: Db;
  meta: RequestMeta;
  principal: Principal | null;
}

/**
 * Accepts an invitation link. Unknown token → 404; used, revoked or expired → 410. When the
 * invited email has an account, the caller must be signed in as it (401 otherwise, 403 as someone
 * else) and it joins; else `name` and `password` (400 with their paths when missing) create the
 * account and its membership in one write, audited in the tenant (`user.created` and
 * `invitation.accepted`, by the new account).
 */
export async function acceptInvitationLink(ctx: PublicContext, input: AcceptInvitationRequest & { token: string }) {
  const [invitation] = await ctx.db
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, hashInvitationToken(input.token)));
  if (!invitation) throw ApiError.notFound("invitation");
  if (invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt.getTime() <= Date.now()) throw gone();
  const [account] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${invitation.email}`);
  const tenantId = invitation.tenantId;
  if (account) {
    const me = ctx.principal;
    if (!me)
      throw new ApiError(
        401,
        "Unauthorized",
        `${invitation.email} has an account: sign in as it, then accept the invitation.`,
        { sign_in_required: true },
      );
    if (me.kind !== "user" || me.userId !== account.id)
      throw ApiError.forbidden(`This invitation is for ${invitation.email}: sign in as that account to accept it.`);
    const { result, permVersion } = await permissionWrite({ ...ctx, principal: { ...me, tenantId } }, (w) =>
      joinInTx(w, invitation, me.userId),
    );
    return written(result, permVersion);
  }
  const missing = [
    ...(input.name === undefined ? [{ path: "body.name", message: "Your name, please" }] : []),
    ...(input.password === undefined ? [{ path: "body.password", message: "Choose a password" }] : []),
  ];
  if (missing.length) throw ApiError.badRequest("A new account needs a name and a password.", missing);
  const passwordHash = await hashPassword(input.password!);
  const userId = randomUUID();
  const principal: Principal = {
    kind: "user",
    userId,
    tenantId,
    isSuperAdmin: false,
    label: invitation.email,
    viewer: {
      user: { id: userId, email: invitation.email, name: input.name!, isSuperAdmin: false, totpEnabled: false },
      tenant: null,
      tenants: [],
    },
  };
  const { result, permVersion } = await permissionWrite({ ...ctx, principal }, async (w) => {
    const [user] = await w.tx
      .insert(users)
      .values({ id: userId, email: invitation.email, name: input.name!, passwordHash })
      .onConflictDoNothing()
      .returning();
    // An account made for this email meanwhile (elsewhere): it must sign in and accept instead.
    if (!user) throw ApiError.conflict(`${invitation.email} has an account now: sign in as it, then accept.`);
    w.audit.push({
      action: "user.created",
      targetType: "user",
      targetId: userId,
      after: { email: user.email, name: user.name, invitation_id: invitation.id },
    });
    return joinInTx(w, invitation, userId);
  });
  return written({ ...result, user: { id: userId, email: invitation.email } }, permVersion, {
    created: true,
  });
}

/**
 * The roles the caller may put on an invitation now (DESIGN §3.5, as `createInvitation` checks
 * them): the console's picker offers only these. Read under the write lock, in a transaction that
 * is rolled back: nothing is written.
 */
export async function grantableRoleIds(ctx: ServiceContext): Promise<string[]> {
  await authorize(ctx.principal, MANAGE);
  return rolledBack(ctx, async (w) =>
    w.snapshot.roles.flatMap((r) => {
      try {
        roleAssignable(w, r.id);
        return [r.id];
      } catch (error) {
        if (error instanceof ApiError && error.status === 403) return [];
        throw error;
      }
    }),
  );
}
