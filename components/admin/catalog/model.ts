/**
 * The catalog page's data and the pure logic over it: the module tree as the API answers it
 * (GET permissions/groups), flattened for pickers, and the filters the browser applies.
 */

import type { GatehouseCode } from "@/lib/permissions/gatehouse-codes";
import type { CatalogGroups, CatalogPermission, ModuleNode } from "@/lib/query/catalog";

const MANAGE_CATALOG = "gatehouse.permissions.manage" satisfies GatehouseCode;

/** "ungrouped": permissions of no module; null: every module. */
export type ModuleSelection = string | "ungrouped" | null;
export type StatusFilter = "all" | "active" | "inactive" | "deprecated";
export type OriginFilter = "all" | "custom" | "global" | "system";

export interface CatalogFilters {
  module: ModuleSelection;
  categories: string[];
  status: StatusFilter;
  origin: OriginFilter;
  search: string;
}

export const NO_FILTERS: CatalogFilters = { module: null, categories: [], status: "all", origin: "all", search: "" };

export interface FlatModule {
  id: string;
  code: string;
  name: string;
  depth: number;
  path: string;
}

/** Modules in tree order with their depth, for selects ("Field Operations › Sites"). */
export function flattenModules(nodes: ModuleNode[], depth = 0, prefix = ""): FlatModule[] {
  return [...nodes].sort(bySort).flatMap((m) => {
    const path = prefix ? `${prefix} › ${m.name}` : m.name;
    return [{ id: m.id, code: m.code, name: m.name, depth, path }, ...flattenModules(m.children, depth + 1, path)];
  });
}

const bySort = (a: ModuleNode, b: ModuleNode) => a.sort_order - b.sort_order || a.name.localeCompare(b.name);
export const sortedModules = (nodes: ModuleNode[]) => [...nodes].sort(bySort);

/** Every permission of the catalog, in tree order (module, then the module's own order). */
export function allPermissions(groups: CatalogGroups): CatalogPermission[] {
  const walk = (nodes: ModuleNode[]): CatalogPermission[] =>
    sortedModules(nodes).flatMap((m) => [...m.permissions, ...walk(m.children)]);
  return [...walk(groups.modules), ...groups.ungrouped];
}

/** The ids of a module and every module below it. */
export function moduleAndDescendants(nodes: ModuleNode[], id: string): Set<string> {
  const out = new Set<string>();
  const collect = (m: ModuleNode) => {
    out.add(m.id);
    m.children.forEach(collect);
  };
  const find = (list: ModuleNode[]): boolean => list.some((m) => (m.id === id ? (collect(m), true) : find(m.children)));
  find(nodes);
  return out;
}

export function originOf(p: CatalogPermission): Exclude<OriginFilter, "all"> {
  if (p.is_system) return "system";
  return p.is_global ? "global" : "custom";
}

/** Every filter but the module one (the tree's counts use these, so they say what a click would show). */
export function matchesFilters(p: CatalogPermission, f: Omit<CatalogFilters, "module">): boolean {
  if (f.categories.length && !f.categories.includes(p.category)) return false;
  if (f.status === "active" && !(p.is_active && !p.deprecated)) return false;
  if (f.status === "inactive" && p.is_active) return false;
  if (f.status === "deprecated" && !p.deprecated) return false;
  if (f.origin !== "all" && originOf(p) !== f.origin) return false;
  const q = f.search.trim().toLowerCase();
  if (q && !`${p.code} ${p.name} ${p.description ?? ""}`.toLowerCase().includes(q)) return false;
  return true;
}

export function filterPermissions(groups: CatalogGroups, f: CatalogFilters): CatalogPermission[] {
  const all = allPermissions(groups);
  const inModule =
    f.module === null ? null : f.module === "ungrouped" ? null : moduleAndDescendants(groups.modules, f.module);
  return all.filter((p) => {
    if (f.module === "ungrouped" && p.module_id !== null) return false;
    if (inModule && (!p.module_id || !inModule.has(p.module_id))) return false;
    return matchesFilters(p, f);
  });
}

/** Matching permissions per module id, each module counting its descendants too. */
export function moduleCounts(groups: CatalogGroups, f: Omit<CatalogFilters, "module">): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (m: ModuleNode): number => {
    const n = m.permissions.filter((p) => matchesFilters(p, f)).length + m.children.reduce((s, c) => s + count(c), 0);
    counts.set(m.id, n);
    return n;
  };
  groups.modules.forEach(count);
  counts.set("ungrouped", groups.ungrouped.filter((p) => matchesFilters(p, f)).length);
  return counts;
}

/**
 * Who may change a permission: nobody a system one; a global one only a platform super-admin;
 * a tenant's own one whoever manages the catalog. The reason is shown where the buttons would be.
 */
export function editability(
  p: CatalogPermission,
  viewer: { canManage: boolean; isSuperAdmin: boolean },
): { editable: boolean; reason: string | null } {
  if (p.is_system)
    return {
      editable: false,
      reason:
        "This is a system permission: Gatehouse itself relies on it, so it cannot be edited, deprecated or deleted.",
    };
  if (!viewer.canManage)
    return {
      editable: false,
      reason: `You can view the catalog but not change it (it requires ${MANAGE_CATALOG}).`,
    };
  if (p.is_global && !viewer.isSuperAdmin)
    return {
      editable: false,
      reason:
        "This permission belongs to the global catalog shared by every tenant: only a platform super-admin can change it.",
    };
  return { editable: true, reason: null };
}

/** Codes a permission may depend on or be replaced by: a global one only global codes (the API refuses the rest). */
export function candidateCodes(
  all: CatalogPermission[],
  self: CatalogPermission | null,
  globalOnly: boolean,
): CatalogPermission[] {
  return all.filter((p) => p.id !== self?.id && (!globalOnly || p.is_global));
}
