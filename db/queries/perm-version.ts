import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { tenants } from "../schema";

export const PERM_CHANNEL = "gatehouse_perm";

/**
 * The one helper every write path calls inside its transaction: bumps the tenant's perm_version
 * (`"all"`: a global catalog change bumps every tenant) and queues a NOTIFY that PostgreSQL
 * delivers at commit — a rolled-back change notifies nobody. Returns the new version (or 0 for all).
 */
export async function bumpPermVersion(tx: DbOrTx, tenantId: string | "all"): Promise<number> {
  if (tenantId === "all") {
    await tx.update(tenants).set({ permVersion: sql`${tenants.permVersion} + 1` });
    await tx.execute(sql`select pg_notify(${PERM_CHANNEL}, ${JSON.stringify({ all: true })})`);
    return 0;
  }
  const [row] = await tx
    .update(tenants)
    .set({ permVersion: sql`${tenants.permVersion} + 1` })
    .where(eq(tenants.id, tenantId))
    .returning({ permVersion: tenants.permVersion });
  if (!row) throw new Error(`bumpPermVersion: no tenant ${tenantId}`);
  await tx.execute(
    sql`select pg_notify(${PERM_CHANNEL}, ${JSON.stringify({ tenant_id: tenantId, perm_version: row.permVersion })})`,
  );
  return row.permVersion;
}

export async function currentPermVersion(db: DbOrTx, tenantId: string): Promise<number | null> {
  const [row] = await db.select({ v: tenants.permVersion }).from(tenants).where(eq(tenants.id, tenantId));
  return row?.v ?? null;
}
