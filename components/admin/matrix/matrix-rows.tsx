"use client";
import * as C from "@radix-ui/react-checkbox";
import { ChevronRight, Clock, Lock, Pin, UserSearch, Users } from "lucide-react";
import { memo } from "react";
import type { MatrixPermission } from "@/lib/query/matrix";
import { cn } from "@/lib/utils";
import { ApprovalChip, CategoryChip, FlagChip, MfaChip, PlanChip, RiskChip } from "./badges";
import styles from "./matrix.module.css";

/**
 * The grid's rows. Clicks are not handled here: every control carries `data-action` and the grid
 * handles them in one delegated listener, so a row re-renders only when its own cells change
 * (its `sig`), which keeps a toggle cheap with a thousand rows and twenty roles.
 */
export const FIRST_COL = 440;
export const ROLE_COL = 116;
export const ROW_HEIGHT = 52;
export const MODULE_ROW_HEIGHT = 44;
export const HEADER_HEIGHT = 68;

/** What a row needs of a column: stable between edits, so rows stay memoised. */
export interface RowRole {
  id: string;
  name: string;
}
export interface ColumnRole {
  id: string;
  name: string;
  is_system: boolean;
  grants_all: boolean;
  users: number;
  parents: string[];
  added: number;
  removed: number;
}

export interface CellView {
  checked: boolean | "indeterminate";
  /** inert: granted but outside the plan (grants nothing); unavailable: outside the plan, not offered. */
  look: "direct" | "inherited" | "all" | "inert" | "unavailable" | "none";
  locked: boolean;
  pending: "add" | "remove" | "request" | null;
  awaiting: boolean;
  tip: string | null;
}

export const cellSig = (cells: CellView[]) =>
  cells.map((c) => `${c.checked}${c.look}${c.locked}${c.pending}${c.awaiting}${c.tip}`).join("/");

/** One box: a Radix checkbox styled by matrix.module.css; `data-col` says which role (the row says which permission). */
function CellBox({
  cell,
  label,
  action,
  col,
  pinned,
}: {
  cell: CellView;
  label: string;
  action: "cell" | "module";
  col: number;
  /** How many columns are pinned: the first ones stick beside the permission column. */
  pinned: number;
}) {
  return (
    <div
      role="cell"
      className={cn(
        styles.cell,
        cell.pending && styles[cell.pending],
        col < pinned && styles.pinned,
        col === pinned - 1 && styles.lastPinned,
      )}
      style={col < pinned ? { left: FIRST_COL + col * ROLE_COL } : undefined}
      data-tip={cell.tip ?? undefined}
    >
      <C.Root
        tabIndex={-1}
        data-nav={col + 1}
        checked={cell.checked}
        aria-label={label}
        aria-disabled={cell.locked || undefined}
        {...(cell.tip ? { "aria-description": cell.tip } : {})}
        className={cn(
          styles.box,
          cell.look === "inherited" && styles.inherited,
          cell.look === "all" && styles.all,
          cell.look === "inert" && styles.inert,
          cell.look === "unavailable" && styles.unavailable,
        )}
        data-action={action}
        data-col={col}
      />
      {cell.awaiting && (
        <Clock className="absolute left-1/2 top-1/2 ml-3.5 size-3.5 -translate-y-1/2 text-amber-600" aria-hidden />
      )}
    </div>
  );
}

export const PermissionRow = memo(
  function PermissionRow({
    index,
    perm,
    roles,
    cells,
    top,
    planName,
    pinned,
  }: {
    index: number;
    perm: MatrixPermission;
    planName: string | null;
    pinned: number;
    roles: RowRole[];
    cells: CellView[];
    top: number;
    sig: string;
  }) {
    return (
      <div
        role="row"
        data-index={index}
        aria-rowindex={index + 2}
        className="group absolute left-0 flex w-full border-b border-slate-100 bg-white hover:bg-slate-50"
        style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      >
        <div
          role="rowheader"
          className="sticky left-0 z-10 flex shrink-0 flex-col justify-center border-r border-slate-200 bg-inherit py-1.5 pl-9 pr-3"
          style={{ width: FIRST_COL }}
        >
          {/* The code has the first line to itself: it is what people scan for. */}
          <div className="flex min-w-0 items-center gap-1">
            <code className="block min-w-0 truncate font-mono text-[13px] leading-5 text-slate-900" title={perm.code}>
              {perm.code}
            </code>
            <button
              type="button"
              tabIndex={-1}
              data-nav={0}
              data-action="holders"
              data-tip="Who has it? The members it is effective for, and why"
              aria-label={`Who has ${perm.code}?`}
              className="ml-auto shrink-0 rounded p-0.5 text-slate-400 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-500"
            >
              <UserSearch className="size-3.5" aria-hidden />
            </button>
          </div>
          <div className="mt-0.5 flex min-w-0 items-center gap-1.5">
            <CategoryChip category={perm.category} />
            <span className="min-w-0 flex-1 truncate text-xs text-slate-500" title={perm.description ?? perm.name}>
              {perm.name}
            </span>
            {perm.deprecated && <FlagChip tip="Deprecated: still decided, but has a replacement">deprecated</FlagChip>}
            {!perm.is_active && <FlagChip tip="Inactive: denied to everyone">inactive</FlagChip>}
            {perm.out_of_plan && <PlanChip out={perm.out_of_plan} planName={planName ?? "your plan"} />}
            {perm.requires_mfa && <MfaChip />}
            {perm.requires_approval && <ApprovalChip />}
            <RiskChip risk={perm.risk_level} />
          </div>
        </div>
        {roles.map((r, i) => (
          <CellBox
            key={r.id}
            cell={cells[i]!}
            label={`Grant ${perm.code} to ${r.name}`}
            action="cell"
            col={i}
            pinned={pinned}
          />
        ))}
      </div>
    );
  },
  (a, b) =>
    a.sig === b.sig &&
    a.top === b.top &&
    a.index === b.index &&
    a.roles === b.roles &&
    a.perm === b.perm &&
    a.pinned === b.pinned,
);

export const ModuleRow = memo(
  function ModuleRow({
    index,
    code,
    name,
    count,
    collapsed,
    roles,
    cells,
    top,
    pinned,
  }: {
    index: number;
    code: string;
    name: string;
    count: number;
    collapsed: boolean;
    pinned: number;
    roles: RowRole[];
    cells: CellView[];
    top: number;
    sig: string;
  }) {
    return (
      <div
        role="row"
        data-index={index}
        aria-rowindex={index + 2}
        className="absolute left-0 flex w-full border-b border-slate-200 bg-slate-50"
        style={{ height: MODULE_ROW_HEIGHT, transform: `translateY(${top}px)` }}
      >
        <div
          role="rowheader"
          className="sticky left-0 z-10 flex shrink-0 items-center border-r border-slate-200 bg-slate-50 px-2"
          style={{ width: FIRST_COL }}
        >
          <button
            type="button"
            tabIndex={-1}
            data-nav={0}
            data-action="collapse"
            data-module={code}
            aria-expanded={!collapsed}
            aria-label={`${collapsed ? "Expand" : "Collapse"} ${name}`}
            className="flex min-w-0 flex-1 items-center gap-2 rounded-md px-1 py-1 text-left hover:bg-slate-100"
          >
            <ChevronRight
              className={cn("size-4 shrink-0 text-slate-500 transition-transform", !collapsed && "rotate-90")}
              aria-hidden
            />
            <span className="truncate text-sm font-semibold text-slate-900">{name}</span>
            <span className="shrink-0 text-xs text-slate-500">
              {count} permission{count === 1 ? "" : "s"}
            </span>
          </button>
        </div>
        {roles.map((r, i) => (
          <CellBox
            key={r.id}
            cell={cells[i]!}
            label={`Grant all ${name} permissions to ${r.name}`}
            action="module"
            col={i}
            pinned={pinned}
          />
        ))}
      </div>
    );
  },
  (a, b) =>
    a.sig === b.sig &&
    a.top === b.top &&
    a.index === b.index &&
    a.roles === b.roles &&
    a.collapsed === b.collapsed &&
    a.count === b.count &&
    a.pinned === b.pinned,
);

export function HeaderRow({ roles, pinned }: { roles: ColumnRole[]; pinned: number }) {
  return (
    <div
      role="row"
      data-index={-1}
      aria-rowindex={1}
      className="sticky top-0 z-20 flex border-b border-slate-200 bg-white"
      style={{ height: HEADER_HEIGHT }}
    >
      <div
        role="columnheader"
        className="sticky left-0 z-30 flex shrink-0 items-end border-r border-slate-200 bg-white px-4 pb-2 text-xs font-semibold uppercase tracking-wide text-slate-500"
        style={{ width: FIRST_COL }}
      >
        Permission
      </div>
      {roles.map((r, i) => (
        <div
          key={r.id}
          role="columnheader"
          className={cn(
            "flex shrink-0 flex-col justify-end gap-1 border-l border-slate-100 bg-white px-2 pb-1.5 text-center focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500",
            i < pinned && "sticky z-30",
            i === pinned - 1 && styles.lastPinned,
          )}
          style={i < pinned ? { width: ROLE_COL, left: FIRST_COL + i * ROLE_COL } : { width: ROLE_COL }}
          tabIndex={-1}
          data-nav={i + 1}
          data-tip={[
            r.name,
            r.grants_all
              ? `${r.name} holds every permission (system role, read-only)`
              : r.is_system
                ? `${r.name} is a system role: read-only`
                : null,
            r.parents.length ? `Inherits from ${r.parents.join(", ")}` : null,
            `${r.users} member${r.users === 1 ? "" : "s"} hold${r.users === 1 ? "s" : ""} it`,
          ]
            .filter(Boolean)
            .join(" · ")}
        >
          <span className="line-clamp-2 break-words text-xs font-semibold leading-tight text-slate-800 [overflow-wrap:anywhere]">
            {i < pinned && <Pin className="mr-0.5 inline size-3 -translate-y-px text-brand-600" aria-label="pinned" />}
            {r.is_system && (
              <Lock className="mr-0.5 inline size-3 -translate-y-px text-slate-400" aria-label="read-only" />
            )}
            {r.name}
          </span>
          <span className="flex items-center justify-center gap-1.5 text-[11px] text-slate-500">
            <span className="inline-flex items-center gap-0.5">
              <Users className="size-3" aria-hidden />
              {r.users}
            </span>
            {(r.added > 0 || r.removed > 0) && (
              <span className="font-medium">
                <span className="sr-only">
                  {r.added} to grant, {r.removed} to revoke
                </span>
                {r.added > 0 && (
                  <span className="text-emerald-700" aria-hidden>
                    +{r.added}
                  </span>
                )}
                {r.removed > 0 && (
                  <span className="ml-0.5 text-red-700" aria-hidden>
                    −{r.removed}
                  </span>
                )}
              </span>
            )}
          </span>
        </div>
      ))}
    </div>
  );
}
