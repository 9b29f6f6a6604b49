"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useRef } from "react";
import type { MatrixPermission } from "@/lib/query/matrix";
import {
  type CellView,
  type ColumnRole,
  cellSig,
  FIRST_COL,
  HEADER_HEIGHT,
  HeaderRow,
  MODULE_ROW_HEIGHT,
  ModuleRow,
  PermissionRow,
  ROLE_COL,
  ROW_HEIGHT,
  type RowRole,
} from "./matrix-rows";
import { useSharedTooltip } from "./shared-tooltip";

export type GridItem =
  | { kind: "module"; code: string; name: string; codes: string[]; count: number; collapsed: boolean }
  | { kind: "perm"; perm: MatrixPermission };

export type GridAction =
  | { action: "cell"; roleId: string; code: string }
  | { action: "module"; roleId: string; module: string }
  | { action: "collapse"; module: string }
  | { action: "holders"; code: string };

/**
 * Roles as columns, permissions as rows grouped by module: a sticky header row, a sticky first
 * column, horizontal scroll, and only the rows in view mounted (virtualised), so a thousand
 * permissions by twenty roles stay smooth.
 */
export function MatrixGrid({
  items,
  roles,
  columns,
  cellsOf,
  onAction,
  totalRows,
  planName,
}: {
  /** The tenant's plan, named on permissions it leaves out. */
  planName: string | null;
  items: GridItem[];
  roles: RowRole[];
  columns: ColumnRole[];
  cellsOf: (item: GridItem) => CellView[];
  onAction: (a: GridAction) => void;
  totalRows: number;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const tooltip = useSharedTooltip();
  const estimateSize = useCallback(
    (i: number) => (items[i]?.kind === "module" ? MODULE_ROW_HEIGHT : ROW_HEIGHT),
    [items],
  );
  const getItemKey = useCallback(
    (i: number) => {
      const item = items[i]!;
      return item.kind === "module" ? `m:${item.code}` : `p:${item.perm.code}`;
    },
    [items],
  );
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: 6,
    scrollMargin: HEADER_HEIGHT,
    // The server render shows the first rows before the scroll box is measured.
    initialRect: { width: 1200, height: 720 },
  });

  // One listener for every box: the row's `data-index` names the item, the box's `data-col` the role.
  const onClick = (e: React.MouseEvent) => {
    const el = e.target instanceof Element ? e.target.closest<HTMLElement>("[data-action]") : null;
    if (!el) return;
    const { action, module, col } = el.dataset;
    if (action === "collapse" && module) return onAction({ action, module });
    const item = items[Number(el.closest<HTMLElement>("[data-index]")?.dataset.index)];
    if (action === "holders" && item?.kind === "perm") return onAction({ action, code: item.perm.code });
    const roleId = roles[Number(col)]?.id;
    if (!item || !roleId) return;
    if (action === "cell" && item.kind === "perm") onAction({ action, roleId, code: item.perm.code });
    else if (action === "module" && item.kind === "module") onAction({ action, roleId, module: item.code });
  };

  // Arrow keys move between the boxes like a spreadsheet; rows out of view are scrolled in first.
  const onKeyDown = (e: React.KeyboardEvent) => {
    const step = (
      { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] } as Record<
        string,
        [number, number]
      >
    )[e.key];
    const box = e.target instanceof HTMLElement && e.target.getAttribute("role") === "checkbox" ? e.target : null;
    const row = box?.closest<HTMLElement>('[role="row"][data-index]');
    if (!step || !box || !row) return;
    e.preventDefault();
    const col = [...row.querySelectorAll('[role="checkbox"]')].indexOf(box);
    if (step[1]) return row.querySelectorAll<HTMLElement>('[role="checkbox"]')[col + step[1]]?.focus();
    const index = Number(row.dataset.index) + step[0];
    if (index < 0 || index >= items.length) return;
    virtualizer.scrollToIndex(index, { align: "auto" });
    let tries = 0;
    const focusRow = () => {
      const next = scrollRef.current
        ?.querySelector(`[role="row"][data-index="${index}"]`)
        ?.querySelectorAll<HTMLElement>('[role="checkbox"]')[col];
      if (next) next.focus();
      else if (tries++ < 10) requestAnimationFrame(focusRow);
    };
    focusRow();
  };

  const width = FIRST_COL + roles.length * ROLE_COL;
  // Scroll events do not bubble: the box that scrolls moves the tooltip; the table shows it.
  const { onScroll, ...tipHandlers } = tooltip.handlers;
  return (
    <div ref={scrollRef} className="relative min-h-0 overflow-auto overscroll-contain" onScroll={onScroll}>
      {/* The table takes the listeners delegated from its checkboxes (focusable, answering Space and arrows). */}
      <div
        onClick={onClick}
        onKeyDown={onKeyDown}
        {...tipHandlers}
        role="table"
        aria-label="Permission matrix"
        aria-rowcount={totalRows + 1}
        aria-colcount={roles.length + 1}
        style={{ width, minWidth: "100%" }}
      >
        <HeaderRow roles={columns} />
        <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((v) => {
            const item = items[v.index]!;
            const cells = cellsOf(item);
            const top = v.start - HEADER_HEIGHT;
            return item.kind === "module" ? (
              <ModuleRow
                key={v.key}
                index={v.index}
                code={item.code}
                name={item.name}
                count={item.count}
                collapsed={item.collapsed}
                roles={roles}
                cells={cells}
                top={top}
                sig={cellSig(cells)}
              />
            ) : (
              <PermissionRow
                key={v.key}
                index={v.index}
                perm={item.perm}
                planName={planName}
                roles={roles}
                cells={cells}
                top={top}
                sig={cellSig(cells)}
              />
            );
          })}
        </div>
      </div>
      {tooltip.node}
    </div>
  );
}
