"use client";
import { ChevronRight, Clock } from "lucide-react";
import { useId } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import type { MatrixPermission } from "@/lib/query/matrix";
import { cn } from "@/lib/utils";
import { ApprovalChip, RiskChip } from "./badges";
import { type CellContext, moduleCell, permissionCell } from "./cells";
import type { GridAction } from "./matrix-grid";
import type { CellView } from "./matrix-rows";
import type { RoleNode } from "./model";

export interface RoleViewGroup {
  code: string;
  name: string;
  perms: MatrixPermission[];
}

const PENDING_LOOK: Record<NonNullable<CellView["pending"]>, string> = {
  add: "bg-emerald-50 ring-1 ring-inset ring-emerald-300",
  remove: "bg-red-50 ring-1 ring-inset ring-red-300",
  request: "bg-amber-50 ring-1 ring-inset ring-amber-300",
};

/**
 * The matrix on a phone: one role at a time (a role picker), its permissions listed by module
 * with a checkbox each. Same cells, same editor, same save as the grid: only the layout differs.
 */
export function MatrixRoleView({
  roles,
  roleId,
  onRole,
  groups,
  collapsed,
  ctx,
  onAction,
}: {
  roles: RoleNode[];
  roleId: string;
  onRole: (id: string) => void;
  groups: RoleViewGroup[];
  collapsed: ReadonlySet<string>;
  ctx: CellContext;
  onAction: (a: GridAction) => void;
}) {
  const id = useId();
  const role = roles.find((r) => r.id === roleId) ?? roles[0]!;
  return (
    <div className="min-h-0 overflow-y-auto" data-testid="matrix-role-view">
      <div className="sticky top-0 z-10 border-b border-slate-100 bg-white px-3 py-2">
        <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
          Role
        </label>
        <select
          id={id}
          value={role.id}
          onChange={(e) => onRole(e.target.value)}
          className="h-10 w-full rounded-lg border border-slate-300 bg-white px-2 text-sm text-slate-900"
        >
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
              {r.is_system ? " (read-only)" : ""}
            </option>
          ))}
        </select>
      </div>
      {groups.map((g) => {
        const shut = collapsed.has(g.code);
        const codes = g.perms.filter((p) => !p.out_of_plan).map((p) => p.code);
        const all = moduleCell(ctx, role, codes, g.name);
        return (
          <section key={g.code} aria-label={g.name} className="[content-visibility:auto]">
            <div className="flex items-center gap-2 border-b border-slate-200 bg-slate-50 px-3 py-2">
              <button
                type="button"
                aria-expanded={!shut}
                onClick={() => onAction({ action: "collapse", module: g.code })}
                className="flex min-w-0 flex-1 items-center gap-1.5 text-left"
              >
                <ChevronRight
                  className={cn("size-4 shrink-0 text-slate-500 transition-transform", !shut && "rotate-90")}
                  aria-hidden
                />
                <span className="truncate text-sm font-semibold text-slate-900">{g.name}</span>
                <span className="shrink-0 text-xs text-slate-500">{g.perms.length}</span>
              </button>
              <Checkbox
                checked={all.checked}
                aria-label={`Grant all ${g.name} permissions to ${role.name}`}
                aria-disabled={all.locked || undefined}
                className="size-5"
                onCheckedChange={() => onAction({ action: "module", roleId: role.id, module: g.code })}
              />
            </div>
            {!shut && (
              <ul className="divide-y divide-slate-100">
                {g.perms.map((p) => {
                  const cell = permissionCell(ctx, role, p);
                  const boxId = `${id}-${p.code}`;
                  return (
                    <li
                      key={p.code}
                      className={cn("flex items-start gap-3 px-3 py-2.5", cell.pending && PENDING_LOOK[cell.pending])}
                    >
                      <Checkbox
                        id={boxId}
                        checked={cell.checked}
                        aria-disabled={cell.locked || undefined}
                        className={cn(
                          "mt-0.5 size-5",
                          cell.look === "inherited" && "border-dashed opacity-70",
                          cell.look === "all" && "opacity-60",
                          cell.look === "unavailable" && "bg-slate-100",
                        )}
                        onCheckedChange={() => onAction({ action: "cell", roleId: role.id, code: p.code })}
                      />
                      <label htmlFor={boxId} className="min-w-0 flex-1">
                        <span className="block truncate text-sm text-slate-900">{p.name}</span>
                        <code className="block truncate font-mono text-xs text-slate-500">{p.code}</code>
                        {cell.tip && <span className="mt-0.5 block text-xs text-slate-500">{cell.tip}</span>}
                      </label>
                      <span className="flex shrink-0 items-center gap-1">
                        {cell.awaiting && <Clock className="size-3.5 text-amber-600" aria-label="awaiting approval" />}
                        {p.requires_approval && <ApprovalChip />}
                        {(p.risk_level === "high" || p.risk_level === "critical") && <RiskChip risk={p.risk_level} />}
                      </span>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
