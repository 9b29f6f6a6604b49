"use client";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useUserPermissions, useUserStats } from "@/lib/query/users";
import { cn } from "@/lib/utils";

/**
 * How much this user may do, and from where. The API's stats give the catalog, the granted, those
 * granted by a role and those granted by an allow override; its `denied_permissions` is everything
 * not granted (254 of 278 for most people), so it is shown as such, not as denials. What a deny
 * override takes away is counted from the permissions list the override editor already loads.
 */
export function UserStatsCards({ userId }: { userId: string }) {
  const stats = useUserStats(userId);
  const perms = useUserPermissions(userId);
  const s = stats.data;
  const deniedByOverride = perms.data?.data.filter((p) => !p.granted && p.source === "direct").length;
  const cards = [
    { id: "catalog", label: "Catalog", value: s?.total_permissions, hint: "permissions in all" },
    {
      id: "granted",
      label: "Granted",
      value: s?.granted_permissions,
      hint: s ? `effective now · ${s.denied_permissions} not granted` : "effective now",
      tone: "text-emerald-700",
    },
    { id: "from-roles", label: "From roles", value: s?.role_permissions, hint: "granted by a role or one it inherits" },
    {
      id: "direct-allow",
      label: "Direct allow",
      value: s?.direct_permissions,
      hint: "granted by an allow override",
      tone: s?.direct_permissions ? "text-brand-700" : undefined,
    },
    {
      id: "direct-deny",
      label: "Direct deny",
      value: deniedByOverride,
      hint: "denied by a deny override",
      tone: deniedByOverride ? "text-red-700" : undefined,
    },
  ];
  return (
    <section aria-label="Permission statistics" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {cards.map((c) => (
        <Card key={c.id} className="px-4 py-3" data-testid={`stat-${c.id}`}>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{c.label}</p>
          {c.value === undefined ? (
            <Skeleton className="mt-1.5 h-7 w-12" />
          ) : (
            <p className={cn("mt-0.5 text-2xl font-semibold tabular-nums text-slate-900", c.tone)}>{c.value}</p>
          )}
          <p className="text-xs text-slate-400">{c.hint}</p>
        </Card>
      ))}
    </section>
  );
}
