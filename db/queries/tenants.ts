import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { plans, tenants } from "../schema";

const columns = {
  id: tenants.id,
  name: tenants.name,
  slug: tenants.slug,
  planId: tenants.planId,
  planCode: plans.code,
  planName: plans.name,
  permVersion: tenants.permVersion,
  createdAt: tenants.createdAt,
  updatedAt: tenants.updatedAt,
  memberCount: sql<number>`(select count(*)::int from memberships m where m.tenant_id = ${tenants.id} and m.status = 'active')`,
};

export interface TenantListFilter {
  search?: string;
  after?: { name: string; id: string } | null;
  limit: number;
}

/** Tenants with their plan, ordered by name (keyset-paginated; one extra row tells if more follow). */
export function listTenantRows(db: DbOrTx, f: TenantListFilter) {
  const search = f.search ? `%${f.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return db
    .select(columns)
    .from(tenants)
    .leftJoin(plans, eq(plans.id, tenants.planId))
    .where(
      and(
        search ? sql`(lower(${tenants.name}) like ${search} or ${tenants.slug} like ${search})` : undefined,
        f.after
          ? sql`(lower(${tenants.name}), ${tenants.id}) > (lower(${f.after.name}), ${f.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(sql`lower(${tenants.name})`, asc(tenants.id))
    .limit(f.limit + 1);
}

export async function findTenantRow(db: DbOrTx, id: string) {
  const [row] = await db
    .select(columns)
    .from(tenants)
    .leftJoin(plans, eq(plans.id, tenants.planId))
    .where(eq(tenants.id, id));
  return row ?? null;
}

export async function findTenantBySlug(db: DbOrTx, slug: string) {
  const [row] = await db.select({ id: tenants.id, slug: tenants.slug }).from(tenants).where(eq(tenants.slug, slug));
  return row ?? null;
}

export async function slugTaken(db: DbOrTx, slug: string, exceptId: string | null) {
  const [row] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug));
  return !!row && row.id !== exceptId;
}

/** Tenants on a plan (whose decisions a change of that plan alters). */
export function tenantIdsOnPlan(db: DbOrTx, planId: string) {
  return db.select({ id: tenants.id }).from(tenants).where(eq(tenants.planId, planId));
}
