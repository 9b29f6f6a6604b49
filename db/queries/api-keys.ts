import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { apiKeys } from "../schema";

/**
 * Announces a changed key (its prefix) to every instance's key cache. A trigger on api_keys
 * (migration 0007_api_keys_notify) sends it from the changing transaction, so no write path can
 * forget it and it is delivered at commit.
 */
export const API_KEY_CHANNEL = "gatehouse_api_keys";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export async function findApiKeyByPrefix(db: DbOrTx, prefix: string): Promise<ApiKeyRow | null> {
  const [key] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix));
  return key ?? null;
}

export async function touchApiKeys(db: DbOrTx, used: Map<string, Date>) {
  for (const [id, at] of used) await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
}
