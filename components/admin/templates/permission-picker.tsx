"use client";
import { ChevronDown, Plus } from "lucide-react";
import { useDeferredValue, useMemo, useState } from "react";
import { type CatalogEntry, catalogLookup, groupByModule } from "@/components/admin/roles/catalog-index";
import { ApprovalBadge, MfaBadge, RiskBadge } from "@/components/admin/roles/grant-badges";
import { Input } from "@/components/ui/input";
import { SearchInput } from "@/components/ui/search-input";
import { Skeleton } from "@/components/ui/skeleton";
import { isPlatformOnly } from "@/lib/permissions/gatehouse-codes";
import { cn } from "@/lib/utils";

export type Effect = "allow" | "deny";
export type PermissionSet = Record<string, Effect>;

function EffectToggle({
  code,
  value,
  onChange,
  disabled,
}: {
  code: string;
  value: Effect | undefined;
  onChange: (v: Effect | undefined) => void;
  disabled: boolean;
}) {
  const item = (effect: Effect, label: string, on: string) => (
    <button
      type="button"
      disabled={disabled}
      aria-pressed={value === effect}
      aria-label={`${label} ${code}`}
      onClick={() => onChange(value === effect ? undefined : effect)}
      className={cn(
        "h-7 px-2.5 text-xs font-medium transition-colors first:rounded-l-md last:rounded-r-md disabled:cursor-not-allowed",
        value === effect ? on : "bg-white text-slate-500 hover:bg-slate-50",
        disabled && value !== effect && "opacity-50",
      )}
    >
      {label}
    </button>
  );
  return (
    <span className="inline-flex shrink-0 divide-x divide-slate-200 rounded-md ring-1 ring-slate-200">
      {item("allow", "Allow", "bg-emerald-600 text-white")}
      {item("deny", "Deny", "bg-red-600 text-white")}
    </span>
  );
}

/**
 * Chooses a template's `{code: allow|deny}` set from the catalog, grouped by module (collapsed
 * until opened or searched, so a thousand permissions stay light). Without the catalog it edits
 * the codes by hand.
 */
export function PermissionPicker({
  value,
  onChange,
  byCode,
  readOnly = false,
  catalogAvailable,
  loading = false,
}: {
  value: PermissionSet;
  onChange: (v: PermissionSet) => void;
  byCode: Map<string, CatalogEntry>;
  readOnly?: boolean;
  catalogAvailable: boolean;
  loading?: boolean;
}) {
  const [search, setSearch] = useState("");
  const [onlySelected, setOnlySelected] = useState(readOnly);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [manual, setManual] = useState("");
  const term = useDeferredValue(search.trim().toLowerCase());
  const set = (code: string, effect: Effect | undefined) => {
    const next = { ...value };
    if (effect) next[code] = effect;
    else delete next[code];
    onChange(next);
  };
  const addManual = () => {
    if (manual.trim()) {
      set(manual.trim().toLowerCase(), "allow");
      setManual("");
    }
  };
  const entries = useMemo(() => {
    // Platform-only codes cannot be granted in a tenant (docs/design.md §3.5): not offered.
    const codes = new Set([...[...byCode.keys()].filter((c) => !isPlatformOnly(c)), ...Object.keys(value)]);
    return [...codes].map((code) => ({ code, entry: byCode.get(code) }));
  }, [byCode, value]);
  const shown = entries.filter(
    ({ code, entry }) =>
      (!onlySelected || value[code]) &&
      (!term || code.includes(term) || (entry?.permission.name.toLowerCase().includes(term) ?? false)),
  );
  const lookup = useMemo(() => catalogLookup(byCode), [byCode]);
  const groups = groupByModule(shown, (e) => e.code, lookup);
  const allowCount = Object.values(value).filter((e) => e === "allow").length;
  const denyCount = Object.values(value).length - allowCount;

  return (
    <div className="rounded-lg border border-slate-200">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 bg-slate-50/60 px-3 py-2">
        <SearchInput
          className="relative min-w-48 flex-1"
          label="Search permissions"
          placeholder="Search code or name"
          value={search}
          onValueChange={setSearch}
          variant="sm"
        />
        <label className="flex items-center gap-1.5 text-xs text-slate-600">
          <input
            type="checkbox"
            checked={onlySelected}
            onChange={(e) => setOnlySelected(e.target.checked)}
            className="accent-brand-600"
          />
          Selected only
        </label>
        <span className="text-xs text-slate-500" aria-live="polite">
          <span className="font-medium text-emerald-700">{allowCount} allowed</span> ·{" "}
          <span className="font-medium text-red-700">{denyCount} denied</span>
        </span>
      </div>
      {!catalogAvailable && !readOnly && (
        <div className="flex gap-2 border-b border-slate-100 px-3 py-2">
          <Input
            aria-label="Add a permission code"
            placeholder="Add a code, e.g. sites.list.view (the catalog needs View permissions)"
            value={manual}
            onChange={(e) => setManual(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                addManual();
              }
            }}
            className="h-8 font-mono text-xs"
          />
          <button
            type="button"
            onClick={addManual}
            className="inline-flex h-8 items-center gap-1 rounded-md px-2 text-sm text-brand-700 hover:bg-brand-50"
          >
            <Plus className="size-3.5" aria-hidden />
            Add
          </button>
        </div>
      )}
      <div className="max-h-[45dvh] overflow-y-auto">
        {loading && (
          <div role="status" aria-label="Loading the catalog" className="space-y-2 p-3">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-7 w-full" />
            ))}
          </div>
        )}
        {!loading && groups.length === 0 && (
          <p className="px-3 py-6 text-center text-sm text-slate-500">
            {term
              ? `No permission matches “${search.trim()}”.`
              : onlySelected
                ? "No permission chosen yet."
                : "The catalog is empty."}
          </p>
        )}
        {groups.map((g) => {
          const expanded = open.has(g.name) || !!term || onlySelected;
          const chosen = g.items.filter((i) => value[i.code]).length;
          return (
            <div key={g.name} className="border-b border-slate-100 last:border-b-0">
              <div className="sticky top-0 z-[1] flex items-center gap-2 bg-white px-3 py-1.5">
                <button
                  type="button"
                  aria-expanded={expanded}
                  onClick={() =>
                    setOpen((s) => {
                      const n = new Set(s);
                      if (n.has(g.name)) n.delete(g.name);
                      else n.add(g.name);
                      return n;
                    })
                  }
                  className="flex flex-1 items-center gap-1.5 text-left text-sm font-semibold text-slate-800"
                >
                  <ChevronDown
                    className={cn("size-4 text-slate-400 transition-transform", !expanded && "-rotate-90")}
                    aria-hidden
                  />
                  {g.name}
                  <span className="text-xs font-normal text-slate-500">
                    {chosen ? `${chosen} of ${g.items.length} chosen` : `${g.items.length}`}
                  </span>
                </button>
                {!readOnly && expanded && (
                  <>
                    <button
                      type="button"
                      className="text-xs font-medium text-brand-700 hover:underline"
                      onClick={() =>
                        onChange({ ...value, ...Object.fromEntries(g.items.map((i) => [i.code, "allow" as const])) })
                      }
                    >
                      Allow all
                    </button>
                    <button
                      type="button"
                      className="text-xs font-medium text-slate-500 hover:underline"
                      onClick={() => {
                        const next = { ...value };
                        for (const i of g.items) delete next[i.code];
                        onChange(next);
                      }}
                    >
                      Clear
                    </button>
                  </>
                )}
              </div>
              {expanded && (
                <ul>
                  {g.items.map(({ code, entry }) => (
                    <li
                      key={code}
                      className={cn(
                        "flex items-center gap-3 px-3 py-1.5 pl-9",
                        value[code] === "allow" && "bg-emerald-50/40",
                        value[code] === "deny" && "bg-red-50/40",
                      )}
                    >
                      <div className="min-w-0 flex-1">
                        <p className="truncate text-sm text-slate-800">
                          {entry?.permission.name ?? <span className="text-amber-700">Not in the catalog</span>}
                        </p>
                        <p className="truncate font-mono text-xs text-slate-500">{code}</p>
                      </div>
                      {entry && (
                        <span className="hidden items-center gap-1 sm:flex">
                          {entry.permission.requires_mfa && <MfaBadge />}
                          {entry.permission.requires_approval && <ApprovalBadge />}
                          <RiskBadge risk={entry.permission.risk_level} />
                        </span>
                      )}
                      <EffectToggle
                        code={code}
                        value={value[code]}
                        onChange={(v) => set(code, v)}
                        disabled={readOnly}
                      />
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
