"use client";
import { useId } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { Select } from "@/components/ui/form";
import { SearchInput } from "@/components/ui/search-input";

export interface Filters {
  text: string;
  moduleId: string;
  onlyOverridden: boolean;
  onlyGranted: boolean;
}
export const NO_FILTERS: Filters = { text: "", moduleId: "", onlyOverridden: false, onlyGranted: false };

/** Text, module (when the viewer may read the module catalog), "only overridden", "only granted". */
export function OverrideFilters({
  value,
  onChange,
  modules,
  shown,
  total,
}: {
  value: Filters;
  onChange: (f: Filters) => void;
  modules: { id: string; label: string }[] | null;
  shown: number;
  total?: number;
}) {
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  const id = useId();
  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-5 py-3">
      <SearchInput
        className="relative w-full sm:w-72"
        label="Filter permissions"
        placeholder="Filter by code or name"
        value={value.text}
        onValueChange={(text) => set({ text })}
      />
      {modules && (
        <Select
          aria-label="Filter by module"
          value={value.moduleId}
          onChange={(e) => set({ moduleId: e.target.value })}
          className="w-full sm:w-56"
        >
          <option value="">All modules</option>
          {modules.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </Select>
      )}
      <label htmlFor={`${id}-overridden`} className="flex items-center gap-2 text-sm text-slate-700">
        <Checkbox
          id={`${id}-overridden`}
          checked={value.onlyOverridden}
          onCheckedChange={(c) => set({ onlyOverridden: c === true })}
          aria-label="Only overridden"
        />
        Only overridden
      </label>
      <label htmlFor={`${id}-granted`} className="flex items-center gap-2 text-sm text-slate-700">
        <Checkbox
          id={`${id}-granted`}
          checked={value.onlyGranted}
          onCheckedChange={(c) => set({ onlyGranted: c === true })}
          aria-label="Only granted"
        />
        Only granted
      </label>
      <span className="ml-auto text-sm text-slate-500" aria-live="polite">
        {total === undefined ? "" : `${shown} of ${total}`}
      </span>
    </div>
  );
}
