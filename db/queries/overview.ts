import { and, count, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { approvalRequests, memberships, roles } from "../schema";

/** Headline numbers of a tenant for the console's overview. */
export async function tenantOverview(db: DbOrTx, tenantId: string) {
  const [[r], [m], [a]] = await Promise.all([
    db.select({ n: count() }).from(roles).where(eq(roles.tenantId, tenantId)),
    db.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, tenantId)),
    db
      .select({ n: count() })
      .from(approvalRequests)
      .where(and(eq(approvalRequests.tenantId, tenantId), eq(approvalRequests.status, "pending"))),
  ]);
  return { roles: r?.n ?? 0, members: m?.n ?? 0, pendingApprovals: a?.n ?? 0 };
}
