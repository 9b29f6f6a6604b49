"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useLayoutEffect, useRef, useState } from "react";
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

/** The row at `index` (the header is -1), if it is mounted. */
const rowIn = (table: HTMLElement | null, index: number) =>
  table?.querySelector<HTMLElement>(`[role="row"][data-index="${index}"]`) ?? null;
/** The row's control in column `col` (0: the row header's), or the nearest one it has. */
function pick(row: HTMLElement, col: number) {
  const all = [...row.querySelectorAll<HTMLElement>("[data-nav]")];
  return all.find((el) => Number(el.dataset.nav) === col) ?? all[col <= 0 ? 0 : all.length - 1] ?? null;
}

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
  pinned,
  hiddenRoles,
}: {
  /** How many of `roles` (the first ones) are pinned beside the permission column. */
  pinned: number;
  /** Roles the viewer chose not to show (named in the scroll hint). */
  hiddenRoles: number;
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

  // One Tab stop for the whole grid (roving tabindex): every control renders tabIndex -1 and the
  // one last focused (or the first box) gets 0 after each render — set on the DOM, not in props,
  // so moving it re-renders no row. Rows are virtualised: when the stop's row is scrolled away,
  // the first box in view takes it.
  const stop = useRef<{ index: number; col: number }>({ index: 0, col: 1 });
  const tableRef = useRef<HTMLDivElement>(null);
  const navIn = (index: number) => rowIn(tableRef.current, index);
  const syncStop = useCallback(() => {
    const table = tableRef.current;
    if (!table) return;
    const row = rowIn(table, stop.current.index);
    const target =
      (row && pick(row, stop.current.col)) ?? table.querySelector<HTMLElement>('[role="rowgroup"] [data-nav="1"]');
    for (const el of table.querySelectorAll<HTMLElement>('[data-nav][tabindex="0"]'))
      if (el !== target) el.tabIndex = -1;
    if (target) target.tabIndex = 0;
  }, []);
  useLayoutEffect(syncStop);

  const onFocus = (e: React.FocusEvent) => {
    const el = e.target instanceof HTMLElement ? e.target.closest<HTMLElement>("[data-nav]") : null;
    const row = el?.closest<HTMLElement>('[role="row"][data-index]');
    if (!el || !row) return;
    stop.current = { index: Number(row.dataset.index), col: Number(el.dataset.nav) };
    syncStop();
  };

  const focusAt = (index: number, col: number) => {
    if (index >= 0) virtualizer.scrollToIndex(index, { align: "auto" });
    let tries = 0;
    const go = () => {
      const row = navIn(index);
      const target = row && pick(row, col);
      if (target) {
        stop.current = { index, col: Number(target.dataset.nav) };
        syncStop();
        target.focus();
      } else if (tries++ < 10) requestAnimationFrame(go);
    };
    go();
  };

  // Like a spreadsheet: arrows move, Home/End go to the row's ends (with Ctrl, the grid's),
  // Page Up/Down move ten rows; Space toggles the box (it is a button). The header is row -1.
  const onKeyDown = (e: React.KeyboardEvent) => {
    const el = e.target instanceof HTMLElement ? e.target.closest<HTMLElement>("[data-nav]") : null;
    const row = el?.closest<HTMLElement>('[role="row"][data-index]');
    if (!el || !row) return;
    const index = Number(row.dataset.index);
    const col = Number(el.dataset.nav);
    const last = items.length - 1;
    const lastCol = roles.length;
    const move: Record<string, [number, number] | undefined> = {
      ArrowLeft: [index, Math.max(0, col - 1)],
      ArrowRight: [index, Math.min(lastCol, col + 1)],
      ArrowUp: [Math.max(-1, index - 1), col],
      ArrowDown: [Math.min(last, index + 1), col],
      PageUp: [Math.max(0, index - 10), col],
      PageDown: [Math.min(last, index + 10), col],
      Home: e.ctrlKey ? [0, col] : [index, 0],
      End: e.ctrlKey ? [last, col] : [index, lastCol],
    };
    const to = move[e.key];
    if (!to) return;
    e.preventDefault();
    focusAt(to[0], to[1]);
  };

  // A visible hint that more roles lie to the right (or left): a fade and a button that scrolls.
  const [edges, setEdges] = useState({ left: false, right: 0 });
  const measure = useCallback(() => {
    const box = scrollRef.current;
    if (!box) return;
    const left = box.scrollLeft > 1;
    // Role columns (even partly) beyond the right edge.
    const beyond = box.scrollWidth - box.scrollLeft - box.clientWidth;
    const right = beyond > 1 ? Math.ceil(beyond / ROLE_COL) : 0;
    setEdges((e) => (e.left === left && e.right === right ? e : { left, right }));
  }, []);
  useLayoutEffect(() => {
    measure();
    const box = scrollRef.current;
    if (!box || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, [measure]);
  // More or fewer columns (a column choice) change what overflows without resizing the box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure when the column count changes
  useLayoutEffect(measure, [measure, roles.length]);
  const scrollAcross = (dir: 1 | -1) => scrollRef.current?.scrollBy({ left: dir * ROLE_COL * 3, behavior: "smooth" });

  const width = FIRST_COL + roles.length * ROLE_COL;
  // Scroll events do not bubble: the box that scrolls moves the tooltip; the table shows it.
  const { onScroll, onFocus: tipOnFocus, ...tipHandlers } = tooltip.handlers;
  return (
    <div className="relative flex min-h-0 flex-col">
      <div
        ref={scrollRef}
        className="relative min-h-0 overflow-auto overscroll-contain"
        // Focus scrolls a cell into view clear of the sticky header, permission column and pins.
        style={{ scrollPaddingTop: HEADER_HEIGHT, scrollPaddingLeft: FIRST_COL + pinned * ROLE_COL }}
        onScroll={() => (onScroll(), measure())}
      >
        {/* The table takes the listeners delegated from its controls (one Tab stop; arrows, Space, Home/End). */}
        <div
          ref={tableRef}
          onClick={onClick}
          onKeyDown={onKeyDown}
          onFocus={(e) => (onFocus(e), tipOnFocus(e))}
          {...tipHandlers}
          role="table"
          aria-label="Permission matrix"
          aria-describedby="matrix-keys"
          aria-rowcount={totalRows + 1}
          aria-colcount={roles.length + 1}
          style={{ width, minWidth: "100%" }}
        >
          <HeaderRow roles={columns} pinned={pinned} />
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
                  pinned={pinned}
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
                  pinned={pinned}
                  sig={cellSig(cells)}
                />
              );
            })}
          </div>
        </div>
        {tooltip.node}
      </div>
      <p id="matrix-keys" className="sr-only">
        One Tab stop: arrow keys move between cells, Space ticks or unticks, Home and End go to the ends of a row,
        Control with Home or End to the first or last row.
      </p>
      {edges.left && (
        <div
          aria-hidden
          className="pointer-events-none absolute bottom-0 top-0 z-40 w-6 bg-gradient-to-r from-slate-900/10 to-transparent"
          style={{ left: FIRST_COL + pinned * ROLE_COL }}
        />
      )}
      {edges.right > 0 && (
        <div className="pointer-events-none absolute bottom-0 right-0 top-0 z-40 flex w-16 items-start justify-end bg-gradient-to-l from-slate-900/15 to-transparent">
          <button
            type="button"
            onClick={() => scrollAcross(1)}
            className="pointer-events-auto mr-1 mt-5 rounded-full bg-white/95 px-2 py-1 text-xs font-medium text-slate-700 shadow ring-1 ring-slate-300 hover:bg-slate-50"
            aria-label={`Scroll right: ${edges.right} more role${edges.right === 1 ? "" : "s"} out of view`}
            data-testid="matrix-scroll-right"
          >
            +{edges.right} ›
          </button>
        </div>
      )}
      {hiddenRoles > 0 && (
        <p className="sr-only" aria-live="polite">
          {hiddenRoles} role{hiddenRoles === 1 ? "" : "s"} hidden by your column choice
        </p>
      )}
    </div>
  );
}
