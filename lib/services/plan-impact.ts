import "server-only";
import { findPlan, menuItemsAndFeatures } from "@/db/queries/plans";
import { findTenantRow } from "@/db/queries/tenants";
import { ApiError } from "@/lib/errors";
import type { ServiceContext } from "./context";
import { countHolders } from "./permission-holders";
import { requireSuperAdmin } from "./tenants";

/**
 * What moving a tenant to another plan (or to none) would change, before it is confirmed: the menu
 * items it gains and loses, and for each one lost how many members hold its permission today (they
 * lose it: rule 3 denies it once the plan leaves it out). Counted with the holders' own query and
 * decisions, so the number is the one "Who has it?" shows. No plan means every menu item.
 */
export async function planChangeImpact(ctx: ServiceContext, tenantId: string, planId: string | null) {
  const { db, principal } = ctx;
  requireSuperAdmin(principal);
  const tenant = await findTenantRow(db, tenantId);
  if (!tenant) throw ApiError.notFound("tenant");
  const target = planId ? await findPlan(db, planId) : null;
  if (planId && !target) throw ApiError.notFound("plan");
  const [items, features] = await menuItemsAndFeatures(db);
  const includes = (plan: string | null) => {
    if (plan === null) return () => true;
    const ids = new Set(features.filter((f) => f.planId === plan && f.included).map((f) => f.menuItemId));
    return (itemId: string) => ids.has(itemId);
  };
  const before = includes(tenant.planId);
  const after = includes(planId);
  const active = items.filter((i) => i.isActive);
  const describe = (i: (typeof items)[number]) => ({
    menu_item: i.code,
    name: i.name,
    permission_code: i.permissionCode,
  });
  const lost = await Promise.all(
    active
      .filter((i) => before(i.id) && !after(i.id))
      .map(async (i) => ({
        ...describe(i),
        users_losing_access: i.permissionCode ? await countHolders(db, tenantId, i.permissionCode) : 0,
      })),
  );
  return {
    tenant_id: tenantId,
    from_plan: tenant.planId ? { id: tenant.planId, name: tenant.planName ?? "" } : null,
    to_plan: target ? { id: target.id, name: target.name, description: target.description } : null,
    gained: active.filter((i) => !before(i.id) && after(i.id)).map(describe),
    lost,
  };
}
