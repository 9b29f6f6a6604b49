import type { Db, DbOrTx } from "@/db/client";
import { findTemplate, listTemplates, templateEntries } from "@/db/queries/templates";
import type { templates } from "@/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/api/cursor";
import { ApiError } from "@/lib/api/problem";
import { type Principal, requireUserPermission, tenantOf } from "@/lib/api/route";

export const VIEW_TEMPLATES = "gatehouse.templates.view";
export const MANAGE_TEMPLATES = "gatehouse.templates.manage";

type TemplateRow = typeof templates.$inferSelect;
type Entry = { templateId: string; code: string; effect: string };

export function templateBody(t: TemplateRow, entries: Entry[]) {
  const permissions = Object.fromEntries(entries.filter((e) => e.templateId === t.id).map((e) => [e.code, e.effect]));
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    is_global: t.tenantId === null,
    tenant_id: t.tenantId,
    permissions,
    permission_count: Object.keys(permissions).length,
    created_by: t.createdBy,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
  };
}

export async function listTenantTemplates(
  db: Db,
  principal: Principal,
  query: { search?: string; limit: number; cursor?: string },
) {
  await requireUserPermission(principal, VIEW_TEMPLATES);
  const pos = decodeCursor(query.cursor);
  const rows = await listTemplates(db, tenantOf(principal), {
    search: query.search,
    after: pos ? { name: String(pos[0]), id: String(pos[1]) } : null,
    limit: query.limit,
  });
  const pageRows = rows.slice(0, query.limit);
  const entries = await templateEntries(
    db,
    pageRows.map((t) => t.id),
  );
  const last = pageRows.at(-1);
  return {
    data: pageRows.map((t) => templateBody(t, entries)),
    next_cursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

/** A template of the caller's tenant or a global one, or 404 — alike for unknown ids and another tenant's. */
export async function templateOr404(db: DbOrTx, tenantId: string, id: string) {
  const row = await findTemplate(db, tenantId, id);
  if (!row) throw ApiError.notFound("template");
  return row;
}

export async function getTemplate(db: Db, principal: Principal, id: string) {
  await requireUserPermission(principal, VIEW_TEMPLATES);
  const row = await templateOr404(db, tenantOf(principal), id);
  return templateBody(row, await templateEntries(db, [row.id]));
}
