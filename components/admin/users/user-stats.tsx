"use client";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useApi } from "@/lib/query/hooks";
import { cn } from "@/lib/utils";
import { type UserStats, userStatsPath } from "./types";

/** The five numbers of `/permissions/stats`: how much this user may do, and from where. */
export function UserStatsCards({ userId }: { userId: string }) {
  const stats = useApi<UserStats>(userStatsPath(userId));
  const s = stats.data;
  const cards = [
    { label: "Permissions", value: s?.total_permissions, hint: "in the catalog", tone: "text-slate-900" },
    { label: "Granted", value: s?.granted_permissions, hint: "effective now", tone: "text-emerald-700" },
    { label: "From roles", value: s?.role_permissions, hint: "held or inherited", tone: "text-slate-900" },
    { label: "Direct", value: s?.direct_permissions, hint: "granted by override", tone: "text-brand-700" },
    { label: "Denied", value: s?.denied_permissions, hint: "not effective", tone: "text-red-700" },
  ];
  return (
    <section aria-label="Permission statistics" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {cards.map((c) => (
        <Card key={c.label} className="px-4 py-3" data-testid={`stat-${c.label.toLowerCase().replace(/\s+/g, "-")}`}>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{c.label}</p>
          {c.value === undefined ? <Skeleton className="mt-1.5 h-7 w-12" /> : <p className={cn("mt-0.5 text-2xl font-semibold tabular-nums", c.tone)}>{c.value}</p>}
          <p className="text-xs text-slate-400">{c.hint}</p>
        </Card>
      ))}
    </section>
  );
}
