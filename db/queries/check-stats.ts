import { sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { checkStats } from "../schema";

/** Adds counters to check_stats (one upsert for the whole batch). */
export async function addCheckStats(
  db: DbOrTx,
  rows: { tenantId: string; code: string; day: string; allowed: number; denied: number }[],
) {
  if (!rows.length) return;
  await db
    .insert(checkStats)
    .values(
      rows.map((r) => ({
        tenantId: r.tenantId,
        permissionCode: r.code,
        day: r.day,
        allowed: r.allowed,
        denied: r.denied,
      })),
    )
    .onConflictDoUpdate({
      target: [checkStats.tenantId, checkStats.day, checkStats.permissionCode],
      set: {
        allowed: sql`${checkStats.allowed} + excluded.allowed`,
        denied: sql`${checkStats.denied} + excluded.denied`,
      },
    });
}
