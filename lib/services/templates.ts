import "server-only";
import type { DbOrTx } from "@/db/client";
import { findTemplate, listTemplates, templateEntries } from "@/db/queries/templates";
import type { templates } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import type { ServiceContext } from "./context";
import { LISTS, paginate } from "./paging";

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
  ctx: ServiceContext,
  query: { search?: string; limit: number; cursor?: string },
) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW_TEMPLATES);
  const { rows: pageRows, next_cursor } = await paginate(
    LISTS.templates,
    query,
    (after, limit) =>
      listTemplates(db, tenantOf(principal), {
        search: query.search,
        after,
        limit,
      }),
    (t) => ({ name: t.name, id: t.id }),
  );
  const entries = await templateEntries(
    db,
    pageRows.map((t) => t.id),
  );
  return {
    data: pageRows.map((t) => templateBody(t, entries)),
    next_cursor,
  };
}

/** A template of the caller's tenant or a global one, or 404 — alike for unknown ids and another tenant's. */
export async function templateOr404(db: DbOrTx, tenantId: string, id: string) {
  const row = await findTemplate(db, tenantId, id);
  if (!row) throw ApiError.notFound("template");
  return row;
}

export async function getTemplate(ctx: ServiceContext, id: string) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW_TEMPLATES);
  const row = await templateOr404(db, tenantOf(principal), id);
  return templateBody(row, await templateEntries(db, [row.id]));
}
