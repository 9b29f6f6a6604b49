"use client";

import { Download, Filter, Layers, Lock, MapPin, Plus, SearchX, Trash2 } from "lucide-react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useAppHref } from "@/components/app-shell/app-links";
import { PermissionGate } from "@/components/permissions/permission-gate";
import { usePermissions } from "@/components/permissions/permission-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Tooltip } from "@/components/ui/tooltip";
import type { SiteRow } from "@/lib/demo/sites";
import { api } from "@/lib/query/api";
import { StatusBadge, number } from "./format";
import { GatedAction, GatedFormAction } from "./gated-action";
import { PagePermissions } from "./page-permissions";

export const SITES_LIST_PERMISSIONS = [
  { code: "sites.list.view", what: "Open the sites list" },
  { code: "sites.list.add_button", what: "“Add site” button" },
  { code: "sites.list.export_button", what: "“Export” button" },
  { code: "sites.list.filter_advanced", what: "Advanced filters (region, meter type, reading)" },
  { code: "sites.list.bulk_actions", what: "Select rows and run bulk actions" },
  { code: "sites.list.delete_action", what: "Delete a site (hidden without it)" },
  { code: "sites.detail.view", what: "Open a site’s detail page" },
];

const PAGE_SIZE = 12;
const BULK = [
  { value: "assign_engineer", label: "Assign an engineer" },
  { value: "schedule_inspection", label: "Schedule an inspection" },
  { value: "archive", label: "Archive" },
];

/** The sites list: every control is its own permission, shown disabled with the reason, or hidden. */
export function SitesList({ rows, regions, meterTypes }: { rows: SiteRow[]; regions: readonly string[]; meterTypes: readonly string[] }) {
  const p = usePermissions();
  const href = useAppHref();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState("");
  const [advanced, setAdvanced] = useState(false);
  const [region, setRegion] = useState("");
  const [meterType, setMeterType] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState(BULK[0]!.value);
  const [pageIndex, setPageIndex] = useState(0);
  const canBulk = p.can("sites.list.bulk_actions") && !p.readOnly;
  const canOpen = p.can("sites.detail.view");
  const canDelete = p.can("sites.list.delete_action");
  const useAdvanced = advanced && p.can("sites.list.filter_advanced");

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return rows.filter((r) =>
      (!q || `${r.id} ${r.name} ${r.city}`.toLowerCase().includes(q)) && (!status || r.status === status) &&
      (!useAdvanced || ((!region || r.region === region) && (!meterType || r.meterType === meterType))));
  }, [rows, search, status, useAdvanced, region, meterType]);

  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(pageIndex, pages - 1);
  const visible = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const toggle = (id: string, on: boolean) => setSelected((s) => { const next = new Set(s); if (on) next.add(id); else next.delete(id); return next; });
  const allOn = visible.length > 0 && visible.every((r) => selected.has(r.id));

  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <Input aria-label="Search sites" placeholder="Search by name, id or city" value={search} onChange={(e) => { setSearch(e.target.value); setPageIndex(0); }} className="h-9 w-64" />
        <Select aria-label="Status" value={status} onChange={(e) => { setStatus(e.target.value); setPageIndex(0); }} className="h-9 w-40">
          <option value="">All statuses</option>
          {["online", "alert", "offline", "maintenance"].map((s) => <option key={s} value={s}>{s}</option>)}
        </Select>
        <PermissionGate code="sites.list.filter_advanced" mode="disable">
          <Button variant={advanced ? "primary" : "secondary"} size="sm" aria-pressed={advanced} onClick={() => setAdvanced((a) => !a)}>
            <Filter className="size-4" aria-hidden /> Advanced filters
          </Button>
        </PermissionGate>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <GatedAction code="sites.list.export_button" label="Export" icon={Download} run={() => api.post("/api/demo/sites/export", {})} />
          <GatedFormAction
            code="sites.list.add_button" label="Add site" icon={Plus} variant="primary" title="Add a site" submitLabel="Add site"
            description="Demo: the site is validated by the server, not stored."
            fields={[{ name: "name", label: "Site name", placeholder: "Harbour Substation" }, { name: "city", label: "City", placeholder: "Leeds" }]}
            send={(v) => api.post("/api/demo/sites", v)}
          />
        </div>
      </div>

      {useAdvanced && (
        <div className="mb-4 flex flex-wrap items-center gap-2 rounded-lg bg-brand-50/50 p-3 ring-1 ring-brand-100" data-testid="advanced-filters">
          <Select aria-label="Region" value={region} onChange={(e) => { setRegion(e.target.value); setPageIndex(0); }} className="h-9 w-40">
            <option value="">All regions</option>{regions.map((r) => <option key={r}>{r}</option>)}
          </Select>
          <Select aria-label="Meter type" value={meterType} onChange={(e) => { setMeterType(e.target.value); setPageIndex(0); }} className="h-9 w-48">
            <option value="">All meter types</option>{meterTypes.map((m) => <option key={m}>{m}</option>)}
          </Select>
        </div>
      )}

      <div className="mb-3 flex items-center gap-2 text-sm">
        <PermissionGate code="sites.list.bulk_actions" mode="disable">
          <span className="inline-flex items-center gap-2">
            <Select aria-label="Bulk action" value={bulk} onChange={(e) => setBulk(e.target.value)} className="h-8 w-52" disabled={!canBulk}>
              {BULK.map((b) => <option key={b.value} value={b.value}>{b.label}</option>)}
            </Select>
          </span>
        </PermissionGate>
        <GatedAction
          code="sites.list.bulk_actions" label={selected.size ? `Apply to ${selected.size} selected` : "Apply to selected"} icon={Layers}
          disabled={selected.size === 0}
          run={() => api.post("/api/demo/sites/bulk", { ids: [...selected], action: bulk })}
          onDone={() => setSelected(new Set())}
        />
        <span className="ml-auto text-slate-500">{shown.length} of {rows.length} sites</span>
      </div>

      <Card>
        {shown.length === 0 ? (
          <EmptyState icon={SearchX} title="No site matches" description="Change the search or the filters." />
        ) : (
          <Table>
            <thead>
              <tr>
                {canBulk && <Th className="w-10"><Checkbox aria-label="Select all sites on this page" checked={allOn} onCheckedChange={(v) => setSelected(v === true ? new Set(visible.map((r) => r.id)) : new Set())} /></Th>}
                <Th>Site</Th><Th>City</Th><Th>Region</Th><Th>Status</Th><Th>Meter</Th><Th className="text-right">Last reading</Th>{canDelete && <Th className="w-24"><span className="sr-only">Actions</span></Th>}
              </tr>
            </thead>
            <tbody>
              {visible.map((r) => (
                <Tr key={r.id}>
                  {canBulk && <Td><Checkbox aria-label={`Select ${r.id}`} checked={selected.has(r.id)} onCheckedChange={(v) => toggle(r.id, v === true)} /></Td>}
                  <Td>
                    <div className="flex items-center gap-2">
                      <MapPin className="size-4 shrink-0 text-slate-400" aria-hidden />
                      {canOpen ? <Link href={href(`/sites/${r.id}`)} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">{r.name}</Link> : (
                        <Tooltip content="Opening a site requires sites.detail.view"><span tabIndex={0} className="inline-flex items-center gap-1 font-medium text-slate-700">{r.name}<Lock className="size-3 text-slate-400" aria-hidden /></span></Tooltip>
                      )}
                    </div>
                    <p className="pl-6 font-mono text-xs text-slate-500">{r.id}</p>
                  </Td>
                  <Td>{r.city}</Td><Td>{r.region}</Td><Td><StatusBadge value={r.status} /></Td><Td className="text-xs">{r.meterType}</Td>
                  <Td className="whitespace-nowrap text-right tabular-nums">{number(r.lastReadingKwh)} kWh<p className="text-xs text-slate-500">{r.lastReadAt}</p></Td>
                  {canDelete && (
                    <Td className="text-right">
                      <GatedAction
                        code="sites.list.delete_action" label="Delete" icon={Trash2} variant="ghost" hide
                        confirm={{ title: `Delete ${r.name}?`, description: `${r.id} and its history will be removed. (Demo: nothing is deleted.)`, confirmLabel: "Delete site" }}
                        run={() => api.delete(`/api/demo/sites/${r.id}`)}
                      />
                    </Td>
                  )}
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
        {pages > 1 && (
          <div className="flex items-center justify-between border-t border-slate-100 px-4 py-2.5 text-sm text-slate-500">
            <span>Page {current + 1} of {pages}</span>
            <span className="flex gap-2">
              <Button size="sm" variant="secondary" className="disabled:opacity-50" disabled={current === 0} onClick={() => setPageIndex(current - 1)}>Previous</Button>
              <Button size="sm" variant="secondary" className="disabled:opacity-50" disabled={current >= pages - 1} onClick={() => setPageIndex(current + 1)}>Next</Button>
            </span>
          </div>
        )}
      </Card>
      <PagePermissions items={SITES_LIST_PERMISSIONS} />
    </>
  );
}
