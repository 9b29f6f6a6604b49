import { and, desc, eq, getTableColumns, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../client";
import { approvalRequests, permissions, roles, users } from "../schema";

const requester = alias(users, "requester");
const decider = alias(users, "decider");
const target = alias(users, "target_user");

/** Microsecond-exact creation time: a cursor of JS milliseconds would skip or repeat rows. */
const createdKey = sql<string>`to_char(${approvalRequests.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface ApprovalFilter {
  status?: string;
  after?: { created: string; id: string } | null;
  limit: number;
}

/** A tenant's approval requests with what they would grant, newest first (keyset-paginated). */
export function listApprovalRows(db: DbOrTx, tenantId: string, f: ApprovalFilter) {
  return db
    .select({
      id: approvalRequests.id,
      kind: approvalRequests.kind,
      status: approvalRequests.status,
      payload: approvalRequests.payload,
      reason: approvalRequests.reason,
      createdAt: approvalRequests.createdAt,
      decidedAt: approvalRequests.decidedAt,
      createdKey,
      roleId: roles.id,
      roleName: roles.name,
      userId: target.id,
      userEmail: target.email,
      permissionId: permissions.id,
      code: permissions.code,
      permissionName: permissions.name,
      riskLevel: permissions.riskLevel,
      requestedById: requester.id,
      requestedByEmail: requester.email,
      decidedById: decider.id,
      decidedByEmail: decider.email,
    })
    .from(approvalRequests)
    .innerJoin(permissions, eq(permissions.id, approvalRequests.permissionId))
    .innerJoin(requester, eq(requester.id, approvalRequests.requestedBy))
    .leftJoin(decider, eq(decider.id, approvalRequests.decidedBy))
    .leftJoin(roles, and(eq(roles.id, approvalRequests.roleId), eq(roles.tenantId, approvalRequests.tenantId)))
    .leftJoin(target, eq(target.id, approvalRequests.userId))
    .where(
      and(
        eq(approvalRequests.tenantId, tenantId),
        f.status ? eq(approvalRequests.status, f.status) : undefined,
        f.after
          ? sql`(${approvalRequests.createdAt}, ${approvalRequests.id}) < (${f.after.created}::timestamptz, ${f.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(approvalRequests.createdAt), desc(approvalRequests.id))
    .limit(f.limit + 1);
}

/** The request, row-locked for the deciding transaction; null for unknown ids and other tenants' alike. */
export async function lockApproval(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select({
      ...getTableColumns(approvalRequests),
      code: sql<string>`(select p.code from permissions p where p.id = ${approvalRequests.permissionId})`,
    })
    .from(approvalRequests)
    .where(and(eq(approvalRequests.id, id), eq(approvalRequests.tenantId, tenantId)))
    .for("update");
  return row ?? null;
}

export async function markDecided(
  db: DbOrTx,
  id: string,
  status: "approved" | "rejected",
  decidedBy: string,
  reason: string | null,
) {
  const [row] = await db
    .update(approvalRequests)
    .set({ status, decidedBy, reason, decidedAt: new Date() })
    .where(eq(approvalRequests.id, id))
    .returning();
  return row!;
}
