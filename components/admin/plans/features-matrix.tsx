"use client";
import { RotateCcw, Save } from "lucide-react";
import { Fragment, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CardHeader } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { MenuItem, ModuleItem as Module } from "@/lib/query/catalog";
import { type Plan, useSavePlanFeatures } from "@/lib/query/plans";
import type { Tenant } from "@/lib/query/tenants";
import { cn } from "@/lib/utils";
import { groupByModule, type Inclusion, inclusionOf, type PlanChange, pendingChanges } from "./model";

/**
 * Plans × menu items: which navigation each plan includes (DESIGN §3.2 rule 3 — a tenant's plan
 * gates every code under an item's resource). Ticks accumulate; saving shows what changes for
 * which plan and how many tenants feel it, then replaces each changed plan's feature set.
 */
export function FeaturesMatrix({
  plans,
  items,
  modules,
  tenants,
}: {
  plans: Plan[];
  items: MenuItem[];
  modules: Module[];
  tenants: Tenant[];
}) {
  const saved = useMemo(() => inclusionOf(plans), [plans]);
  // plan id → item id → wanted state, only where it differs from what is saved.
  const [edits, setEdits] = useState<Map<string, Map<string, boolean>>>(new Map());
  const [reviewing, setReviewing] = useState(false);
  const groups = useMemo(() => groupByModule(items, modules), [items, modules]);
  // Two items may share a name ("Financial Reports" in Finance and in Reports): their labels name the module too.
  const itemLabel = useMemo(() => {
    const seen = new Map<string, number>();
    for (const i of items) seen.set(i.name, (seen.get(i.name) ?? 0) + 1);
    const moduleOf = new Map(groups.flatMap((g) => g.items.map((i) => [i.id, g.label] as const)));
    return (i: MenuItem) => ((seen.get(i.name) ?? 0) > 1 ? `${i.name} (${moduleOf.get(i.id)})` : i.name);
  }, [items, groups]);

  const draft: Inclusion = useMemo(() => {
    const out: Inclusion = new Map();
    for (const p of plans) {
      const set = new Set(saved.get(p.id));
      for (const [item, on] of edits.get(p.id) ?? [])
        if (on) set.add(item);
        else set.delete(item);
      out.set(p.id, set);
    }
    return out;
  }, [plans, saved, edits]);
  const changes = useMemo(() => pendingChanges(plans, saved, draft, items), [plans, saved, draft, items]);
  const changeCount = changes.reduce((n, c) => n + c.added.length + c.removed.length, 0);

  const setCells = (planId: string, itemIds: string[], on: boolean) =>
    setEdits((prev) => {
      const next = new Map(prev);
      const forPlan = new Map(next.get(planId));
      for (const id of itemIds) {
        if ((saved.get(planId)?.has(id) ?? false) === on) forPlan.delete(id);
        else forPlan.set(id, on);
      }
      if (forPlan.size) next.set(planId, forPlan);
      else next.delete(planId);
      return next;
    });
  const edited = (planId: string, itemId: string) => edits.get(planId)?.has(itemId) ?? false;

  const save = useSavePlanFeatures<PlanChange & { planId: string; menu_item_ids: string[] }>({
    success: (res, list) =>
      `Saved the features of ${list.length === 1 ? list[0]!.plan.name : `${list.length} plans`} · ${res.reduce((n, r) => n + r.tenants_affected, 0)} tenant(s) affected`,
    onSuccess: () => {
      setEdits(new Map());
      setReviewing(false);
    },
  });

  const tenantsOn = (planId: string) => tenants.filter((t) => t.plan_id === planId);

  return (
    <>
      <CardHeader
        title="Features by plan"
        description="Tick the menu items each plan includes. A tenant on a plan is denied every permission under an item its plan leaves out. Nothing is saved until you review the changes."
      />
      {/* The page scrolls, not a box inside it: every module shows, the plan names stay in view
          under the top bar (57 px), and unsaved changes keep their buttons at the bottom. */}
      <div>
        <table className="w-full border-separate border-spacing-0 text-sm">
          <thead>
            <tr>
              <th
                scope="col"
                className="sticky left-0 top-[57px] z-20 min-w-64 border-b border-slate-200 bg-slate-50 px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500"
              >
                Menu item
              </th>
              {plans.map((p) => (
                <th
                  key={p.id}
                  scope="col"
                  className="sticky top-[57px] z-10 min-w-36 border-b border-slate-200 bg-slate-50 px-3 py-2.5 text-center align-bottom"
                >
                  <span className="block text-sm font-semibold text-slate-800">{p.name}</span>
                  <span className="mt-0.5 flex items-center justify-center gap-1 text-xs font-normal text-slate-500">
                    <span className="tabular-nums">
                      {draft.get(p.id)?.size ?? 0}/{items.length}
                    </span>
                    {!p.is_active && <Badge tone="slate">Inactive</Badge>}
                    {edits.has(p.id) && <Badge tone="amber">Edited</Badge>}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <Fragment key={g.moduleId}>
                <tr>
                  <th
                    scope="rowgroup"
                    className="sticky left-0 z-[5] border-b border-slate-200 bg-slate-100/90 px-4 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 backdrop-blur"
                  >
                    {g.label}
                  </th>
                  {plans.map((p) => {
                    const n = g.items.filter((i) => draft.get(p.id)?.has(i.id)).length;
                    const state = n === 0 ? false : n === g.items.length ? true : "indeterminate";
                    return (
                      <td key={p.id} className="border-b border-slate-200 bg-slate-100/90 px-3 py-2 text-center">
                        <Checkbox
                          aria-label={`Include all of ${g.label} in ${p.name}`}
                          checked={state}
                          onCheckedChange={() =>
                            setCells(
                              p.id,
                              g.items.map((i) => i.id),
                              state !== true,
                            )
                          }
                        />
                      </td>
                    );
                  })}
                </tr>
                {g.items.map((item) => (
                  <tr key={item.id} className="group">
                    <th
                      scope="row"
                      className="sticky left-0 z-[5] border-b border-slate-100 bg-white px-4 py-2 text-left font-normal group-hover:bg-slate-50"
                    >
                      <span
                        className={cn(
                          "block font-medium text-slate-800",
                          !item.is_active && "text-slate-400 line-through",
                        )}
                      >
                        {item.name}
                      </span>
                      <code className="font-mono text-xs text-slate-500">{item.resource}</code>
                    </th>
                    {plans.map((p) => {
                      const on = draft.get(p.id)?.has(item.id) ?? false;
                      const changed = edited(p.id, item.id);
                      return (
                        <td
                          key={p.id}
                          className={cn(
                            "border-b border-slate-100 px-3 py-2 text-center group-hover:bg-slate-50",
                            changed && "bg-amber-50 group-hover:bg-amber-100/70",
                          )}
                        >
                          <Checkbox
                            aria-label={`Include ${itemLabel(item)} in ${p.name}`}
                            checked={on}
                            onCheckedChange={(v) => setCells(p.id, [item.id], v === true)}
                          />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </Fragment>
            ))}
          </tbody>
        </table>
        {changeCount > 0 && (
          <div className="sticky bottom-0 z-20 flex items-center justify-end gap-2 border-t border-amber-200 bg-amber-50/95 px-4 py-2.5 backdrop-blur">
            <span className="mr-auto text-sm font-medium text-amber-800" aria-live="polite">
              {changeCount} unsaved change{changeCount === 1 ? "" : "s"}
            </span>
            <Button size="sm" variant="secondary" disabled={save.isPending} onClick={() => setEdits(new Map())}>
              <RotateCcw className="size-3.5" aria-hidden />
              Reset
            </Button>
            <Button size="sm" disabled={save.isPending} onClick={() => setReviewing(true)}>
              <Save className="size-3.5" aria-hidden />
              Review and save
            </Button>
          </div>
        )}
      </div>
      <ConfirmDialog
        open={reviewing}
        onOpenChange={setReviewing}
        title="Save plan features?"
        tone="primary"
        confirmLabel={`Save ${changeCount} change${changeCount === 1 ? "" : "s"}`}
        busy={save.isPending}
        onConfirm={() => save.mutate(changes.map((c) => ({ ...c, planId: c.plan.id, menu_item_ids: c.menuItemIds })))}
        description="Every tenant on these plans is decided by the new feature set as soon as you save."
      >
        <ul className="max-h-72 space-y-3 overflow-y-auto" aria-label="Changes by plan">
          {changes.map((c) => {
            const on = tenantsOn(c.plan.id);
            return (
              <li key={c.plan.id} className="rounded-lg border border-slate-200 p-3 text-sm">
                <p className="font-medium text-slate-900">{c.plan.name}</p>
                <p className="text-xs text-slate-500">
                  {on.length === 0
                    ? "No tenant is on this plan."
                    : `${on.length} tenant${on.length === 1 ? "" : "s"} affected: ${on
                        .slice(0, 3)
                        .map((t) => t.name)
                        .join(", ")}${on.length > 3 ? "…" : ""}`}
                </p>
                <ul className="mt-2 space-y-0.5">
                  {c.added.map((i) => (
                    <li key={i.id} className="text-emerald-700">
                      + {i.name} <code className="font-mono text-xs">{i.resource}</code>
                    </li>
                  ))}
                  {c.removed.map((i) => (
                    <li key={i.id} className="text-red-700">
                      − {i.name} <code className="font-mono text-xs">{i.resource}</code>
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      </ConfirmDialog>
    </>
  );
}
