import "server-only";
import type { Db } from "@/db/client";
import { navigationCatalog } from "@/db/queries/navigation";
import { listPlanRows } from "@/db/queries/plans";
import type { CompiledTenant } from "@/lib/permissions/engine";
import type { LockedMenuItem, MenuModule, MyMenus } from "@/lib/query/me";

/**
 * The product's navigation for one user, as the sidebar draws it: the modules and items the plan
 * includes and the user may view (exactly what GET me/menus answers), and the items the
 * tenant's plan does not include, each with the cheapest plan that does (the upgrade prompts).
 * Both come from the engine: an item is locked when deciding its permission answers `plan`.
 */
export async function navigationFor(
  db: Db,
  compiled: CompiledTenant,
  userId: string,
  plan: { code: string; name: string } | null,
): Promise<{ menus: MyMenus; locked: LockedMenuItem[] }> {
  const [items, plans] = await Promise.all([navigationCatalog(db), listPlanRows(db, false)]);
  const modules = new Map<string, MenuModule>();
  const locked: LockedMenuItem[] = [];
  for (const item of items) {
    if (!item.permissionCode) continue;
    const decision = compiled.decide(userId, item.permissionCode);
    const entry = {
      id: item.id,
      code: item.code,
      name: item.name,
      route: item.route,
      icon: item.icon,
      resource: item.resource,
      permission_code: item.permissionCode,
      sort_order: item.sortOrder,
    };
    const module = {
      id: item.moduleId,
      code: item.moduleCode,
      name: item.moduleName,
      icon: item.moduleIcon,
      sort_order: item.moduleSort,
    };
    if (decision.granted) {
      const m = modules.get(item.moduleId) ?? { ...module, items: [] };
      modules.set(item.moduleId, m);
      m.items.push(entry);
    } else if (decision.reason === "plan" && decision.via?.kind === "plan") {
      const offering = decision.via.plans;
      const cheapest = plans.find((p) => offering.includes(p.code));
      locked.push({ ...entry, module, upgrade: cheapest ? { code: cheapest.code, name: cheapest.name } : null });
    }
  }
  return { menus: { plan, modules: [...modules.values()] }, locked };
}

/** The active menu item serving a product route (`/master-data/products`), if any. */
export async function menuItemByRoute(db: Db, route: string) {
  return (await navigationCatalog(db)).find((i) => i.route === route) ?? null;
}
