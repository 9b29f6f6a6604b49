import "server-only";
import { type AuditFilter, auditExportBatch, auditSeqOf, lastAuditSeq, listAuditEntries } from "@/db/queries/audit";
import type { auditEntries } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { type Principal, tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import type { AuditQuery, AuditVerifyQuery } from "@/lib/validation/audit";
import { verifyAuditChain } from "./audit-chain";
import type { ServiceContext } from "./context";
import { Download } from "./download";
import { LISTS, paginate } from "./paging";

type AuditRow = typeof auditEntries.$inferSelect;

const filterOf = (q: AuditQuery): AuditFilter => ({
  actorId: q.actor_id,
  targetType: q.target_type,
  targetId: q.target_id,
  action: q.action,
  from: q.from ? new Date(q.from) : undefined,
  to: q.to ? new Date(q.to) : undefined,
});

/**
 * The chain a read is about: the caller's tenant's, or with `scope=platform` the tenant-less one
 * (plans, the global catalog and templates), which only a platform super-admin may read: it spans
 * every tenant, so no tenant permission opens it (an API key, being a tenant's, never does).
 */
async function chainOf(principal: Principal, scope: "tenant" | "platform"): Promise<string | null> {
  await authorize(principal, "gatehouse.audit.view");
  if (scope === "tenant") return tenantOf(principal);
  if (principal.kind !== "user" || !principal.isSuperAdmin) {
    throw ApiError.forbidden("Only a platform super-admin may read the platform audit log (scope=platform).", {
      required: "super-admin",
    });
  }
  return null;
}

export async function listAudit(ctx: ServiceContext, q: AuditQuery) {
  const { db, principal } = ctx;
  const chain = await chainOf(principal, q.scope);
  const { rows: page, next_cursor } = await paginate(
    LISTS.audit,
    q,
    (after, limit) => listAuditEntries(db, chain, { ...filterOf(q), beforeSeq: after?.seq, limit }),
    (e) => ({ seq: e.seq }),
  );
  return {
    data: page.map((e) => ({
      id: e.id,
      seq: e.seq,
      created_at: e.createdAt.toISOString(),
      actor_type: e.actorType,
      actor_id: e.actorId,
      actor: e.actorLabel,
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      permission_code: e.permissionCode,
      before: e.before,
      after: e.after,
      ip: e.ip,
      user_agent: e.userAgent,
      notes: e.notes,
      hash: e.hash,
    })),
    next_cursor,
  };
}

/**
 * The chain check, with the broken entry's position so a person can find it in the log: a removed
 * tail is broken from its first missing position.
 */
export async function verifyTenantAudit(ctx: ServiceContext, q: AuditVerifyQuery = { scope: "tenant" }) {
  const { db, principal } = ctx;
  const tenantId = await chainOf(principal, q.scope);
  const result = await verifyAuditChain(db, tenantId);
  return {
    ...result,
    first_broken_seq: result.first_broken_id
      ? await auditSeqOf(db, tenantId, result.first_broken_id)
      : (result.missing_tail?.from_seq ?? null),
  };
}

// ---- CSV export ------------------------------------------------------------------------------

const CSV_COLUMNS = [
  "seq",
  "created_at",
  "actor_type",
  "actor_id",
  "actor",
  "action",
  "target_type",
  "target_id",
  "permission_code",
  "before",
  "after",
  "ip",
  "user_agent",
  "notes",
  "hash",
] as const;
const EXPORT_BATCH = 500;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
 * A text that a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading `'`
 * (OWASP "CSV injection"): notes and names are typed by people, the file is opened by others.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (fields: unknown[]) => `${fields.map(csvField).join(",")}\r\n`;

const csvRecord = (e: AuditRow) =>
  csvLine([
    e.seq,
    e.createdAt.toISOString(),
    e.actorType,
    e.actorId,
    e.actorLabel,
    e.action,
    e.targetType,
    e.targetId,
    e.permissionCode,
    e.before,
    e.after,
    e.ip,
    e.userAgent,
    e.notes,
    e.hash,
  ]);

/**
 * The filtered log as a streamed CSV download, oldest first. Every entry up to the chain's end
 * when the export starts (a consistent cut: entries appended meanwhile are not half-included);
 * read in batches by seq, so memory holds one batch whatever the log's size. `limit` and
 * `cursor` do not apply: an export is the whole filtered log.
 */
export async function exportAuditCsv(ctx: ServiceContext, q: AuditQuery): Promise<Download> {
  const { db, principal } = ctx;
  const tenantId = await chainOf(principal, q.scope);
  const filter = filterOf(q);
  const until = await lastAuditSeq(db, tenantId);
  const encoder = new TextEncoder();
  let after = 0;
  let headerSent = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvLine([...CSV_COLUMNS])));
          return;
        }
        try {
          const rows = await auditExportBatch(db, tenantId, filter, after, until, EXPORT_BATCH);
          if (rows.length) {
            controller.enqueue(encoder.encode(rows.map(csvRecord).join("")));
            after = rows.at(-1)!.seq;
          }
          if (rows.length < EXPORT_BATCH) controller.close();
        } catch (error) {
          console.error("audit export failed", error);
          controller.error(error);
        }
      },
    },
    { highWaterMark: 1 },
  );
  const slug = tenantId === null ? "platform" : principal.kind === "user" ? principal.viewer.tenant?.slug : undefined;
  const filename = `audit-${slug ?? "tenant"}-${new Date().toISOString().slice(0, 19).replaceAll(":", "")}Z.csv`;
  return new Download(filename, "text/csv; charset=utf-8", body);
}
