"use client";
import { ChevronDown, Clock, SlidersHorizontal } from "lucide-react";
import { memo } from "react";
import type { MatrixPermission } from "@/lib/query/matrix";
import { cn } from "@/lib/utils";
import { ApprovalChip, MfaChip, PlanChip, RiskChip } from "../../matrix/badges";
import styles from "../../matrix/matrix.module.css";
import type { CellView } from "../../matrix/matrix-rows";
import rowStyles from "./editor.module.css";
import { ACTIONS, type Action } from "./layout";

export interface CellItem {
  action: Action;
  code: string;
  view: CellView;
  /** Null: not a grant of this role; "": the default terms; else the terms in words. */
  terms: string | null;
}
export interface SectionView {
  /** The layout section shown: a new one when the catalog changed. */
  layout: object;
  code: string;
  /** With `layout`, changes whenever anything else the section shows does (`sectionSig`). */
  sig: string;
  name: string;
  granted: number;
  total: number;
  collapsed: boolean;
  actions: { action: Action; all: boolean; none: boolean }[];
  menu: {
    id: string;
    name: string;
    resource: string;
    cells: (CellItem | null)[];
    out: MatrixPermission["out_of_plan"];
  }[];
  tree: { perm: MatrixPermission; depth: number; view: CellView; terms: string | null }[];
}

const boxId = (code: string) => `role-box-${code}`;
export const cellSig = (c: CellView) => `${c.checked}${c.look}${c.locked}${c.pending}${c.awaiting}${c.tip}`;

/** What a section shows besides its layout: equal signatures, nothing to render again. */
export const sectionSig = (s: Omit<SectionView, "sig">) =>
  [
    s.granted,
    s.total,
    s.collapsed,
    s.actions.map((a) => `${a.action}${a.all}${a.none}`).join(),
    s.menu
      .map((r) => `${r.id}:${r.out ? 1 : 0}:${r.cells.map((c) => (c ? cellSig(c.view) + c.terms : "-")).join("/")}`)
      .join(";"),
    s.tree.map((t) => `${t.perm.code}:${cellSig(t.view)}${t.terms}`).join(";"),
  ].join("|");

/**
 * One box, the matrix's own look (matrix.module.css); clicks are handled by the editor's delegate.
 * A plain button with the checkbox role and Radix's attributes (`data-state`, `aria-checked`), not
 * a Radix Checkbox: a page of a thousand boxes then renders and hydrates without a thousand
 * providers, and without the hidden form input each of those renders on the server and removes
 * again after hydrating (bench:console, role editor). Enter does not toggle it (the editor's
 * delegate), as with Radix: a checkbox is ticked with Space.
 */
function Box({ code, label, cell }: { code: string; label: string; cell: CellView }) {
  const state = cell.checked === "indeterminate" ? "indeterminate" : cell.checked ? "checked" : "unchecked";
  return (
    <span className={cn(rowStyles.boxWrap, cell.pending && styles[cell.pending])} data-tip={cell.tip ?? undefined}>
      <button
        id={boxId(code)}
        type="button"
        role="checkbox"
        aria-checked={cell.checked === "indeterminate" ? "mixed" : cell.checked}
        data-state={state}
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
        data-act="cell"
        data-code={code}
      />
      {cell.awaiting && <Clock className="absolute -right-3 top-1.5 size-3.5 text-amber-600" aria-hidden />}
    </span>
  );
}

function TermsButton({
  code,
  terms,
  name,
  prefix,
}: {
  code: string;
  terms: string | null;
  name: string;
  /** On a menu row: which action's grant the button is for. */
  prefix?: string;
}) {
  if (terms === null) return null;
  return (
    <button
      type="button"
      data-act="terms"
      data-code={code}
      aria-label={`Scope and conditions of ${name}`}
      className={cn(
        "inline-flex max-w-56 items-center gap-1 truncate rounded px-1.5 py-0.5 text-[11px] ring-1 ring-inset",
        terms
          ? "bg-amber-50 text-amber-900 ring-amber-200 hover:bg-amber-100"
          : "text-slate-500 ring-slate-200 hover:bg-slate-50",
      )}
    >
      <SlidersHorizontal className="size-3 shrink-0" aria-hidden />
      <span className="truncate">
        {prefix && <span className="font-medium">{prefix}: </span>}
        {terms || "Scope"}
      </span>
    </button>
  );
}

const MenuRow = memo(
  function MenuRow({ row, planName }: { row: SectionView["menu"][number]; planName: string | null }) {
    const withTerms = row.cells.filter((c): c is CellItem => !!c && c.terms !== null);
    return (
      <tr className="border-t border-slate-100 max-sm:flex max-sm:flex-wrap max-sm:gap-1.5 max-sm:px-3 max-sm:py-2">
        <th scope="row" className="px-3 py-1.5 text-left font-normal max-sm:basis-full max-sm:p-0 sm:px-4">
          <span className="block text-sm font-medium text-slate-900">{row.name}</span>
          <span className="flex flex-wrap items-center gap-1">
            <code className="font-mono text-xs text-slate-500">{row.resource}</code>
            {row.out && planName && <PlanChip out={row.out} planName={planName} />}
            {withTerms.map((c) => (
              <TermsButton
                key={c.code}
                code={c.code}
                terms={c.terms}
                name={`${row.name}: ${c.action}`}
                prefix={c.action}
              />
            ))}
          </span>
        </th>
        {row.cells.map((c, i) => (
          <td key={ACTIONS[i]} className={cn("px-1 py-1.5 text-center max-sm:p-0 sm:px-2", !c && "max-sm:hidden")}>
            {c ? (
              // On a phone the columns become a row of toggles, each with its action's name beside it.
              <span className="inline-flex items-center max-sm:rounded-md max-sm:pr-2.5 max-sm:ring-1 max-sm:ring-slate-200">
                <Box code={c.code} label={`${c.action} ${row.name}`} cell={c.view} />
                <label htmlFor={boxId(c.code)} className="cursor-pointer py-1 text-xs text-slate-700 sm:hidden">
                  {c.action}
                </label>
              </span>
            ) : (
              <span className="text-slate-300">
                <span aria-hidden>—</span>
                <span className="sr-only">{`${row.name} has no ${ACTIONS[i]}`}</span>
              </span>
            )}
          </td>
        ))}
      </tr>
    );
  },
  (a, b) =>
    a.planName === b.planName &&
    a.row.id === b.row.id &&
    a.row.cells.map((c) => (c ? cellSig(c.view) + c.terms : "-")).join("/") ===
      b.row.cells.map((c) => (c ? cellSig(c.view) + c.terms : "-")).join("/"),
);

const TreeRow = memo(
  function TreeRow({ row, planName }: { row: SectionView["tree"][number]; planName: string | null }) {
    const p = row.perm;
    return (
      <li className={rowStyles.treeRow} style={{ paddingLeft: 16 + row.depth * 20 }}>
        <Box code={p.code} label={`Grant ${p.code}`} cell={row.view} />
        <div className={rowStyles.treeText}>
          <p className={rowStyles.treeName}>{p.name}</p>
          <p className={rowStyles.treeCode}>{p.code}</p>
        </div>
        <span className={rowStyles.chips}>
          <TermsButton code={p.code} terms={row.terms} name={p.name} />
          {p.out_of_plan && planName && <PlanChip out={p.out_of_plan} planName={planName} />}
          {p.requires_mfa && <MfaChip />}
          {p.requires_approval && <ApprovalChip />}
          {p.risk_level !== "low" && <RiskChip risk={p.risk_level} />}
        </span>
      </li>
    );
  },
  (a, b) =>
    a.planName === b.planName &&
    a.row.perm === b.row.perm &&
    a.row.depth === b.row.depth &&
    a.row.terms === b.row.terms &&
    cellSig(a.row.view) === cellSig(b.row.view),
);

/**
 * One module: its menu items as action columns, then its other permissions as the code tree. A
 * toggle renders again only the sections whose `sig` changed (and in them only the changed rows).
 */
export const EditorSection = memo(
  function EditorSection({
    section: s,
    editable,
    planName,
  }: {
    section: SectionView;
    editable: boolean;
    planName: string | null;
  }) {
    const panel = `role-module-${s.code.replace(/\W+/g, "-")}`;
    return (
      <section aria-label={`${s.name} permissions`} className="[content-visibility:auto]">
        <div className="flex flex-wrap items-center gap-2 bg-slate-50 px-4 py-2">
          <h3>
            <button
              type="button"
              data-act="collapse"
              data-module={s.code}
              aria-expanded={!s.collapsed}
              aria-controls={panel}
              className="flex items-center gap-2 text-left text-sm font-semibold text-slate-800"
            >
              <ChevronDown
                className={cn("size-4 text-slate-400 transition-transform", s.collapsed && "-rotate-90")}
                aria-hidden
              />
              {s.name}
            </button>
          </h3>
          <span
            className="rounded-full bg-white px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-200"
            data-testid="module-count"
          >
            {s.granted} of {s.total}
          </span>
          {editable && (
            <span className="ml-auto flex flex-wrap gap-1">
              {s.actions
                .filter((a) => !a.none)
                .map((a) => (
                  <button
                    key={a.action}
                    type="button"
                    data-act="set"
                    data-module={s.code}
                    data-action={a.action}
                    className="rounded px-1.5 py-0.5 text-[11px] font-medium text-brand-700 ring-1 ring-brand-100 hover:bg-brand-50"
                    aria-label={`${a.all ? "Clear" : "Set"} all ${a.action} in ${s.name}`}
                  >
                    {a.all ? "Clear" : "Set"} all {a.action}
                  </button>
                ))}
            </span>
          )}
        </div>
        {!s.collapsed && (
          <div id={panel}>
            {s.menu.length > 0 && (
              <div className="overflow-x-auto">
                <table
                  className="w-full text-sm max-sm:block sm:min-w-[360px] max-sm:[&>tbody]:block"
                  aria-label={`${s.name} menu items`}
                >
                  <thead className="max-sm:hidden">
                    <tr className="text-xs uppercase tracking-wide text-slate-500">
                      <th scope="col" className="px-4 py-1.5 text-left font-medium">
                        Menu item
                      </th>
                      {ACTIONS.map((a) => (
                        <th key={a} scope="col" className="w-11 px-1 py-1.5 text-center font-medium sm:w-16 sm:px-2">
                          {a}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {s.menu.map((r) => (
                      <MenuRow key={r.id} row={r} planName={planName} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {s.tree.length > 0 && (
              <>
                {s.menu.length > 0 && (
                  <p className="border-t border-slate-100 px-4 pt-2 text-xs font-medium uppercase tracking-wide text-slate-500">
                    Other permissions
                  </p>
                )}
                {editable && (
                  <p className="px-4 pt-1">
                    <button
                      type="button"
                      data-act="tree-all"
                      data-module={s.code}
                      className="text-[11px] font-medium text-brand-700 hover:underline"
                    >
                      Tick or clear all {s.tree.length} {s.menu.length ? "other " : ""}permissions of {s.name}
                    </button>
                  </p>
                )}
                <ul className="divide-y divide-slate-50">
                  {s.tree.map((t) => (
                    <TreeRow key={t.perm.code} row={t} planName={planName} />
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </section>
    );
  },
  (a, b) =>
    a.editable === b.editable &&
    a.planName === b.planName &&
    a.section.layout === b.section.layout &&
    a.section.sig === b.section.sig,
);
