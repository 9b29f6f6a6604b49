"use client";

import * as Collapsible from "@radix-ui/react-collapsible";
import { Check, ChevronDown, KeyRound, Lock } from "lucide-react";
import { usePermissions } from "@/components/permissions/permission-provider";
import { useHydrated } from "@/components/shell/use-hydrated";
import { LEGEND_ID, useLegendState } from "./page-legend";

export interface PagePermission {
  code: string;
  what: string;
}

/**
 * "What your permissions change here": every permission the page consults, with what it opens
 * and whether the viewer (or the previewed user) holds it — the demo's legend for newcomers.
 */
export function PagePermissions({ items, defaultOpen = false }: { items: PagePermission[]; defaultOpen?: boolean }) {
  const p = usePermissions();
  const hydrated = useHydrated();
  const { open, setOpen } = useLegendState(defaultOpen);
  const held = items.filter((i) => p.can(i.code)).length;
  return (
    <Collapsible.Root
      id={LEGEND_ID}
      open={open}
      onOpenChange={setOpen}
      data-legend
      data-hydrated={hydrated || undefined}
      className="mt-8 scroll-mt-20 rounded-xl border border-dashed border-slate-300 bg-slate-50/60"
    >
      <Collapsible.Trigger className="group flex w-full flex-wrap items-center gap-x-2 gap-y-0.5 rounded-xl px-4 py-3 text-left text-sm font-medium text-slate-700 outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
        <KeyRound className="size-4 text-brand-600" aria-hidden />
        What {p.subject ? `${p.subject}’s` : "your"} permissions change on this page
        <span className="text-xs font-normal text-slate-500">
          {held} of {items.length} granted
        </span>
        <ChevronDown
          className="ml-auto size-4 text-slate-400 transition-transform group-data-[state=open]:rotate-180"
          aria-hidden
        />
      </Collapsible.Trigger>
      <Collapsible.Content>
        <ul className="grid gap-x-6 gap-y-1.5 px-4 pb-4 sm:grid-cols-2" data-testid="page-permissions">
          {items.map((i) => {
            const ok = p.can(i.code);
            return (
              <li key={i.code} className="flex items-start gap-2 text-sm" data-granted={ok}>
                {ok ? (
                  <Check className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-label="granted" />
                ) : (
                  <Lock className="mt-0.5 size-4 shrink-0 text-slate-400" aria-label="not granted" />
                )}
                <span className="min-w-0">
                  <code
                    title={i.code}
                    className={`block truncate font-mono text-xs ${ok ? "text-slate-800" : "text-slate-500"}`}
                  >
                    {i.code}
                  </code>
                  <span className="block text-xs text-slate-500">{i.what}</span>
                </span>
              </li>
            );
          })}
        </ul>
      </Collapsible.Content>
    </Collapsible.Root>
  );
}
