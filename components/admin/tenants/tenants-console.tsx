"use client";
import { ArrowRightLeft, Building2, Pencil, Plus } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { SearchInput } from "@/components/ui/search-input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Tooltip } from "@/components/ui/tooltip";
import { formatDate } from "@/lib/format/dates";
import { usePlans } from "@/lib/query/plans";
import { useSwitchTenant } from "@/lib/query/tenant-session";
import { TENANTS_PARAMS, type Tenant, useTenants } from "@/lib/query/tenants";
import { TenantFormDialog } from "./tenant-form-dialog";

export function TenantsConsole({ currentTenantId }: { currentTenantId: string | null }) {
  const tenants = useTenants();
  const plans = usePlans();
  const [search, setSearch] = useState("");
  const [editing, setEditing] = useState<Tenant | "new" | null>(null);
  const switchInto = useSwitchTenant();

  if (tenants.isError || plans.isError) {
    return (
      <Card>
        <ErrorState
          title="Could not load tenants"
          detail={(tenants.error ?? plans.error)?.message}
          onRetry={() => {
            void tenants.refetch();
            void plans.refetch();
          }}
        />
      </Card>
    );
  }
  if (!tenants.data || !plans.data)
    return (
      <div role="status" aria-label="Loading tenants">
        <Skeleton className="h-96 rounded-xl" />
      </div>
    );

  const q = search.trim().toLowerCase();
  const rows = tenants.data.data.filter(
    (t) =>
      !q ||
      t.name.toLowerCase().includes(q) ||
      t.slug.includes(q) ||
      (t.plan?.name?.toLowerCase().includes(q) ?? false),
  );
  const planOf = (t: Tenant) => plans.data.data.find((p) => p.id === t.plan_id);

  return (
    <Card className="overflow-hidden">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-5 py-4">
        <SearchInput
          className="relative min-w-64 flex-1"
          label="Search tenants"
          placeholder="Search by name, slug or plan…"
          value={search}
          onValueChange={setSearch}
        />
        <span className="text-sm text-slate-500" aria-live="polite">
          {rows.length} of {tenants.data.data.length} tenants
        </span>
        <Button onClick={() => setEditing("new")}>
          <Plus className="size-4" aria-hidden />
          New tenant
        </Button>
      </div>
      {rows.length === 0 ? (
        <EmptyState
          icon={Building2}
          title={q ? "No tenant matches" : "No tenants yet"}
          description={q ? "Try another name or slug." : "Create the first organization on the platform."}
          action={
            q ? (
              <Button size="sm" variant="secondary" onClick={() => setSearch("")}>
                Clear search
              </Button>
            ) : (
              <Button size="sm" onClick={() => setEditing("new")}>
                New tenant
              </Button>
            )
          }
        />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Tenant</Th>
              <Th>Plan</Th>
              <Th className="text-right">Members</Th>
              <Th>Status</Th>
              <Th>Created</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => {
              const current = t.id === currentTenantId;
              const plan = planOf(t);
              return (
                <Tr key={t.id}>
                  <Td>
                    <span className="flex items-center gap-3">
                      <span
                        className="grid size-8 shrink-0 place-items-center rounded-lg bg-brand-50 text-xs font-semibold text-brand-700"
                        aria-hidden
                      >
                        {t.name.slice(0, 2).toUpperCase()}
                      </span>
                      <span className="min-w-0">
                        <span className="block font-medium text-slate-900">{t.name}</span>
                        <code className="font-mono text-xs text-slate-500">{t.slug}</code>
                      </span>
                    </span>
                  </Td>
                  <Td>
                    {t.plan ? (
                      <span className="text-slate-800">{t.plan.name}</span>
                    ) : (
                      <span className="italic text-slate-400">No plan</span>
                    )}
                  </Td>
                  <Td className="text-right tabular-nums">{t.member_count}</Td>
                  <Td>
                    <span className="flex flex-wrap gap-1">
                      {current && <Badge tone="brand">Current</Badge>}
                      {t.member_count === 0 && <Badge tone="amber">No members yet</Badge>}
                      {!t.plan ? (
                        <Badge tone="slate">Not plan-gated</Badge>
                      ) : plan && !plan.is_active ? (
                        <Badge tone="amber">Plan inactive</Badge>
                      ) : (
                        <Badge tone="green">Active</Badge>
                      )}
                    </span>
                  </Td>
                  <Td className="whitespace-nowrap text-slate-500">{formatDate(t.created_at)}</Td>
                  <Td>
                    <span className="flex justify-end gap-1">
                      <Button
                        size="sm"
                        variant="ghost"
                        className="whitespace-nowrap"
                        aria-label={`Edit ${t.name}`}
                        onClick={() => setEditing(t)}
                      >
                        <Pencil className="size-3.5" aria-hidden />
                        Edit
                      </Button>
                      <Tooltip
                        content={
                          current
                            ? "You are acting in this tenant"
                            : `Act in ${t.name}: the console and API calls use it`
                        }
                      >
                        <span
                          tabIndex={current ? 0 : -1}
                          // The disabled button says why to a screen reader too, not only on hover.
                          {...(current ? { role: "group", "aria-label": `You are acting in ${t.name} already` } : {})}
                        >
                          <Button
                            size="sm"
                            variant="secondary"
                            className="whitespace-nowrap disabled:opacity-50 disabled:shadow-none"
                            aria-label={`Switch into ${t.name}`}
                            disabled={current || switchInto.isPending}
                            onClick={() => switchInto.mutate(t)}
                          >
                            <ArrowRightLeft className="size-3.5" aria-hidden />
                            Switch into
                          </Button>
                        </span>
                      </Tooltip>
                    </span>
                  </Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
      {tenants.data.next_cursor && (
        <p className="border-t border-slate-100 px-5 py-3 text-xs text-slate-500">
          Showing the first {TENANTS_PARAMS.limit} tenants.
        </p>
      )}
      <TenantFormDialog
        open={editing !== null}
        onOpenChange={(o) => !o && setEditing(null)}
        tenant={editing === "new" ? null : editing}
        plans={plans.data.data}
      />
    </Card>
  );
}
