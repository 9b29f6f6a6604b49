"use client";
import { Search } from "lucide-react";
import { useState } from "react";
import { MenuIcon } from "@/components/product/icons";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";
import { ICON_NAMES, LEGACY_ICONS } from "@/lib/validation/icons";

/**
 * Picks one of the catalog's lucide icons (or none): a search box and a grid of icon buttons,
 * each named for screen readers, the chosen one pressed. Stores the lucide name ("file-text").
 */
export function IconPicker({ id, value, onChange }: { id: string; value: string; onChange: (name: string) => void }) {
  const [query, setQuery] = useState("");
  const current = LEGACY_ICONS[value] ?? value;
  const q = query.trim().toLowerCase().replace(/\s+/g, "-");
  const shown = ICON_NAMES.filter((n) => !q || n.includes(q));
  return (
    <div className="rounded-lg border border-slate-300 p-2">
      <div className="flex items-center gap-2">
        <span className="flex size-9 shrink-0 items-center justify-center rounded-md bg-slate-100 text-slate-700">
          <MenuIcon name={value || null} className="size-5" />
        </span>
        <div className="relative min-w-0 flex-1">
          <Search
            className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-500"
            aria-hidden
          />
          <Input
            id={id}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={value ? `${value} — search to change` : "Search icons, e.g. truck"}
            className="h-9 pl-8"
            aria-label="Search icons"
            autoComplete="off"
          />
        </div>
      </div>
      <div
        role="group"
        aria-label="Icons"
        className="mt-2 grid max-h-40 grid-cols-8 gap-1 overflow-y-auto sm:grid-cols-10"
      >
        <button
          type="button"
          aria-pressed={!value}
          onClick={() => onChange("")}
          className={cn(
            "col-span-2 flex h-9 items-center justify-center rounded-md text-xs text-slate-700 ring-1 ring-slate-200 hover:bg-slate-100",
            !value && "bg-brand-50 text-brand-800 ring-2 ring-brand-500",
          )}
        >
          No icon
        </button>
        {shown.map((name) => (
          <button
            key={name}
            type="button"
            title={name}
            aria-label={name}
            aria-pressed={current === name}
            onClick={() => onChange(name)}
            className={cn(
              "flex h-9 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100",
              current === name && "bg-brand-50 text-brand-800 ring-2 ring-brand-500",
            )}
          >
            <MenuIcon name={name} className="size-4" />
          </button>
        ))}
        {shown.length === 0 && (
          <p className="col-span-full px-1 py-2 text-sm text-slate-600">No icon matches “{query}”.</p>
        )}
      </div>
    </div>
  );
}
