import type { Db } from "@/db/client";
import { listAuditEntries } from "@/db/queries/audit";
import { decodeCursor, encodeCursor } from "@/lib/api/cursor";
import { type Principal, requireUserPermission, tenantOf } from "@/lib/api/route";
import type { AuditQuery } from "@/lib/validation/audit";
import { verifyAuditChain } from "./audit";

export async function listAudit(db: Db, principal: Principal, q: AuditQuery) {
  await requireUserPermission(principal, "gatehouse.audit.view");
  const pos = decodeCursor(q.cursor);
  const rows = await listAuditEntries(db, tenantOf(principal), {
    actorId: q.actor_id, targetType: q.target_type, targetId: q.target_id, action: q.action,
    from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined,
    beforeSeq: pos ? Number(pos[0]) : undefined, limit: q.limit,
  });
  const page = rows.slice(0, q.limit);
  return {
    data: page.map((e) => ({
      id: e.id, seq: e.seq, created_at: e.createdAt.toISOString(), actor_type: e.actorType, actor_id: e.actorId, actor: e.actorLabel,
      action: e.action, target_type: e.targetType, target_id: e.targetId, permission_code: e.permissionCode,
      before: e.before, after: e.after, ip: e.ip, user_agent: e.userAgent, notes: e.notes, hash: e.hash,
    })),
    next_cursor: rows.length > q.limit && page.length ? encodeCursor([page.at(-1)!.seq]) : null,
  };
}

export async function verifyTenantAudit(db: Db, principal: Principal) {
  await requireUserPermission(principal, "gatehouse.audit.view");
  return verifyAuditChain(db, tenantOf(principal));
}
