"use client";
import { CreditCard, Pencil, Plus } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { useMenuItems, useModules } from "@/lib/query/catalog";
import { type Plan, usePlans } from "@/lib/query/plans";
import { useTenants } from "@/lib/query/tenants";
import { FeaturesMatrix } from "./features-matrix";
import { formatPrice } from "./model";
import { PlanFormDialog } from "./plan-form-dialog";
import { TenantPlans } from "./tenant-plans";

export function PlansConsole() {
  const plans = usePlans();
  const items = useMenuItems();
  const modules = useModules();
  const tenants = useTenants();
  const [editing, setEditing] = useState<Plan | "new" | null>(null);

  const failed = [plans, items, modules, tenants].find((q) => q.isError);
  if (failed?.error)
    return (
      <Card>
        <ErrorState
          title="Could not load plans"
          detail={failed.error.message}
          onRetry={() => {
            for (const q of [plans, items, modules, tenants]) void q.refetch();
          }}
        />
      </Card>
    );
  if (!plans.data || !items.data || !modules.data || !tenants.data) {
    return (
      <div role="status" aria-label="Loading plans" className="space-y-4">
        <Skeleton className="h-48 rounded-xl" />
        <Skeleton className="h-96 rounded-xl" />
      </div>
    );
  }
  const tenantCount = (id: string) => tenants.data.data.filter((t) => t.plan_id === id).length;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Plans"
          description="The price list tenants subscribe to."
          action={
            <Button size="sm" onClick={() => setEditing("new")}>
              <Plus className="size-4" aria-hidden />
              New plan
            </Button>
          }
        />
        {plans.data.data.length === 0 ? (
          <EmptyState
            icon={CreditCard}
            title="No plans yet"
            description="Without a plan, tenants are not plan-gated."
            action={
              <Button size="sm" onClick={() => setEditing("new")}>
                Create a plan
              </Button>
            }
          />
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>Plan</Th>
                <Th>Code</Th>
                <Th className="text-right">Monthly</Th>
                <Th className="text-right">Yearly</Th>
                <Th className="text-right">Features</Th>
                <Th className="text-right">Tenants</Th>
                <Th>Status</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {plans.data.data.map((p) => (
                <Tr key={p.id}>
                  <Td>
                    <span className="font-medium text-slate-900">{p.name}</span>
                    {p.description && <span className="block text-xs text-slate-500">{p.description}</span>}
                  </Td>
                  <Td>
                    <code className="font-mono text-xs">{p.code}</code>
                  </Td>
                  <Td className="text-right tabular-nums">{formatPrice(p.price_monthly)}</Td>
                  <Td className="text-right tabular-nums">{formatPrice(p.price_yearly)}</Td>
                  <Td className="text-right tabular-nums">
                    {p.menu_items.length} / {items.data.data.length}
                  </Td>
                  <Td className="text-right tabular-nums">{tenantCount(p.id)}</Td>
                  <Td>{p.is_active ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Inactive</Badge>}</Td>
                  <Td className="text-right">
                    <Button size="sm" variant="ghost" aria-label={`Edit ${p.name}`} onClick={() => setEditing(p)}>
                      <Pencil className="size-3.5" aria-hidden />
                      Edit
                    </Button>
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>

      {plans.data.data.length > 0 && (
        <Card className="overflow-clip">
          <FeaturesMatrix
            plans={plans.data.data}
            items={items.data.data}
            modules={modules.data.data}
            tenants={tenants.data.data}
          />
        </Card>
      )}

      <Card className="overflow-hidden">
        <TenantPlans tenants={tenants.data.data} plans={plans.data.data} />
      </Card>

      <PlanFormDialog
        open={editing !== null}
        onOpenChange={(o) => !o && setEditing(null)}
        plan={editing === "new" ? null : editing}
      />
    </div>
  );
}
