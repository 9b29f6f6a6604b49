"use client";
import { ArrowDownRight, ArrowUpRight } from "lucide-react";
import { problemDetail } from "@/lib/query/hooks";
import { usePlanImpact } from "@/lib/query/tenants";

const items = (n: number) => `${n} menu item${n === 1 ? "" : "s"}`;

/**
 * Before a tenant's plan changes: the menu items it gains, those it loses, and how many members
 * lose access to each (counted like "Who has it?"). Shown in the edit dialog while the chosen plan
 * differs from the saved one, so the admin confirms knowing what people lose.
 */
export function PlanImpact({ tenantId, planId, changed }: { tenantId: string; planId: string; changed: boolean }) {
  const q = usePlanImpact(tenantId, planId || null, changed);
  if (!changed) return null;
  if (q.isPending) return <p className="text-sm text-slate-500">Working out what changes…</p>;
  if (q.isError) return <p className="text-sm text-red-700">{problemDetail(q.error)}</p>;
  const { gained, lost } = q.data;
  const losing = lost.reduce((n, i) => n + i.users_losing_access, 0);
  return (
    <section
      aria-label="What this plan change does"
      className="space-y-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200"
    >
      <p className="text-sm font-medium text-slate-900">
        {gained.length || lost.length
          ? `Loses ${items(lost.length)}, gains ${gained.length ? items(gained.length) : "none"}.${losing ? ` Members lose access ${losing} time${losing === 1 ? "" : "s"} in all.` : ""}`
          : "Nothing changes: both include the same menu items."}
      </p>
      {lost.length > 0 && (
        <div>
          <h4 className="flex items-center gap-1 text-xs font-semibold uppercase tracking-wide text-red-700">
            <ArrowDownRight className="size-3.5" aria-hidden />
            Lost
          </h4>
          <ul aria-label="Menu items lost" className="mt-1 max-h-40 space-y-0.5 overflow-y-auto text-sm">
            {lost.map((i) => (
              <li key={i.menu_item} className="flex justify-between gap-3">
                <span className="text-slate-800">{i.name}</span>
                <span className={i.users_losing_access ? "font-medium text-red-700" : "text-slate-500"}>
                  {i.users_losing_access
                    ? `${i.users_losing_access} member${i.users_losing_access === 1 ? "" : "s"} lose access`
                    : "nobody uses it"}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {gained.length > 0 && (
        <div>
          <h4 className="flex items-center gap-1 text-xs font-semibold uppercase tracking-wide text-emerald-700">
            <ArrowUpRight className="size-3.5" aria-hidden />
            Gained
          </h4>
          <p className="mt-1 text-sm text-slate-700">{gained.map((i) => i.name).join(", ")}</p>
        </div>
      )}
    </section>
  );
}
