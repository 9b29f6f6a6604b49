"use client";

import { useQuery } from "@tanstack/react-query";
import { Download, FilePlus2, Sigma } from "lucide-react";
import { useState } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { PermissionGate } from "@/components/permissions/permission-gate";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { type AnalysisStats, type FcoRow, type RdgRow, REPORT_VIEWS } from "@/lib/demo/reports";
import { api } from "@/lib/query/api";
import { money, number } from "./format";
import { GatedAction, GatedFormAction } from "./gated-action";
import { LockedPanel } from "./locked-panel";
import { NoAccessPanel } from "./no-access-panel";
import { PagePermissions } from "./page-permissions";

export const REPORTS_PERMISSIONS = [
  { code: "reports.module.root", what: "The reports module" },
  { code: "reports.rdg.view", what: "Reading-discrepancy (RDG) report" },
  { code: "reports.rdg.export", what: "Export the RDG report" },
  { code: "reports.analysis.view", what: "Consumption analysis" },
  { code: "reports.analysis.advanced", what: "Advanced analysis (statistics)" },
  { code: "reports.fco.view", what: "Field call-out (FCO) report" },
  { code: "reports.custom.create", what: "Create custom reports" },
];

export interface ReportsData {
  rdg?: RdgRow[];
  analysis?: { month: string; kwh: number }[];
  fco?: FcoRow[];
}

/**
 * The field reports: the page opens for any report view (the server guard and, live, this gate);
 * each report is gated by its own permission and its data came only if it is held.
 */
export function FieldReports({ data }: { data: ReportsData }) {
  return (
    <PermissionGate anyOf={REPORT_VIEWS} fallback={<NoAccessPanel feature="Field reports" anyOf={REPORT_VIEWS} />}>
      <div className="space-y-6">
        <div className="flex justify-end">
          <GatedFormAction
            code="reports.custom.create"
            label="New custom report"
            icon={FilePlus2}
            variant="primary"
            title="Create a custom report"
            submitLabel="Create"
            fields={[{ name: "name", label: "Report name", placeholder: "Quarterly meter faults" }]}
            send={(v) => api.post("/api/demo/reports/custom", v)}
          />
        </div>
        <PermissionGate code="reports.rdg.view" fallback={<LockedPanel title="RDG report" code="reports.rdg.view" />}>
          {data.rdg && (
            <Card data-report="rdg">
              <CardHeader
                title="Reading discrepancies (RDG)"
                description="Expected against read consumption, last 30 days"
                action={
                  <GatedAction
                    code="reports.rdg.export"
                    label="Export"
                    icon={Download}
                    run={() => api.post("/api/demo/reports/rdg-export", {})}
                  />
                }
              />
              <Table>
                <thead>
                  <tr>
                    <Th>Site</Th>
                    <Th className="text-right">Expected</Th>
                    <Th className="text-right">Read</Th>
                    <Th className="text-right">Gap</Th>
                    <Th>Flagged</Th>
                  </tr>
                </thead>
                <tbody>
                  {data.rdg.map((r) => (
                    <Tr key={r.siteId}>
                      <Td>
                        {r.siteName} <span className="font-mono text-xs text-slate-500">{r.siteId}</span>
                      </Td>
                      <Td className="text-right tabular-nums">{number(r.expectedKwh)}</Td>
                      <Td className="text-right tabular-nums">{number(r.readKwh)}</Td>
                      <Td
                        className={`text-right tabular-nums ${Math.abs(r.gapPct) > 15 ? "font-medium text-red-700" : ""}`}
                      >
                        {r.gapPct > 0 ? "+" : ""}
                        {r.gapPct}%
                      </Td>
                      <Td>{r.flagged}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </Card>
          )}
        </PermissionGate>
        <div className="grid items-start gap-6 lg:grid-cols-2">
          <PermissionGate
            code="reports.analysis.view"
            fallback={<LockedPanel title="Consumption analysis" code="reports.analysis.view" />}
          >
            {data.analysis && <AnalysisCard months={data.analysis} />}
          </PermissionGate>
          <PermissionGate code="reports.fco.view" fallback={<LockedPanel title="FCO report" code="reports.fco.view" />}>
            {data.fco && (
              <Card data-report="fco">
                <CardHeader title="Field call-outs (FCO)" description="Chargeable visits, last 60 days" />
                <Table>
                  <thead>
                    <tr>
                      <Th>Ref</Th>
                      <Th>Site</Th>
                      <Th>Reason</Th>
                      <Th className="text-right">Cost</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.fco.map((r) => (
                      <Tr key={r.ref}>
                        <Td className="whitespace-nowrap font-mono text-xs">{r.ref}</Td>
                        <Td>{r.siteName}</Td>
                        <Td>{r.reason}</Td>
                        <Td className="text-right tabular-nums">{money(r.cost)}</Td>
                      </Tr>
                    ))}
                  </tbody>
                </Table>
              </Card>
            )}
          </PermissionGate>
        </div>
        <PagePermissions items={REPORTS_PERMISSIONS} />
      </div>
    </PermissionGate>
  );
}

/** The consumption chart; its advanced statistics come from the server, which refuses them without reports.analysis.advanced. */
function AnalysisCard({ months }: { months: { month: string; kwh: number }[] }) {
  const [advanced, setAdvanced] = useState(false);
  const stats = useQuery({
    queryKey: ["demo", "reports", "analysis"],
    queryFn: () => api.get<AnalysisStats>("/api/demo/reports/analysis"),
    enabled: advanced,
    staleTime: Infinity,
    retry: false,
  });
  return (
    <Card data-report="analysis">
      <CardHeader
        title="Consumption analysis"
        description="All sites, kWh per month"
        action={
          <PermissionGate code="reports.analysis.advanced" mode="disable">
            <Button
              size="sm"
              variant={advanced ? "primary" : "secondary"}
              aria-pressed={advanced}
              onClick={() => setAdvanced((a) => !a)}
            >
              <Sigma className="size-4" aria-hidden /> Advanced
            </Button>
          </PermissionGate>
        }
      />
      <div className="h-52 px-2 py-3">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={months}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="month" tick={{ fontSize: 12 }} />
            <YAxis tick={{ fontSize: 12 }} width={56} tickFormatter={(v: number) => `${Math.round(v / 1000)}k`} />
            <Tooltip formatter={(v) => [`${number(Number(v))} kWh`, "Consumption"]} />
            <Line dataKey="kwh" stroke="#4f46e5" strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      {advanced && (
        <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-600" data-testid="analysis-stats">
          {stats.data ? (
            <>
              Mean {number(stats.data.meanKwh)} kWh · peak {stats.data.peak.month} ({number(stats.data.peak.kwh)} kWh) ·
              winter uplift {stats.data.winterUpliftPct}%
            </>
          ) : stats.isError ? (
            "The server refused the advanced statistics."
          ) : (
            "Computing…"
          )}
        </p>
      )}
    </Card>
  );
}
