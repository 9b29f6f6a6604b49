import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { tenants } from "../schema";

export const PERM_CHANNEL = "gatehouse_perm";

/** What a change touched (docs/design.md §5): the tenant's policy, some users' assignments, or both. */
export interface PermChange {
  policy?: boolean;
  users?: readonly string[];
}

/** More users than this in one change: the NOTIFY says "every user" (a payload holds 8,000 bytes). */
const MAX_NAMED_USERS = 100;

/**
 * The one helper every write path calls inside its transaction: bumps the tenant's perm_version
 * (`"all"`: a global catalog change bumps every tenant) and queues a NOTIFY that PostgreSQL
 * delivers at commit — a rolled-back change notifies nobody. The payload says what changed, so
 * instances drop only that: `{tenant_id, perm_version, policy?: true, users?: [ids] | "all"}`.
 * A change that names nothing drops everything of the tenant (the safe default).
 * Returns the new version (or 0 for all).
 */
export async function bumpPermVersion(tx: DbOrTx, tenantId: string | "all", change: PermChange = {}): Promise<number> {
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
  await tx.execute(sql`select pg_notify(${PERM_CHANNEL}, ${permNotice(tenantId, row.permVersion, change)})`);
  return row.permVersion;
}

/** The NOTIFY payload of a change (also applied at once by the writing instance). */
export function permNotice(tenantId: string, permVersion: number, change: PermChange): string {
  const users = change.users === undefined ? undefined : [...new Set(change.users)];
  const named = change.policy === true || (users !== undefined && users.length > 0);
  return JSON.stringify({
    tenant_id: tenantId,
    perm_version: permVersion,
    ...(change.policy === true || !named ? { policy: true } : {}),
    ...(users !== undefined && users.length > 0
      ? { users: users.length > MAX_NAMED_USERS ? "all" : users }
      : named
        ? {}
        : { users: "all" }),
  });
}

export async function currentPermVersion(db: DbOrTx, tenantId: string): Promise<number | null> {
  const [row] = await db.select({ v: tenants.permVersion }).from(tenants).where(eq(tenants.id, tenantId));
  return row?.v ?? null;
}

/** Sends a message on the change channel to every instance (`gatehouse cache`): no version is bumped. */
export async function notifyInstances(db: DbOrTx, payload: object): Promise<void> {
  await db.execute(sql`select pg_notify(${PERM_CHANNEL}, ${JSON.stringify(payload)})`);
}
