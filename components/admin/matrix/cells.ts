import type { MatrixPermission } from "@/lib/query/matrix";
import { outOfPlanText } from "./badges";
import type { CellView } from "./matrix-rows";
import { type GrantSource, type MatrixState, type Pending, pendingKey, type RoleNode } from "./model";

export interface CellContext {
  state: MatrixState;
  pending: Pending;
  canManage: boolean;
  /** `role|code` → who asked, for grants waiting for a second admin. */
  awaiting: ReadonlyMap<string, string>;
  nameOf: (roleId: string) => string;
  /** The tenant's plan, for permissions it leaves out (null: no plan). */
  planName: string | null;
}

export const lockedRole = (r: RoleNode, canManage: boolean) => !canManage || r.is_system || r.grants_all;

export function sourceText(source: GrantSource, nameOf: (id: string) => string, roleName: string): string {
  if (source.roleId && source.code)
    return `Inherited from ${nameOf(source.roleId)}, which holds the parent code ${source.code}. Change it on ${nameOf(source.roleId)}.`;
  if (source.roleId) return `Inherited from ${nameOf(source.roleId)}. Change it on ${nameOf(source.roleId)}.`;
  return `Implied by the parent code ${source.code}, granted to ${roleName}. Untick ${source.code} to change it.`;
}

/** What one cell shows: checked or not, its look (own, inherited, Admin's all), pending edits, its explanation. */
export function permissionCell(ctx: CellContext, role: RoleNode, perm: MatrixPermission): CellView {
  const cell = ctx.state.cell(role.id, perm.code);
  const want = ctx.pending.get(pendingKey(role.id, perm.code));
  const waiting = ctx.awaiting.get(pendingKey(role.id, perm.code));
  const locked = lockedRole(role, ctx.canManage);
  if (cell.kind === "all")
    return {
      checked: true,
      look: "all",
      locked: true,
      pending: null,
      awaiting: false,
      tip: `${role.name} holds every permission (system role, read-only)`,
    };
  if (cell.kind === "inherited") {
    const from = sourceText(cell.source, ctx.nameOf, role.name);
    // Its own grant is being revoked while it is also inherited: clicking again keeps the own grant.
    if (want === false)
      return {
        checked: true,
        look: "inherited",
        locked: false,
        pending: "remove",
        awaiting: false,
        tip: `Pending: its own grant is revoked when you save. ${from}`,
      };
    return { checked: true, look: "inherited", locked: true, pending: null, awaiting: false, tip: from };
  }
  const checked = cell.kind === "direct";
  // Outside the plan: not offered; a grant left from an earlier plan is shown as inert, and can go.
  if (perm.out_of_plan && want === undefined) {
    const why = outOfPlanText(perm.out_of_plan, ctx.planName ?? "your plan");
    return checked
      ? { checked, look: "inert", locked, pending: null, awaiting: false, tip: `Inert: ${why}` }
      : { checked, look: "unavailable", locked: true, pending: null, awaiting: false, tip: why };
  }
  let tip: string | null = null;
  let pending: CellView["pending"] = null;
  if (want === true) {
    pending = perm.requires_approval ? "request" : "add";
    tip = perm.requires_approval
      ? "Pending: saving opens an approval request for this grant"
      : "Pending: granted when you save";
  } else if (want === false) {
    pending = "remove";
    tip = "Pending: revoked when you save";
  } else if (waiting && !checked) tip = `Awaiting approval (requested by ${waiting})`;
  else if (locked && role.is_system) tip = `${role.name} is a system role: read-only`;
  return { checked, look: checked ? "direct" : "none", locked, pending, awaiting: !!waiting && !checked, tip };
}

/** A module row's tri-state box for one role: over the rows shown (the filters apply). */
export function moduleCell(ctx: CellContext, role: RoleNode, codes: readonly string[], moduleName: string): CellView {
  if (role.grants_all)
    return {
      checked: true,
      look: "all",
      locked: true,
      pending: null,
      awaiting: false,
      tip: `${role.name} holds every permission (system role, read-only)`,
    };
  let granted = 0;
  let editable = 0;
  let changed = false;
  for (const code of codes) {
    const c = ctx.state.cell(role.id, code);
    if (c.kind !== "none") granted++;
    if (c.kind !== "inherited") editable++;
    if (!changed && ctx.pending.has(pendingKey(role.id, code))) changed = true;
  }
  const checked = granted === codes.length && codes.length > 0 ? true : granted > 0 ? "indeterminate" : false;
  const locked = lockedRole(role, ctx.canManage) || editable === 0;
  const inheritedAll = editable === 0 && codes.length > 0;
  return {
    checked,
    look: inheritedAll ? "inherited" : granted ? "direct" : "none",
    locked,
    pending: null,
    awaiting: false,
    tip: inheritedAll
      ? `${role.name} inherits all of these`
      : changed
        ? `${moduleName}: ${granted} of ${codes.length} shown, with unsaved changes`
        : null,
  };
}
