import type { CatalogGroups } from "@/lib/query/catalog";

export type CatalogPermission = CatalogGroups["ungrouped"][number];
export interface CatalogEntry {
  permission: CatalogPermission;
  moduleName: string;
  moduleOrder: string;
}
/** A module heading and its position in the catalog's module tree. */
export interface ModuleRef {
  name: string;
  order: string;
}
/** `code → module` for a set of codes: small enough to hand from a server page to the client. */
export type ModuleIndex = Record<string, ModuleRef>;

type ModuleNode = CatalogGroups["modules"][number];

/** The module tree flattened to one entry per code, each with the path of module names it sits under. */
export function flattenCatalog(groups: CatalogGroups): Map<string, CatalogEntry> {
  const out = new Map<string, CatalogEntry>();
  const walk = (nodes: ModuleNode[], trail: string[], orderTrail: string[]) => {
    const sorted = [...nodes].sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name));
    sorted.forEach((node, i) => {
      const names = [...trail, node.name];
      const order = [...orderTrail, String(i).padStart(4, "0")];
      for (const p of node.permissions)
        out.set(p.code, { permission: p, moduleName: names.join(" › "), moduleOrder: order.join(".") });
      walk(node.children as ModuleNode[], names, order);
    });
  };
  walk(groups.modules, [], []);
  for (const p of groups.ungrouped) out.set(p.code, { permission: p, moduleName: "No module", moduleOrder: "9999" });
  return out;
}

export function moduleIndex(byCode: Map<string, CatalogEntry>, codes: string[]): ModuleIndex {
  const out: ModuleIndex = {};
  for (const code of codes) {
    const e = byCode.get(code);
    if (e) out[code] = { name: e.moduleName, order: e.moduleOrder };
  }
  return out;
}

/** A module heading for a code: its catalog module when known, else its first segment. */
export function moduleOf(code: string, known: ModuleRef | undefined): ModuleRef {
  if (known) return known;
  const head = code.split(".")[0]!;
  return { name: head.charAt(0).toUpperCase() + head.slice(1).replace(/_/g, " "), order: `5000.${head}` };
}

/** Items grouped under their module headings, modules in catalog order. */
export function groupByModule<T>(
  items: T[],
  codeOf: (item: T) => string,
  lookup: (code: string) => ModuleRef | undefined,
) {
  const groups = new Map<string, ModuleRef & { items: T[] }>();
  for (const item of items) {
    const m = moduleOf(codeOf(item), lookup(codeOf(item)));
    const g = groups.get(m.name) ?? { ...m, items: [] };
    g.items.push(item);
    groups.set(m.name, g);
  }
  return [...groups.values()].sort((a, b) =>
    a.order < b.order ? -1 : a.order > b.order ? 1 : a.name.localeCompare(b.name),
  );
}

/** The lookup over a flattened catalog. */
export const catalogLookup =
  (byCode: Map<string, CatalogEntry>) =>
  (code: string): ModuleRef | undefined => {
    const e = byCode.get(code);
    return e ? { name: e.moduleName, order: e.moduleOrder } : undefined;
  };
