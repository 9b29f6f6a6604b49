import "server-only";
import { loadPolicySnapshot, loadUserAssignments } from "@/db/queries/snapshot";
import type { Principal } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import type { PolicySnapshot, UserAssignments } from "@/lib/permissions/types";
import type { SyncUsersRequest } from "@/lib/validation/sync";
import type { ServiceContext } from "./context";

/**
 * What the client SDK (sdk/, docs/sdk.md) needs to run the engine in the customer's process: the
 * key's tenant's policy and its users' assignments, each with the perm_version it was read at.
 * API keys only (scope `check`); the route declares `gatehouse.users.view`, checked against the
 * key's creator on every request like any route's permission. Nothing of another tenant is ever
 * read: a user who is not a member (unknown, or another tenant's) is "not found" alike.
 */

/** The export's format: bumped when PolicySnapshot or UserAssignments change shape. */
export const SYNC_FORMAT = 1;

export function syncTenant(principal: Principal): string {
  if (principal.kind !== "api_key") throw ApiError.forbidden("This route is for API keys with the scope check.");
  return principal.tenantId;
}

/** GET /api/v1/sync/policy: one repeatable-read transaction, so every part agrees with its perm_version. */
export async function syncPolicy(ctx: ServiceContext) {
  const tenantId = syncTenant(ctx.principal);
  const policy: PolicySnapshot | null = await ctx.db.transaction((tx) => loadPolicySnapshot(tx, tenantId), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
  if (!policy) throw ApiError.notFound("tenant");
  return { format: SYNC_FORMAT, tenant_id: tenantId, perm_version: policy.permVersion, policy };
}

/**
 * Whether the tenant knows the user: a member, or a platform super-admin (who is decided granted
 * without a membership, §3.2, as the check API answers too). Anyone else is decided like a
 * stranger, so the SDK needs nothing of them.
 */
const known = (user: UserAssignments) => user.member !== null || user.isSuperAdmin;

/** POST /api/v1/sync/users: one statement, one perm_version for the whole batch. */
export async function syncUsers(ctx: ServiceContext, input: SyncUsersRequest) {
  const tenantId = syncTenant(ctx.principal);
  const read = await loadUserAssignments(ctx.db, tenantId, input.user_ids);
  if (!read) throw ApiError.notFound("tenant");
  const users: UserAssignments[] = [];
  const notFound: string[] = [];
  for (const [id, user] of read.users) {
    if (known(user)) users.push(user);
    else notFound.push(id);
  }
  return { users, not_found: notFound, perm_version: read.version };
}

/** GET /api/v1/sync/users/{id}: 404 for anyone the tenant does not know, whoever else knows them. */
export async function syncUser(ctx: ServiceContext, userId: string) {
  const { users, perm_version } = await syncUsers(ctx, { user_ids: [userId] });
  const user = users[0];
  if (!user) throw ApiError.notFound("user");
  return { user, perm_version };
}
