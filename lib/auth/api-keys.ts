import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import { findApiKeyByPrefix, touchApiKeys } from "@/db/queries/api-keys";

import type { ApiKeyScope } from "@/lib/validation/api-keys";
import type { ApiKeyPrincipal } from "./principal";

export type { ApiKeyPrincipal, ApiKeyScope };

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
