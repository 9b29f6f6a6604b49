"use client";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/form";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { Plan } from "@/lib/query/plans";
import { useUpdateTenant } from "@/lib/query/tenant-session";
import type { Tenant } from "@/lib/query/tenants";
import { PlanImpact } from "../tenants/plan-impact";

/** Each tenant with its plan; choosing another plan asks first (it changes what its members may open at once). */
export function TenantPlans({ tenants, plans }: { tenants: Tenant[]; plans: Plan[] }) {
  const [pending, setPending] = useState<{ tenant: Tenant; planId: string | null } | null>(null);
  const update = useUpdateTenant({
    success: (t) =>
      t.plan ? `${t.name} is now on ${t.plan.name}` : `${t.name} has no plan now (nothing is plan-gated)`,
    onSaved: () => setPending(null),
  });
  const planName = (id: string | null) =>
    id ? (plans.find((p) => p.id === id)?.name ?? "an unknown plan") : "no plan";
  return (
    <>
      <CardHeader
        title="Tenants and their plans"
        description="The plan decides which menu items (and the permissions under them) a tenant can use."
        action={
          <Link href="/admin/tenants" className="text-sm font-medium text-brand-700 hover:underline">
            Manage tenants
          </Link>
        }
      />
      {tenants.length === 0 ? (
        <EmptyState title="No tenants yet" />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Tenant</Th>
              <Th>Members</Th>
              <Th className="w-72">Plan</Th>
            </tr>
          </thead>
          <tbody>
            {tenants.map((t) => (
              <Tr key={t.id}>
                <Td>
                  <span className="font-medium text-slate-900">{t.name}</span>{" "}
                  <code className="ml-1 font-mono text-xs text-slate-500">{t.slug}</code>
                </Td>
                <Td className="tabular-nums">{t.member_count}</Td>
                <Td>
                  <div className="flex items-center gap-2">
                    <Select
                      aria-label={`Plan of ${t.name}`}
                      value={t.plan_id ?? ""}
                      className="h-9"
                      disabled={update.isPending}
                      onChange={(e) => setPending({ tenant: t, planId: e.target.value || null })}
                    >
                      <option value="">No plan (not plan-gated)</option>
                      {plans.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                          {p.is_active ? "" : " (inactive)"}
                        </option>
                      ))}
                    </Select>
                    {t.plan_id && !plans.find((p) => p.id === t.plan_id)?.is_active && (
                      <Badge tone="amber">Inactive plan</Badge>
                    )}
                  </div>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(o) => !o && setPending(null)}
        tone="primary"
        confirmLabel="Change plan"
        busy={update.isPending}
        title={pending ? `Move ${pending.tenant.name} to ${planName(pending.planId)}?` : ""}
        onConfirm={() => pending && update.mutate({ id: pending.tenant.id, body: { plan_id: pending.planId } })}
        description={
          pending && (
            <>
              From <strong>{planName(pending.tenant.plan_id)}</strong> to <strong>{planName(pending.planId)}</strong>.{" "}
              {pending.tenant.member_count === 0
                ? "It has no members yet; the new plan applies to everyone who joins."
                : `Its ${pending.tenant.member_count} member${pending.tenant.member_count === 1 ? " is" : "s are"} decided by the new plan as soon as you confirm.`}
            </>
          )
        }
      >
        {pending && <PlanImpact tenantId={pending.tenant.id} planId={pending.planId ?? ""} changed />}
      </ConfirmDialog>
    </>
  );
}
