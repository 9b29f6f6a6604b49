import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { memberships, plans, tenants, users } from "../schema";

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return user ?? null;
}

export async function findUserById(db: DbOrTx, id: string) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user ?? null;
}

/** The tenants a user may act in: active memberships; a super-admin may act in every tenant. */
export async function tenantsOfUser(db: DbOrTx, user: { id: string; isSuperAdmin: boolean }) {
  const cols = {
    id: tenants.id,
    name: tenants.name,
    slug: tenants.slug,
    planId: tenants.planId,
    planName: plans.name,
    planCode: plans.code,
    permVersion: tenants.permVersion,
  };
  if (user.isSuperAdmin)
    return db.select(cols).from(tenants).leftJoin(plans, eq(plans.id, tenants.planId)).orderBy(asc(tenants.name));
  return db
    .select(cols)
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .leftJoin(plans, eq(plans.id, tenants.planId))
    .where(and(eq(memberships.userId, user.id), eq(memberships.status, "active")))
    .orderBy(asc(tenants.name));
}
