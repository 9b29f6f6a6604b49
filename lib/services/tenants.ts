import "server-only";
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { currentPermVersion } from "@/db/queries/perm-version";
import { findPlan } from "@/db/queries/plans";
import { findTenantRow, listTenantRows, slugTaken } from "@/db/queries/tenants";
import { invitations, memberships, tenants, userRoles, users } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import type { CreateTenantRequest, TenantListQuery, UpdateTenantRequest } from "@/lib/validation/tenants";
import { type AuditInput, appendAudit, auditDenied } from "./audit-chain";
import type { ServiceContext } from "./context";
import { hashInvitationToken, invitePath } from "./invitation-links";
import { LISTS, paginate } from "./paging";
import { createDefaultRoles } from "./tenant-defaults";
import { permissionWrite } from "./write-transaction";
import { written } from "./written";

/** Tenants are the platform's business: only a platform super-admin lists, creates or changes them. */
export function requireSuperAdmin(principal: Principal) {
  if (principal.kind !== "user" || !principal.isSuperAdmin)
    throw ApiError.forbidden("Only a platform super-admin may do this.", { requires: "super_admin" });
}

/** The same, for writes: a refused attempt is audited in the caller's tenant chain (DESIGN §6). */
export async function requireSuperAdminToWrite(ctx: ServiceContext) {
  const { db, principal, meta } = ctx;
  try {
    requireSuperAdmin(principal);
  } catch (error) {
    if (principal.tenantId && error instanceof ApiError) {
      await auditDenied(db, principal.tenantId, principal, meta, error);
    }
    throw error;
  }
}

type TenantRow = NonNullable<Awaited<ReturnType<typeof findTenantRow>>>;
const tenantBody = (t: TenantRow) => ({
  id: t.id,
  name: t.name,
  slug: t.slug,
  plan_id: t.planId,
  plan: t.planId ? { id: t.planId, code: t.planCode, name: t.planName } : null,
  perm_version: t.permVersion,
  member_count: t.memberCount,
  created_at: t.createdAt.toISOString(),
  updated_at: t.updatedAt.toISOString(),
});

// Slugs are unique: checking and writing under one lock turns a race into a clean 409, not a 500.
const lockSlugs = (tx: DbOrTx) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('tenant-slugs'))`);

async function checkPlan(db: DbOrTx, planId: string | null | undefined) {
  if (planId && !(await findPlan(db, planId)))
    throw ApiError.unprocessable("Unknown plan.", { unknown_plan_id: planId });
}

export async function listTenants(ctx: ServiceContext, q: TenantListQuery) {
  const { db, principal } = ctx;
  requireSuperAdmin(principal);
  const { rows: page, next_cursor } = await paginate(
    LISTS.tenants,
    q,
    (after, limit) =>
      listTenantRows(db, {
        search: q.search,
        after,
        limit,
      }),
    (t) => ({ name: t.name, id: t.id }),
  );
  return {
    data: page.map(tenantBody),
    next_cursor,
  };
}

/**
 * A super-admin reads any tenant. A tenant admin holding gatehouse.tenants.view reads the tenant
 * they act in, and nothing else: any other id is a 404 exactly like an unknown one.
 */
export async function getTenant(ctx: ServiceContext, id: string) {
  const { db, principal } = ctx;
  if (!principal.isSuperAdmin) {
    await authorize(principal, "gatehouse.tenants.view");
    if (principal.tenantId !== id) throw ApiError.notFound("tenant");
  }
  const row = await findTenantRow(db, id);
  if (!row) throw ApiError.notFound("tenant");
  return tenantBody(row);
}

/** Creates the tenant with its Admin, Member and Viewer roles in one transaction, audited in its own chain. */
/**
 * Creates a tenant with its Admin, Member and Viewer roles. With `admin_email`, that account becomes
 * its first Admin in the same transaction: an existing account gets the membership and the Admin
 * role (a super-admin acts here, never a tenant admin: nothing of another tenant is revealed); an
 * unknown email gets an invitation by link with the Admin role, whose link is answered once.
 */
export async function createTenant(ctx: ServiceContext, input: CreateTenantRequest, origin = "http://localhost") {
  const { db, principal, meta } = ctx;
  await requireSuperAdminToWrite(ctx);
  const token = randomBytes(32).toString("base64url");
  const { id, admin } = await db.transaction(async (tx) => {
    await lockSlugs(tx);
    if (await slugTaken(tx, input.slug, null))
      throw ApiError.conflict(`A tenant with the slug "${input.slug}" already exists.`, { slug: input.slug });
    await checkPlan(tx, input.plan_id);
    const [tenant] = await tx
      .insert(tenants)
      .values({ name: input.name, slug: input.slug, planId: input.plan_id ?? null })
      .returning();
    const roles = await createDefaultRoles(tx, tenant!.id);
    const audit: AuditInput[] = [
      {
        action: "tenant.created",
        targetType: "tenant",
        targetId: tenant!.id,
        after: { name: tenant!.name, slug: tenant!.slug, plan_id: tenant!.planId, default_role_ids: roles },
      },
    ];
    let admin: { email: string; outcome: "member" | "invited"; invite_url: string | null } | undefined;
    if (input.admin_email) {
      const email = input.admin_email;
      const [account] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
      if (account) {
        await tx.insert(memberships).values({ tenantId: tenant!.id, userId: account.id });
        await tx
          .insert(userRoles)
          .values({ tenantId: tenant!.id, userId: account.id, roleId: roles.admin, assignedBy: principal.userId });
        audit.push({
          action: "user.created",
          targetType: "user",
          targetId: account.id,
          after: { email, existing_account: true, role_ids: [roles.admin] },
        });
        admin = { email, outcome: "member", invite_url: null };
      } else {
        const expiresAt = new Date(Date.now() + 7 * 86_400_000);
        const [invitation] = await tx
          .insert(invitations)
          .values({
            tenantId: tenant!.id,
            email,
            tokenHash: hashInvitationToken(token),
            roleIds: [roles.admin],
            invitedBy: principal.userId,
            expiresAt,
          })
          .returning({ id: invitations.id });
        audit.push({
          action: "invitation.created",
          targetType: "invitation",
          targetId: invitation!.id,
          after: { email, role_ids: [roles.admin], expires_at: expiresAt.toISOString(), by_link: true },
        });
        admin = { email, outcome: "invited", invite_url: new URL(invitePath(token), origin).toString() };
      }
    }
    await appendAudit(tx, tenant!.id, principal, meta, audit);
    return { id: tenant!.id, admin };
  });
  const body = tenantBody((await findTenantRow(db, id))!);
  return written(admin ? { ...body, admin } : body, await currentPermVersion(db, id), { created: true });
}

/**
 * Changes name, slug or plan. It runs as a permission write of the target tenant (its write lock,
 * its audit chain, its perm_version bumped): a plan change alters what the plan gate decides.
 */
export async function updateTenant(ctx: ServiceContext, id: string, input: UpdateTenantRequest) {
  const { db, principal, meta } = ctx;
  await requireSuperAdminToWrite(ctx);
  const { permVersion } = await permissionWrite(
    { db, principal: { ...principal, tenantId: id }, meta },
    async (ctx) => {
      const before = (await findTenantRow(ctx.tx, id))!;
      if (input.slug !== undefined && input.slug !== before.slug) {
        await lockSlugs(ctx.tx);
        if (await slugTaken(ctx.tx, input.slug, id))
          throw ApiError.conflict(`A tenant with the slug "${input.slug}" already exists.`, { slug: input.slug });
      }
      await checkPlan(ctx.tx, input.plan_id);
      const next = {
        name: input.name ?? before.name,
        slug: input.slug ?? before.slug,
        planId: input.plan_id === undefined ? before.planId : input.plan_id,
      };
      // The same name, slug and plan: nothing to write, audit or bump.
      if (next.name === before.name && next.slug === before.slug && next.planId === before.planId) return;
      await ctx.tx
        .update(tenants)
        .set({ ...next, updatedAt: new Date() })
        .where(eq(tenants.id, id));
      ctx.audit.push({
        action: "tenant.updated",
        targetType: "tenant",
        targetId: id,
        before: { name: before.name, slug: before.slug, plan_id: before.planId },
        after: { name: next.name, slug: next.slug, plan_id: next.planId },
      });
    },
  );
  const row = (await findTenantRow(db, id))!;
  return written(tenantBody(row), permVersion);
}
