"use client";

import { AlertTriangle, Banknote, Gauge, LayoutGrid, MapPin, Wrench } from "lucide-react";
import Link from "next/link";
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { PermissionGate } from "@/components/permissions/permission-gate";
import { useAppHref } from "@/components/product/app-links";
import { Card, CardHeader } from "@/components/ui/card";
import type { DashboardData } from "@/lib/demo/dashboard";
import { WIDGETS } from "@/lib/demo/dashboard";
import { api } from "@/lib/query/api";
import { money, number, StatusBadge } from "./format";
import { GatedAction } from "./gated-action";
import { LockedPanel } from "./locked-panel";
import { PagePermissions } from "./page-permissions";

export const DASHBOARD_PERMISSIONS = [
  { code: "dashboard.module.root", what: "Open the dashboard" },
  { code: WIDGETS.sites, what: "Sites summary widget" },
  { code: WIDGETS.jobs, what: "Jobs overview widget" },
  { code: WIDGETS.alerts, what: "Alerts widget" },
  { code: WIDGETS.performance, what: "Performance chart" },
  { code: WIDGETS.financial, what: "Financial widget (billing totals)" },
  { code: "dashboard.customize", what: "Customize the layout" },
];

/** The field-operations dashboard: each widget is its own permission; a missing one says which. */
export function DashboardActions() {
  return (
    <GatedAction
      code="dashboard.customize"
      label="Customize"
      icon={LayoutGrid}
      run={() => api.post("/api/demo/dashboard/layout", { widgets: Object.keys(WIDGETS) })}
    />
  );
}

/** The widgets (the page header carries DashboardActions; `actions` puts them on top instead). */
export function Dashboard({ data, actions = false }: { data: DashboardData; actions?: boolean }) {
  const href = useAppHref();
  return (
    <div className="space-y-6">
      {actions && (
        <div className="flex justify-end">
          <DashboardActions />
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <Widget code={WIDGETS.sites} title="Sites summary">
          {data.sites && (
            <Card data-widget="sites" className="overflow-hidden">
              <CardHeader
                title="Sites summary"
                description={`${data.sites.total} sites under management`}
                action={<MapPin className="size-4 text-brand-600" aria-hidden />}
              />
              <dl className="grid grid-cols-2 gap-px bg-slate-100">
                {(
                  [
                    ["Online", data.sites.online, "text-emerald-700"],
                    ["Alerting", data.sites.alert, "text-amber-700"],
                    ["Offline", data.sites.offline, "text-red-700"],
                    ["Maintenance", data.sites.maintenance, "text-slate-700"],
                  ] as const
                ).map(([label, n, tone]) => (
                  <div key={label} className="bg-white px-5 py-3">
                    <dt className="text-xs text-slate-500">{label}</dt>
                    <dd className={`text-2xl font-semibold tabular-nums ${tone}`}>{n}</dd>
                  </div>
                ))}
              </dl>
            </Card>
          )}
        </Widget>
        <Widget code={WIDGETS.jobs} title="Jobs overview">
          {data.jobs && (
            <Card data-widget="jobs">
              <CardHeader
                title="Jobs overview"
                description={`${data.jobs.urgent} urgent jobs open`}
                action={<Wrench className="size-4 text-brand-600" aria-hidden />}
              />
              <ul className="space-y-2 px-5 py-4 text-sm">
                {(
                  [
                    ["Open", data.jobs.open],
                    ["Scheduled", data.jobs.scheduled],
                    ["In progress", data.jobs.inProgress],
                    ["Done", data.jobs.done],
                  ] as const
                ).map(([label, n]) => {
                  const total = data.jobs!.open + data.jobs!.scheduled + data.jobs!.inProgress + data.jobs!.done;
                  return (
                    <li key={label}>
                      <div className="flex justify-between text-slate-600">
                        <span>{label}</span>
                        <span className="tabular-nums font-medium text-slate-900">{n}</span>
                      </div>
                      <div className="mt-1 h-1.5 rounded-full bg-slate-100">
                        <div
                          className="h-1.5 rounded-full bg-brand-500"
                          style={{ width: `${Math.round((n / total) * 100)}%` }}
                        />
                      </div>
                    </li>
                  );
                })}
              </ul>
            </Card>
          )}
        </Widget>
        <Widget code={WIDGETS.financial} title="Financial">
          {data.financial && (
            <Card data-widget="financial">
              <CardHeader
                title="Financial"
                description="Billing this month"
                action={<Banknote className="size-4 text-brand-600" aria-hidden />}
              />
              <dl className="space-y-2 px-5 py-4 text-sm">
                <div className="flex justify-between">
                  <dt className="text-slate-500">Billed</dt>
                  <dd className="font-semibold tabular-nums">{money(data.financial.billed)}</dd>
                </div>
                <div className="flex justify-between">
                  <dt className="text-slate-500">Collected</dt>
                  <dd className="tabular-nums">{money(data.financial.collected)}</dd>
                </div>
                <div className="flex justify-between">
                  <dt className="text-slate-500">Outstanding</dt>
                  <dd className="tabular-nums text-amber-700">{money(data.financial.outstanding)}</dd>
                </div>
              </dl>
            </Card>
          )}
        </Widget>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <Widget code={WIDGETS.performance} title="Performance" className="lg:col-span-2">
          {data.performance && (
            <Card data-widget="performance">
              <CardHeader
                title="Performance"
                description="Consumption across all sites, last 12 months (kWh)"
                action={<Gauge className="size-4 text-brand-600" aria-hidden />}
              />
              <div className="h-56 px-2 py-4">
                <ResponsiveContainer width="100%" height="100%">
                  <AreaChart data={data.performance} margin={{ left: 8, right: 16 }}>
                    <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                    <XAxis dataKey="month" tick={{ fontSize: 12, fill: "#64748b" }} />
                    <YAxis
                      tickFormatter={(v: number) => `${Math.round(v / 1000)}k`}
                      tick={{ fontSize: 12, fill: "#64748b" }}
                      width={40}
                    />
                    <Tooltip formatter={(v) => [`${number(Number(v))} kWh`, "Consumption"]} />
                    <Area
                      type="monotone"
                      dataKey="kwh"
                      stroke="#4f46e5"
                      fill="#e0e7ff"
                      strokeWidth={2}
                      isAnimationActive={false}
                    />
                  </AreaChart>
                </ResponsiveContainer>
              </div>
            </Card>
          )}
        </Widget>
        <Widget code={WIDGETS.alerts} title="Alerts">
          {data.alerts && (
            <Card data-widget="alerts">
              <CardHeader
                title="Alerts"
                description="Newest open alerts"
                action={<AlertTriangle className="size-4 text-amber-600" aria-hidden />}
              />
              <ul className="divide-y divide-slate-100">
                {data.alerts.map((a, i) => (
                  <li key={i} className="flex items-start justify-between gap-3 px-5 py-2.5 text-sm">
                    <div className="min-w-0">
                      <Link href={href(`/sites/${a.siteId}`)} className="font-medium hover:underline">
                        {a.siteName}
                      </Link>
                      <p className="truncate text-xs text-slate-500">{a.message}</p>
                    </div>
                    <StatusBadge value={a.severity} />
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </Widget>
      </div>
      <PagePermissions items={DASHBOARD_PERMISSIONS} />
    </div>
  );
}

function Widget({
  code,
  title,
  className,
  children,
}: {
  code: string;
  title: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={className}>
      <PermissionGate code={code} fallback={<LockedPanel title={`${title} widget`} code={code} className="h-full" />}>
        {children}
      </PermissionGate>
    </div>
  );
}
