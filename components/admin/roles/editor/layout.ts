/**
 * The role editor's layout, pure: the menu items as rows of view / create / edit / delete / export
 * grouped by module (the ERP seed's role form), and every other permission of the catalog as the
 * code tree under its module. Which code a cell stands for, what "Set all ‹action›" covers, and
 * the "view comes with any other action" rule live here, so they are tested without a browser.
 */
import type { MatrixPermission } from "@/lib/query/matrix";

export const ACTIONS = ["view", "create", "edit", "delete", "export"] as const;
export type Action = (typeof ACTIONS)[number];

export interface MenuItemRef {
  id: string;
  name: string;
  module: string;
  resource: string;
  /** The permission needed to see it (usually `<resource>.view`). */
  permission_code: string | null;
  sort_order: number;
}
export interface ModuleRef {
  code: string;
  name: string;
  sort_order: number;
}

/** One menu item: the code of each action column that the catalog has (null: no such permission). */
export interface MenuRow {
  id: string;
  name: string;
  resource: string;
  cells: Record<Action, MatrixPermission | null>;
}
/** A permission of the code tree, indented under the nearest ancestor code the tree shows. */
export interface TreeRow {
  perm: MatrixPermission;
  depth: number;
}
export interface ModuleSection {
  code: string;
  name: string;
  menu: MenuRow[];
  tree: TreeRow[];
  /** Every code of the section, menu cells first. */
  codes: string[];
}

const NO_MODULE = "_none";

export function buildLayout(
  permissions: readonly MatrixPermission[],
  menuItems: readonly MenuItemRef[],
  modules: readonly ModuleRef[],
): ModuleSection[] {
  const byCode = new Map(permissions.map((p) => [p.code, p]));
  const moduleInfo = new Map(modules.map((m) => [m.code, m]));
  const sections = new Map<string, ModuleSection>();
  const section = (code: string) => {
    let s = sections.get(code);
    if (!s) {
      s = {
        code,
        name: moduleInfo.get(code)?.name ?? (code === NO_MODULE ? "Other" : code),
        menu: [],
        tree: [],
        codes: [],
      };
      sections.set(code, s);
    }
    return s;
  };
  const inMenu = new Set<string>();
  const items = [...menuItems].sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name));
  for (const item of items) {
    const cells = Object.fromEntries(ACTIONS.map((a) => [a, byCode.get(`${item.resource}.${a}`) ?? null])) as Record<
      Action,
      MatrixPermission | null
    >;
    if (!ACTIONS.some((a) => cells[a])) continue;
    for (const a of ACTIONS) if (cells[a]) inMenu.add(cells[a].code);
    const s = section(item.module);
    s.menu.push({ id: item.id, name: item.name, resource: item.resource, cells });
  }
  const rest = permissions.filter((p) => !inMenu.has(p.code)).sort((a, b) => (a.code < b.code ? -1 : 1));
  const shown = new Set(rest.map((p) => p.code));
  for (const p of rest) {
    const parts = p.code.split(".");
    let depth = 0;
    for (let n = 1; n < parts.length; n++) if (shown.has(parts.slice(0, n).join("."))) depth++;
    section(p.module ?? NO_MODULE).tree.push({ perm: p, depth });
  }
  for (const s of sections.values())
    s.codes = [
      ...s.menu.flatMap((r) => ACTIONS.flatMap((a) => (r.cells[a] ? [r.cells[a].code] : []))),
      ...s.tree.map((t) => t.perm.code),
    ];
  const order = (code: string) => moduleInfo.get(code)?.sort_order ?? Number.MAX_SAFE_INTEGER;
  return [...sections.values()].sort(
    (a, b) =>
      (b.menu.length > 0 ? 1 : 0) - (a.menu.length > 0 ? 1 : 0) ||
      order(a.code) - order(b.code) ||
      a.name.localeCompare(b.name),
  );
}

/** action code → the view code of its menu row: ticking create, edit, delete or export ticks view. */
export function viewIndex(sections: readonly ModuleSection[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of sections)
    for (const r of s.menu) {
      const view = r.cells.view;
      if (!view) continue;
      for (const a of ACTIONS) if (a !== "view" && r.cells[a]) out.set(r.cells[a].code, view.code);
    }
  return out;
}

/** The codes with the view of their rows added (once, in order). */
export function withViews(codes: readonly string[], views: ReadonlyMap<string, string>): string[] {
  const out = new Set<string>();
  for (const c of codes) {
    const v = views.get(c);
    if (v) out.add(v);
    out.add(c);
  }
  return [...out];
}

/** The grantable codes of one action column across sections (a permission out of the plan is not offered). */
export function actionCodes(sections: readonly ModuleSection[], action: Action): string[] {
  return sections.flatMap((s) =>
    s.menu.flatMap((r) => (r.cells[action] && !r.cells[action].out_of_plan ? [r.cells[action].code] : [])),
  );
}

/** Which action columns a set of sections has at all (a module without exports shows no "Set all export"). */
export function actionsPresent(sections: readonly ModuleSection[]): Action[] {
  return ACTIONS.filter((a) => sections.some((s) => s.menu.some((r) => r.cells[a])));
}
