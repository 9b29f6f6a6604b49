"use client";
import { ChevronsDownUp, ChevronsUpDown, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/form";
import { SearchInput } from "@/components/ui/search-input";

export interface Filters {
  module: string;
  category: string;
  risk: string;
  text: string;
}
export const NO_FILTERS: Filters = { module: "", category: "", risk: "", text: "" };
const RISKS = ["low", "medium", "high", "critical"] as const;

/** How many rows show, and a switch to fold or unfold every module. */
export function RowCount({
  shown,
  total,
  allCollapsed,
  onCollapseAll,
}: {
  shown: number;
  total: number;
  allCollapsed: boolean;
  onCollapseAll: (collapse: boolean) => void;
}) {
  return (
    <span className="flex items-center gap-1 text-sm text-slate-600">
      <span aria-live="polite" className="font-medium">
        {shown === total ? `${total} permissions` : `${shown} of ${total} permissions`}
      </span>
      <Button variant="ghost" size="sm" onClick={() => onCollapseAll(!allCollapsed)}>
        {allCollapsed ? (
          <ChevronsUpDown className="size-3.5" aria-hidden />
        ) : (
          <ChevronsDownUp className="size-3.5" aria-hidden />
        )}
        {allCollapsed ? "Expand all" : "Collapse all"}
      </Button>
    </span>
  );
}

/** Narrow the rows by module, category, risk and free text (code, name or description). */
export function MatrixFilters({
  value,
  onChange,
  modules,
  categories,
}: {
  value: Filters;
  onChange: (f: Filters) => void;
  modules: { code: string; name: string }[];
  categories: string[];
}) {
  const active = value.module || value.category || value.risk || value.text;
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  return (
    <div className="flex shrink-0 flex-wrap items-center gap-2" role="search" aria-label="Filter the matrix">
      <SearchInput
        className="relative w-full sm:w-64"
        label="Filter permissions"
        placeholder="Filter by code or name…"
        value={value.text}
        onValueChange={(text) => set({ text })}
        inputClassName="h-9"
      />
      <Select
        aria-label="Module"
        value={value.module}
        onChange={(e) => set({ module: e.target.value })}
        className="h-9 w-auto min-w-36"
      >
        <option value="">All modules</option>
        {modules.map((m) => (
          <option key={m.code} value={m.code}>
            {m.name}
          </option>
        ))}
      </Select>
      <Select
        aria-label="Category"
        value={value.category}
        onChange={(e) => set({ category: e.target.value })}
        className="h-9 w-auto min-w-36"
      >
        <option value="">All categories</option>
        {categories.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </Select>
      <Select
        aria-label="Risk"
        value={value.risk}
        onChange={(e) => set({ risk: e.target.value })}
        className="h-9 w-auto min-w-32"
      >
        <option value="">Any risk</option>
        {RISKS.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </Select>
      {active && (
        <Button variant="ghost" size="sm" onClick={() => onChange(NO_FILTERS)}>
          <X className="size-3.5" aria-hidden />
          Clear filters
        </Button>
      )}
    </div>
  );
}
