/**
 * The pure logic of the plan × menu item matrix: grouping by module and the pending changes per plan.
 */
import type { MenuItem, ModuleItem as Module } from "@/lib/query/catalog";
import type { Plan } from "@/lib/query/plans";

export interface ItemGroup {
  moduleId: string;
  label: string;
  items: MenuItem[];
}

/** Menu items grouped by module, modules in their tree order, labelled with their path ("Field Operations › Sites"). */
export function groupByModule(items: MenuItem[], modules: Module[]): ItemGroup[] {
  const byId = new Map(modules.map((m) => [m.id, m]));
  const label = (id: string): string => {
    const m = byId.get(id);
    if (!m) return "Other";
    return m.parent_id && byId.has(m.parent_id) ? `${label(m.parent_id)} › ${m.name}` : m.name;
  };
  const order = new Map(modules.map((m, i) => [m.id, i]));
  const groups = new Map<string, ItemGroup>();
  for (const item of items) {
    const g = groups.get(item.module_id) ?? { moduleId: item.module_id, label: label(item.module_id), items: [] };
    g.items.push(item);
    groups.set(item.module_id, g);
  }
  for (const g of groups.values()) g.items.sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name));
  return [...groups.values()].sort((a, b) => (order.get(a.moduleId) ?? 1e9) - (order.get(b.moduleId) ?? 1e9));
}

/** plan id → set of included menu item ids. */
export type Inclusion = Map<string, Set<string>>;

export function inclusionOf(plans: Plan[]): Inclusion {
  return new Map(plans.map((p) => [p.id, new Set(p.menu_items.map((i) => i.id))]));
}

export interface PlanChange {
  plan: Plan;
  added: MenuItem[];
  removed: MenuItem[];
  menuItemIds: string[];
}

/** What saving would change, plan by plan (plans without a change are left out). */
export function pendingChanges(plans: Plan[], saved: Inclusion, draft: Inclusion, items: MenuItem[]): PlanChange[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const out: PlanChange[] = [];
  for (const plan of plans) {
    const before = saved.get(plan.id) ?? new Set<string>();
    const after = draft.get(plan.id) ?? before;
    const added = [...after]
      .filter((id) => !before.has(id))
      .map((id) => byId.get(id))
      .filter((i): i is MenuItem => !!i);
    const removed = [...before]
      .filter((id) => !after.has(id))
      .map((id) => byId.get(id))
      .filter((i): i is MenuItem => !!i);
    if (added.length || removed.length) out.push({ plan, added, removed, menuItemIds: [...after] });
  }
  return out;
}

export const formatPrice = (n: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: n % 1 ? 2 : 0 }).format(
    n,
  );
