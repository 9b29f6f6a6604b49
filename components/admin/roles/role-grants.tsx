"use client";
import { ChevronDown, Infinity as InfinityIcon, KeyRound, Search } from "lucide-react";
import { useDeferredValue, useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { SearchInput } from "@/components/ui/search-input";
import type { RoleDetail } from "@/lib/query/roles";
import { cn } from "@/lib/utils";
import { groupByModule, type ModuleRef } from "./catalog-index";
import { ApprovalBadge, ConditionsBadge, MfaBadge, RiskBadge, ScopeBadge } from "./grant-badges";

/** A role's grants grouped by module, each with its scope, conditions, risk and MFA/approval flags. */
export function RoleGrants({
  role,
  lookup,
  actions,
}: {
  role: RoleDetail;
  lookup: (code: string) => ModuleRef | undefined;
  actions?: React.ReactNode;
}) {
  const [search, setSearch] = useState("");
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const term = useDeferredValue(search.trim().toLowerCase());
  const grants = role.permissions.filter((g) => !term || g.code.includes(term) || g.name.toLowerCase().includes(term));
  const groups = groupByModule(grants, (g) => g.code, lookup);
  const toggle = (name: string) =>
    setCollapsed((s) => {
      const n = new Set(s);
      if (n.has(name)) n.delete(name);
      else n.add(name);
      return n;
    });

  return (
    <div className="space-y-4">
      {role.grants_all && (
        <div className="flex items-start gap-3 rounded-lg border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-900">
          <InfinityIcon className="mt-0.5 size-4 shrink-0 text-brand-600" aria-hidden />
          <p>
            <strong className="font-semibold">{role.name} holds everything.</strong> It is granted every permission of
            the catalog, present and future, as a rule rather than a list of grants. Below is the catalog it currently
            covers.
          </p>
        </div>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SearchInput
          className="relative w-full max-w-xs"
          label="Filter permissions"
          placeholder="Filter by code or name"
          value={search}
          onValueChange={setSearch}
        />
        <div className="flex flex-wrap items-center gap-2">{actions}</div>
      </div>
      {role.permissions.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white">
          <EmptyState
            icon={KeyRound}
            title="No permissions granted yet"
            description="Grant permissions in the matrix, copy them from another role or apply a template. Inherited permissions come from the parent roles."
          />
        </div>
      ) : groups.length === 0 ? (
        <div className="rounded-xl border border-slate-200 bg-white">
          <EmptyState icon={Search} title={`No permission matches “${search.trim()}”`} />
        </div>
      ) : (
        groups.map((group) => {
          const open = !collapsed.has(group.name) || !!term;
          const panelId = `module-${group.name.replace(/\W+/g, "-").toLowerCase()}`;
          return (
            <section
              key={group.name}
              aria-label={`${group.name} permissions`}
              className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
            >
              <h3>
                <button
                  type="button"
                  onClick={() => toggle(group.name)}
                  aria-expanded={open}
                  aria-controls={panelId}
                  className="flex w-full items-center gap-2 bg-slate-50 px-4 py-2.5 text-left text-sm font-semibold text-slate-800 hover:bg-slate-100"
                >
                  <ChevronDown
                    className={cn("size-4 text-slate-400 transition-transform", !open && "-rotate-90")}
                    aria-hidden
                  />
                  {group.name}
                  <span className="ml-1 rounded-full bg-white px-2 py-0.5 text-xs font-medium text-slate-500 ring-1 ring-slate-200">
                    {group.items.length}
                  </span>
                </button>
              </h3>
              {open && (
                <ul id={panelId} className="divide-y divide-slate-100">
                  {group.items.map((g) => (
                    <li key={g.code} className="flex flex-wrap items-center gap-x-4 gap-y-1.5 px-4 py-2.5">
                      <div className="min-w-0 flex-1">
                        <p className="truncate text-sm font-medium text-slate-900">{g.name}</p>
                        <p className="truncate font-mono text-xs text-slate-500">{g.code}</p>
                      </div>
                      <div className="flex flex-wrap items-center gap-1.5">
                        <span className="text-xs text-slate-500">{g.category}</span>
                        <ScopeBadge scope={g.scope} />
                        <ConditionsBadge conditions={g.conditions} />
                        {g.requires_mfa && <MfaBadge />}
                        {g.requires_approval && <ApprovalBadge />}
                        <RiskBadge risk={g.risk_level} />
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })
      )}
    </div>
  );
}
