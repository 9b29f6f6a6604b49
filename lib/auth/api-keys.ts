import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import { findApiKeyByPrefix, touchApiKeys } from "@/db/queries/api-keys";
import { ApiError } from "@/lib/api/problem";
import { compiledTenant } from "@/lib/permissions/server";

import type { ApiKeyScope } from "@/lib/validation/api-keys";

export type { ApiKeyScope };

/**
 * Keys look like `gh_<12 hex prefix>_<43 char secret>`. The prefix is stored and shown and finds the
 * key; the secret is 256 random bits, stored only as its SHA-256 (a slow hash adds nothing to a
 * secret of that entropy) and compared in constant time.
 */
export function generateApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = `gh_${randomBytes(6).toString("hex")}`;
  const secret = randomBytes(32).toString("base64url");
  return { key: `${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const m = /^(gh_[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(key);
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

export interface ApiKeyPrincipal {
  id: string;
  tenantId: string;
  name: string;
  scopes: ApiKeyScope[];
  /** The user who created the key: its grants are bounded by that user's effective set (null: deleted). */
  createdBy: string | null;
}

/** The key's principal, or null for a malformed, unknown, wrong or revoked key (all alike). */
export async function verifyApiKey(db: Db, key: string): Promise<ApiKeyPrincipal | null> {
  const parsed = parseApiKey(key);
  if (!parsed) return null;
  const row = await findApiKeyByPrefix(db, parsed.prefix);
  const expected = Buffer.from(row?.secretHash ?? "0".repeat(64), "hex");
  const given = Buffer.from(hashSecret(parsed.secret), "hex");
  const match = timingSafeEqual(expected, given);
  if (!row || !match || row.revokedAt) return null;
  markUsed(db, row.id);
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    scopes: row.scopes as ApiKeyScope[],
    createdBy: row.createdBy,
  };
}

/**
 * A key acts with its creator's authority, never more: it may use a route only while its creator
 * still holds the route's permission in the key's tenant (a creator who left, was disabled or was
 * deleted holds nothing). Its scopes were checked against the creator when it was made; this keeps
 * that true afterwards. For the route wrapper: `if (spec.permission) await requireKeyCreatorHolds(apiKey, spec.permission)`.
 */
export async function requireKeyCreatorHolds(apiKey: ApiKeyPrincipal, code: string): Promise<void> {
  const compiled = apiKey.createdBy === null ? null : await compiledTenant(apiKey.tenantId);
  if (compiled?.decide(apiKey.createdBy!, code).granted) return;
  throw ApiError.forbidden(`The API key's creator no longer holds ${code}, so the key may not use this route.`, {
    missing_permission: code,
    key_creator_id: apiKey.createdBy,
  });
}

// last_used_at is kept in memory and written at most every 30 s, never a write per request.
const pending = new Map<string, Date>();
let timer: NodeJS.Timeout | null = null;
function markUsed(db: Db, id: string) {
  pending.set(id, new Date());
  timer ??= setTimeout(() => {
    timer = null;
    const batch = new Map(pending);
    pending.clear();
    void touchApiKeys(db, batch).catch((error: unknown) => console.error("api keys: last_used_at flush failed", error));
  }, 30_000).unref();
}
