import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { apiKeys } from "../schema";

export async function findApiKeyByPrefix(db: DbOrTx, prefix: string) {
  const [key] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix));
  return key ?? null;
}

export async function touchApiKeys(db: DbOrTx, used: Map<string, Date>) {
  for (const [id, at] of used) await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
}
