import type { MenuItem, ModuleItem } from "@/lib/query/catalog";

/** A module of the tree with its child modules and its menu items, each list in display order. */
export interface NavNode {
  module: ModuleItem;
  children: NavNode[];
  items: MenuItem[];
  depth: number;
}

const bySort = <T extends { sort_order: number; code: string }>(a: T, b: T) =>
  a.sort_order - b.sort_order || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** The module tree (a module whose parent is not listed sits at the root), menu items under their module. */
export function navigationTree(modules: ModuleItem[], items: MenuItem[]): NavNode[] {
  const nodes = new Map<string, NavNode>(modules.map((m) => [m.id, { module: m, children: [], items: [], depth: 0 }]));
  for (const item of [...items].sort(bySort)) nodes.get(item.module_id)?.items.push(item);
  const roots: NavNode[] = [];
  for (const m of [...modules].sort(bySort)) {
    const node = nodes.get(m.id)!;
    const parent = m.parent_id ? nodes.get(m.parent_id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const depth = (list: NavNode[], d: number) => {
    for (const n of list) {
      n.depth = d;
      depth(n.children, d + 1);
    }
  };
  depth(roots, 0);
  return roots;
}

/** Every module of the tree in display order, with its depth (for pickers). */
export function flatten(tree: NavNode[]): NavNode[] {
  return tree.flatMap((n) => [n, ...flatten(n.children)]);
}

/**
 * The writes that move `list[index]` one place up (-1) or down (+1) among its siblings (already in
 * display order): two sort orders swapped when they differ, else the siblings renumbered 10, 20, …
 * in their new order (only those that change are written). Nothing at either end.
 */
export function reorderPatches<T extends { id: string; sort_order: number }>(
  list: T[],
  index: number,
  direction: -1 | 1,
): { id: string; sort_order: number }[] {
  const other = index + direction;
  if (index < 0 || index >= list.length || other < 0 || other >= list.length) return [];
  const a = list[index]!;
  const b = list[other]!;
  if (a.sort_order !== b.sort_order)
    return [
      { id: a.id, sort_order: b.sort_order },
      { id: b.id, sort_order: a.sort_order },
    ];
  const next = [...list];
  next[index] = b;
  next[other] = a;
  return next.flatMap((m, i) => (m.sort_order === (i + 1) * 10 ? [] : [{ id: m.id, sort_order: (i + 1) * 10 }]));
}
