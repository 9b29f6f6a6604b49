"use client";
import { X } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { SearchInput } from "@/components/ui/search-input";
import { cn } from "@/lib/utils";

interface Option {
  id: string;
  name: string;
  description?: string | null;
  is_system?: boolean;
}

/**
 * Picks several roles (a role's parents): the chosen ones as removable chips, then a filterable
 * list of checkboxes. Inline rather than in a popover, so it scrolls inside dialogs too.
 */
export function RoleMultiSelect({
  options,
  value,
  onChange,
  disabled = false,
  label,
  invalid = false,
  describedBy,
  listClassName,
}: {
  options: Option[];
  value: string[];
  onChange: (ids: string[]) => void;
  disabled?: boolean;
  label: string;
  invalid?: boolean;
  describedBy?: string;
  listClassName?: string;
}) {
  const [filter, setFilter] = useState("");
  const optionIdBase = useId();
  const byId = useMemo(() => new Map(options.map((o) => [o.id, o])), [options]);
  const shown = options.filter((o) => !filter || o.name.toLowerCase().includes(filter.toLowerCase()));
  const toggle = (id: string, on: boolean) => onChange(on ? [...value, id] : value.filter((v) => v !== id));
  return (
    <div
      role="group"
      aria-label={label}
      aria-describedby={describedBy}
      className={cn("rounded-lg border bg-white shadow-sm", invalid ? "border-red-500" : "border-slate-300")}
    >
      <div className="flex min-h-10 flex-wrap items-center gap-1.5 border-b border-slate-100 px-2 py-1.5">
        {value.length === 0 && <span className="px-1 text-sm text-slate-400">No parent roles</span>}
        {value.map((id) => (
          <span
            key={id}
            className="inline-flex items-center gap-1 rounded-md bg-brand-50 py-0.5 pl-2 pr-1 text-xs font-medium text-brand-700 ring-1 ring-inset ring-brand-100"
          >
            {byId.get(id)?.name ?? "Unknown role"}
            {!disabled && (
              <button
                type="button"
                onClick={() => toggle(id, false)}
                className="rounded p-0.5 hover:bg-brand-100"
                aria-label={`Remove ${byId.get(id)?.name ?? "role"}`}
              >
                <X className="size-3" aria-hidden />
              </button>
            )}
          </span>
        ))}
      </div>
      {!disabled && (
        <>
          <SearchInput
            className="border-b border-slate-100"
            label="Filter roles"
            placeholder="Filter roles…"
            value={filter}
            onValueChange={setFilter}
            variant="bare"
          />
          <ul className={cn("max-h-44 overflow-y-auto py-1", listClassName)}>
            {shown.length === 0 && <li className="px-3 py-2 text-sm text-slate-500">No role matches “{filter}”.</li>}
            {shown.map((o) => {
              const checked = value.includes(o.id);
              return (
                <li key={o.id}>
                  <label
                    className="flex cursor-pointer items-center gap-2.5 px-3 py-1.5 text-sm hover:bg-slate-50"
                    htmlFor={`${optionIdBase}-${o.id}`}
                  >
                    <Checkbox
                      id={`${optionIdBase}-${o.id}`}
                      checked={checked}
                      onCheckedChange={(c) => toggle(o.id, c === true)}
                      aria-label={`Inherit from ${o.name}`}
                    />
                    <span className="shrink-0 font-medium text-slate-800">{o.name}</span>
                    {o.description && <span className="truncate text-xs text-slate-500">{o.description}</span>}
                  </label>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
