import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { permissions, templatePermissions, templates } from "../schema";

/** Global templates and the tenant's own (`null`: global ones only). */
const visibleTo = (tenantId: string | null) =>
  tenantId ? or(isNull(templates.tenantId), eq(templates.tenantId, tenantId)) : isNull(templates.tenantId);

/** Templates a tenant sees, ordered by name (keyset-paginated). */
export function listTemplates(
  db: DbOrTx,
  tenantId: string,
  f: { search?: string; after: { name: string; id: string } | null; limit: number },
) {
  const search = f.search ? `%${f.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return db
    .select()
    .from(templates)
    .where(
      and(
        visibleTo(tenantId),
        search
          ? sql`(lower(${templates.name}) like ${search} or lower(coalesce(${templates.description}, '')) like ${search})`
          : undefined,
        f.after
          ? sql`(lower(${templates.name}), ${templates.id}) > (lower(${f.after.name}), ${f.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(sql`lower(${templates.name})`, asc(templates.id))
    .limit(f.limit + 1);
}

/** One template the tenant sees, or null — alike for unknown ids and another tenant's. */
export async function findTemplate(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(templates)
    .where(and(eq(templates.id, id), visibleTo(tenantId)));
  return row ?? null;
}

/** A template with this name in the same scope (global, or the tenant's own), case-insensitive. */
export async function templateNamed(db: DbOrTx, owner: string | null, name: string) {
  const [row] = await db
    .select({ id: templates.id })
    .from(templates)
    .where(
      and(
        owner ? eq(templates.tenantId, owner) : isNull(templates.tenantId),
        sql`lower(${templates.name}) = ${name.toLowerCase()}`,
      ),
    );
  return row ?? null;
}

/** The `{code: effect}` entries of some templates. */
export function templateEntries(db: DbOrTx, templateIds: string[]) {
  if (!templateIds.length) return Promise.resolve([]);
  return db
    .select({ templateId: templatePermissions.templateId, code: permissions.code, effect: templatePermissions.effect })
    .from(templatePermissions)
    .innerJoin(permissions, eq(permissions.id, templatePermissions.permissionId))
    .where(inArray(templatePermissions.templateId, templateIds))
    .orderBy(asc(permissions.code));
}
