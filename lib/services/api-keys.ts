import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { currentPermVersion } from "@/db/queries/perm-version";
import { apiKeys } from "@/db/schema";
import { type ApiKeyScope, apiKeyVerifier, generateApiKey } from "@/lib/auth/api-keys";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { tenantDecisions } from "@/lib/permissions/server";
import type { CreateApiKeyRequest } from "@/lib/validation/api-keys";
import { appendAudit, refuse } from "./audit-chain";
import type { ServiceContext } from "./context";
import { written } from "./written";

/**
 * What a key of each scope can do, as the Gatehouse permissions a signed-in user would need for
 * the same routes: a key's calls are checked against its scopes only, so its creator must hold
 * every permission of every route the scope opens (least privilege: nobody hands a key more than
 * they hold). `check` reads any member's decisions, as users.view does. api-keys.test.ts proves
 * each list covers every route of its scope. What a `write` key may GRANT is bounded again at
 * write time by its creator's effective set (requireHolds in write-transaction.ts).
 */
export const SCOPE_NEEDS: Record<ApiKeyScope, readonly string[]> = {
  check: ["gatehouse.users.view"],
  read: [
    "gatehouse.roles.view",
    "gatehouse.users.view",
    "gatehouse.permissions.view",
    "gatehouse.templates.view",
    "gatehouse.approvals.view",
    "gatehouse.audit.view",
    "gatehouse.api_keys.view",
    "gatehouse.stats.view",
  ],
  write: [
    "gatehouse.roles.manage",
    "gatehouse.users.manage",
    "gatehouse.permissions.manage",
    "gatehouse.templates.manage",
    "gatehouse.approvals.manage",
    "gatehouse.api_keys.manage",
  ],
};

const view = (k: typeof apiKeys.$inferSelect) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  scopes: k.scopes,
  created_by: k.createdBy,
  created_at: k.createdAt.toISOString(),
  last_used_at: k.lastUsedAt?.toISOString() ?? null,
  revoked_at: k.revokedAt?.toISOString() ?? null,
  expires_at: k.expiresAt?.toISOString() ?? null,
});

export async function listApiKeys(ctx: ServiceContext) {
  const { db, principal } = ctx;
  await authorize(principal, "gatehouse.api_keys.view");
  const rows = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.tenantId, tenantOf(principal)))
    .orderBy(desc(apiKeys.createdAt));
  return { data: rows.map(view), next_cursor: null };
}

/** Creates a key; the secret is in this answer and nowhere else, ever. */
export async function createApiKey(ctx: ServiceContext, input: CreateApiKeyRequest) {
  const { db, principal, meta } = ctx;
  await authorize(principal, "gatehouse.api_keys.manage");
  const tenantId = tenantOf(principal);
  if (principal.kind !== "user")
    return refuse(
      ctx,
      ApiError.forbidden("An API key cannot create API keys: a person creates them, with what they hold."),
    );
  if (!principal.isSuperAdmin) {
    const compiled = await tenantDecisions(tenantId, [principal.userId]);
    // A key acts tenant-wide and unconditioned (its calls carry no resource): its creator must
    // hold each need as widely (docs/design.md §3.5), not under a scope or conditions.
    const missing = [...new Set(input.scopes.flatMap((s) => SCOPE_NEEDS[s]))].filter(
      (code) => !compiled?.holdsAtLeast(principal.userId, { code, scope: "organization", conditions: null }),
    );
    if (missing.length) {
      return refuse(
        ctx,
        ApiError.forbidden(`A key with these scopes could do what you cannot: you lack ${missing.join(", ")}.`, {
          missing_permissions: missing,
        }),
      );
    }
  }
  const { key, prefix, secretHash } = generateApiKey();
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiKeys)
      .values({
        tenantId,
        name: input.name,
        prefix,
        secretHash,
        scopes: input.scopes,
        createdBy: principal.userId,
        expiresAt: input.expires_at ? new Date(input.expires_at) : null,
      })
      .returning();
    await appendAudit(tx, tenantId, principal, meta, [
      {
        action: "api_key.created",
        targetType: "api_key",
        targetId: created!.id,
        after: { name: input.name, prefix, scopes: input.scopes, expires_at: input.expires_at ?? null },
      },
    ]);
    return { created: created!, permVersion: await currentPermVersion(tx, tenantId) };
  });
  return written({ ...view(row.created), secret: key }, row.permVersion, { created: true });
}

/**
 * Revokes at once: the api_keys trigger announces it at commit, and every instance drops the key
 * from its cache. The answer waits (at most a second) until this instance has heard that
 * announcement, so a caller that revokes and then tries the key anywhere finds it refused.
 */
export async function revokeApiKey(ctx: ServiceContext, id: string) {
  const { db, principal, meta } = ctx;
  await authorize(principal, "gatehouse.api_keys.manage");
  const tenantId = tenantOf(principal);
  const verifier = await apiKeyVerifier();
  // Set inside the transaction, once the key's prefix is known.
  const wait: { heard?: ReturnType<typeof verifier.announced> } = {};
  try {
    const permVersion = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiKeys.id, id), eq(apiKeys.tenantId, tenantId), isNull(apiKeys.revokedAt)))
        .returning();
      if (!row) throw ApiError.notFound("API key");
      wait.heard = verifier.announced(row.prefix);
      await appendAudit(tx, tenantId, principal, meta, [
        {
          action: "api_key.revoked",
          targetType: "api_key",
          targetId: id,
          before: { name: row.name, prefix: row.prefix },
        },
      ]);
      return currentPermVersion(tx, tenantId);
    });
    await wait.heard?.done;
    return written(null, permVersion);
  } finally {
    wait.heard?.cancel();
  }
}
