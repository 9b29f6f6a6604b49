import "server-only";
import { asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { catalogOfTenant } from "@/db/queries/catalog";
import { listPlanRows } from "@/db/queries/plans";
import { tenantGrantCodes } from "@/db/queries/roles";
import { modules, roles } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import { isPlatformOnly } from "@/lib/permissions/gatehouse-codes";
import { tenantDecisions } from "@/lib/permissions/server";
import type { matrixQuery } from "@/lib/validation/roles";
import type { ServiceContext } from "./context";

/**
 * Roles as columns, permissions as rows, and who holds what (Admin: everything, as a rule). Each
 * permission says whether the tenant's plan leaves it out (`out_of_plan`: the menu item, and the
 * plans that include it), decided by the engine's plan rule, so editors mark it "Not in ‹plan›"
 * rather than offer it, and show a grant of it left over from a downgrade as inert.
 */
export async function getMatrix(ctx: ServiceContext, query: z.infer<typeof matrixQuery>) {
  const { db, principal } = ctx;
  await authorize(principal, "gatehouse.roles.view");
  const tenantId = tenantOf(principal);
  const [roleRows, catalog, grants, moduleRows, planRows, compiled] = await Promise.all([
    db.select().from(roles).where(eq(roles.tenantId, tenantId)).orderBy(asc(roles.name)),
    catalogOfTenant(db, tenantId),
    tenantGrantCodes(db, tenantId),
    db.select({ id: modules.id, code: modules.code, name: modules.name }).from(modules),
    listPlanRows(db, true),
    tenantDecisions(tenantId, []),
  ]);
  const planName = new Map(planRows.map((p) => [p.code, p.name]));
  const planOrder = new Map(planRows.map((p, i) => [p.code, i]));
  const outOfPlan = (code: string) => {
    const gate = compiled?.outOfPlan(code);
    return gate
      ? {
          menu_item: gate.item.code,
          menu_item_name: gate.item.name,
          plans: [...gate.plans]
            .sort((a, b) => (planOrder.get(a) ?? 0) - (planOrder.get(b) ?? 0))
            .map((c) => ({ code: c, name: planName.get(c) ?? c })),
        }
      : null;
  };
  const moduleById = new Map(moduleRows.map((m) => [m.id, m]));
  const search = query.search?.toLowerCase();
  const permissions = catalog
    .filter(
      (p) =>
        (!query.module || moduleById.get(p.moduleId ?? "")?.code === query.module) &&
        (!query.category || p.category === query.category),
    )
    .filter((p) => !search || p.code.includes(search) || p.name.toLowerCase().includes(search))
    // An editor of a tenant's grants: platform-only codes cannot be granted here (§3.5), so not offered.
    .filter((p) => !isPlatformOnly(p.code))
    .map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      description: p.description,
      module: moduleById.get(p.moduleId ?? "")?.code ?? null,
      category: p.category,
      risk_level: p.riskLevel,
      requires_mfa: p.requiresMfa,
      requires_approval: p.requiresApproval,
      is_system: p.isSystem,
      is_active: p.isActive,
      deprecated: p.deprecated,
      out_of_plan: outOfPlan(p.code),
    }));
  const visible = new Set(permissions.map((p) => p.code));
  const byRole: Record<string, string[]> = {};
  for (const r of roleRows) byRole[r.id] = r.grantsAll ? [...visible] : [];
  for (const g of grants)
    if (visible.has(g.code) && !roleRows.find((r) => r.id === g.roleId)?.grantsAll) byRole[g.roleId]?.push(g.code);
  for (const codes of Object.values(byRole)) codes.sort();
  const plan = compiled?.plan ?? null;
  return {
    plan: plan && { code: plan.code, name: plan.name },
    roles: roleRows.map((r) => ({
      id: r.id,
      name: r.name,
      version: r.version,
      is_system: r.isSystem,
      grants_all: r.grantsAll,
    })),
    permissions,
    grants: byRole,
  };
}
