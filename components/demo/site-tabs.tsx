"use client";

import { Activity, BellOff, Cpu, FilePlus2, Gauge, GitCompare, Lock, Repeat } from "lucide-react";
import Link from "next/link";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DisabledWithReason, missingSentence } from "@/components/permissions/permission-gate";
import { usePermissions } from "@/components/permissions/permission-provider";
import { useAppHref } from "@/components/product/app-links";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { SITE_TABS, type SiteDetail, type SiteTab } from "@/lib/demo/site-detail";
import { api } from "@/lib/query/api";
import { Masked, number, StatusBadge } from "./format";
import { GatedAction } from "./gated-action";
import { LockedPanel } from "./locked-panel";

/** Keyboard focus as a tint, never the browser's box: a clicked (or programmatically focused) tab shows none. */
const TAB_FOCUS = "rounded-t-md outline-none focus-visible:bg-brand-50/70 focus-visible:text-brand-800";

const MONTHS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"];

/** The site's tabs: a tab the viewer lacks is shown disabled with the reason, and its data was never sent. */
export function SiteTabs({ site }: { site: SiteDetail }) {
  const p = usePermissions();
  const open = SITE_TABS.filter((t) => p.can(t.code) && site.tabs[t.key] !== undefined);
  if (open.length === 0) return <LockedPanel title="No tab of this site is open to you" code={SITE_TABS[0].code} />;
  return (
    <Tabs defaultValue={open[0]!.key}>
      <TabsList aria-label="Site sections">
        {SITE_TABS.map((t) =>
          open.includes(t) ? (
            <TabsTrigger key={t.key} value={t.key} className={TAB_FOCUS}>
              {t.label}
            </TabsTrigger>
          ) : (
            <DisabledWithReason
              key={t.key}
              reason={missingSentence([t.code], false, p.subject)}
              missing={[t.code]}
              badge={false}
              inTablist
            >
              <TabsTrigger value={t.key} disabled className="inline-flex items-center gap-1 text-slate-500">
                {t.label} <Lock className="size-3" aria-hidden />
              </TabsTrigger>
            </DisabledWithReason>
          ),
        )}
      </TabsList>
      {open.map((t) => (
        <TabsContent key={t.key} value={t.key}>
          <TabBody tab={t.key} site={site} />
        </TabsContent>
      ))}
    </Tabs>
  );
}

function TabBody({ tab, site }: { tab: SiteTab; site: SiteDetail }) {
  const href = useAppHref();
  const base = `/api/demo/sites/${site.id}`;
  const t = site.tabs;
  switch (tab) {
    case "overview": {
      const c = site.fields.consumption;
      return c.visible ? (
        <Card className="p-4">
          <p className="mb-2 text-sm font-medium text-slate-700">Consumption, last 12 months (kWh)</p>
          <div className="h-52">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={c.value.map((kwh, i) => ({ month: MONTHS[i], kwh }))}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
                <XAxis dataKey="month" tick={{ fontSize: 12, fill: "#64748b" }} />
                <YAxis tick={{ fontSize: 12, fill: "#64748b" }} width={48} />
                <Tooltip formatter={(v) => [`${number(Number(v))} kWh`, "Consumption"]} />
                <Bar dataKey="kwh" fill="#6366f1" radius={[4, 4, 0, 0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Card>
      ) : (
        <LockedPanel title="Consumption chart" code={c.requires} />
      );
    }
    case "meters":
      return (
        <Card>
          <div className="flex flex-wrap gap-2 border-b border-slate-100 px-4 py-3">
            <GatedAction
              code="sites.detail.actions.test_meter"
              label="Test meter"
              icon={Gauge}
              run={() => api.post(`${base}/test-meter`, {})}
            />
            <GatedAction
              code="sites.detail.actions.change_meter"
              label="Change meter"
              icon={Repeat}
              run={() => api.post(`${base}/change-meter`, {})}
              confirm={{
                title: "Book a meter exchange?",
                description: "An engineer will replace the meter on the next visit.",
                confirmLabel: "Book exchange",
              }}
            />
            <GatedAction
              code="sites.detail.actions.change_sim"
              label="Change SIM"
              icon={Cpu}
              run={() => api.post(`${base}/change-sim`, {})}
              confirm={{
                title: "Swap the SIM?",
                description: "The meter will be offline for a few minutes.",
                confirmLabel: "Swap SIM",
              }}
            />
            <GatedAction
              code="sites.detail.actions.monitoring"
              label="Advanced monitoring"
              icon={Activity}
              run={() => api.post(`${base}/monitoring`, {})}
            />
          </div>
          <Table>
            <thead>
              <tr>
                <Th>Serial</Th>
                <Th>Kind</Th>
                <Th>Register</Th>
                <Th>Installed</Th>
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody>
              {t.meters!.map((m) => (
                <Tr key={m.serial}>
                  <Td className="font-mono text-xs">{site.fields.meterSerial.visible ? m.serial : <Masked />}</Td>
                  <Td>{m.kind}</Td>
                  <Td>{m.register}</Td>
                  <Td>{m.installed}</Td>
                  <Td>
                    <StatusBadge value={m.status} />
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </Card>
      );
    case "readings":
      return (
        <Card>
          <div className="border-b border-slate-100 px-4 py-3">
            <GatedAction
              code="sites.detail.actions.compare"
              label="Compare with last year"
              icon={GitCompare}
              run={() => api.post(`${base}/compare`, {})}
            />
          </div>
          <Table>
            <thead>
              <tr>
                <Th>Date</Th>
                <Th>Register</Th>
                <Th className="text-right">Reading</Th>
                <Th>Source</Th>
              </tr>
            </thead>
            <tbody>
              {t.readings!.map((r) => (
                <Tr key={r.date}>
                  <Td>{r.date}</Td>
                  <Td>{r.register}</Td>
                  <Td className="text-right tabular-nums">{number(r.kwh)} kWh</Td>
                  <Td>
                    <StatusBadge value={r.source} />
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </Card>
      );
    case "jobs":
      return (
        <Card>
          <div className="border-b border-slate-100 px-4 py-3">
            <GatedAction
              code="sites.detail.actions.create_job"
              label="Create job"
              icon={FilePlus2}
              run={() => api.post(`${base}/jobs`, {})}
            />
          </div>
          {t.jobs!.length === 0 ? (
            <EmptyState title="No jobs for this site" />
          ) : (
            <Table>
              <thead>
                <tr>
                  <Th>Job</Th>
                  <Th>Type</Th>
                  <Th>Status</Th>
                  <Th>Assignee</Th>
                  <Th>Due</Th>
                </tr>
              </thead>
              <tbody>
                {t.jobs!.map((j) => (
                  <Tr key={j.id}>
                    <Td>
                      <Link className="font-mono text-xs hover:underline" href={href("/jobs")}>
                        {j.id}
                      </Link>
                    </Td>
                    <Td>{j.type}</Td>
                    <Td>
                      <StatusBadge value={j.status} />
                    </Td>
                    <Td>{j.assignee ?? "—"}</Td>
                    <Td>{j.due}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      );
    case "calls":
      return (
        <Card>
          <Table>
            <thead>
              <tr>
                <Th>Date</Th>
                <Th>Caller</Th>
                <Th>Topic</Th>
                <Th>Outcome</Th>
              </tr>
            </thead>
            <tbody>
              {t.calls!.map((c, i) => (
                <Tr key={i}>
                  <Td>{c.date}</Td>
                  <Td>{c.caller}</Td>
                  <Td>{c.topic}</Td>
                  <Td>{c.outcome}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </Card>
      );
    case "alerts":
      return (
        <Card>
          <div className="border-b border-slate-100 px-4 py-3">
            <GatedAction
              code="sites.detail.actions.alerts"
              label="Acknowledge alerts"
              icon={BellOff}
              run={() => api.post(`${base}/alerts`, {})}
            />
          </div>
          {t.alerts!.length === 0 ? (
            <EmptyState title="No open alerts" description="This site is quiet." />
          ) : (
            <ul className="divide-y divide-slate-100">
              {t.alerts!.map((a, i) => (
                <li key={i} className="flex items-center justify-between gap-3 px-5 py-3 text-sm">
                  <span>
                    {a.message}
                    <span className="block text-xs text-slate-500">raised {a.raised}</span>
                  </span>
                  <StatusBadge value={a.severity} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      );
    case "history":
      return (
        <Card>
          <ol className="space-y-3 px-5 py-4">
            {t.history!.map((h, i) => (
              <li key={i} className="flex gap-3 text-sm">
                <span className="w-24 shrink-0 text-slate-500">{h.date}</span>
                <span>
                  {h.event} <span className="text-slate-500">· {h.actor}</span>
                </span>
              </li>
            ))}
          </ol>
        </Card>
      );
  }
}
