/**
 * What the roles list says of each role (the ERP seed's role cards): per action how many menu
 * items it may act on, a few key permissions, and how many menu items it opens — effective grants,
 * inherited ones included, from the matrix's data. Pure.
 */
import type { MatrixData } from "@/lib/query/matrix";
import { MatrixState, type RoleNode } from "../matrix/model";
import { ACTIONS, type Action, type MenuItemRef } from "./editor/layout";

export interface RoleSummaryView {
  actions: Record<Action, number>;
  /** The role's own grants, riskiest first, at most `keyCount`. */
  key: { code: string; name: string; risk: string }[];
  more: number;
  opens: number;
  everything: boolean;
}

const RISK_ORDER: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export function summarizeRoles(
  data: MatrixData,
  parents: ReadonlyMap<string, string[]>,
  menuItems: readonly MenuItemRef[],
  keyCount = 3,
): Map<string, RoleSummaryView> {
  const roles: RoleNode[] = data.roles.map((r) => ({ ...r, parent_ids: parents.get(r.id) ?? [] }));
  const state = new MatrixState(roles, data.grants, new Map());
  const byCode = new Map(data.permissions.map((p) => [p.code, p]));
  const usable = (code: string) => {
    const p = byCode.get(code);
    return !!p && !p.out_of_plan;
  };
  const out = new Map<string, RoleSummaryView>();
  for (const r of roles) {
    const actions = Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>;
    let opens = 0;
    for (const item of menuItems) {
      for (const a of ACTIONS) {
        const code = `${item.resource}.${a}`;
        if (usable(code) && state.granted(r.id, code)) actions[a]++;
      }
      const gate = item.permission_code ?? `${item.resource}.view`;
      if (usable(gate) && state.granted(r.id, gate)) opens++;
    }
    const own = [...state.directOf(r.id)]
      .map((c) => byCode.get(c))
      .filter((p) => !!p)
      .sort((a, b) => (RISK_ORDER[a.risk_level] ?? 9) - (RISK_ORDER[b.risk_level] ?? 9) || (a.code < b.code ? -1 : 1));
    out.set(r.id, {
      actions,
      key: own.slice(0, keyCount).map((p) => ({ code: p.code, name: p.name, risk: p.risk_level })),
      more: Math.max(0, own.length - keyCount),
      opens,
      everything: r.grants_all,
    });
  }
  return out;
}
