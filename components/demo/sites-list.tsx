"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Download, Filter, Layers, Loader2, Lock, MapPin, Plus, SearchX, Trash2 } from "lucide-react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { PermissionGate } from "@/components/permissions/permission-gate";
import { usePermissions } from "@/components/permissions/permission-provider";
import { useAppHref } from "@/components/product/app-links";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Tooltip } from "@/components/ui/tooltip";
import { filterSites, type SiteFilter, type SiteRow } from "@/lib/demo/sites";
import { ApiProblem, api } from "@/lib/query/api";
import { problemDetail } from "@/lib/query/hooks";
import { number, StatusBadge } from "./format";
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
export function SitesList({
  rows,
  regions,
  meterTypes,
}: {
  rows: SiteRow[];
  regions: readonly string[];
  meterTypes: readonly string[];
}) {
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

  // Search and status filter the rows at hand; region and meter type are asked of the server,
  // which refuses them without sites.list.filter_advanced (the button's gate is only the UI's).
  const serverFilter: SiteFilter | null =
    useAdvanced && (region || meterType) ? { q: search, status, region, meterType } : null;
  const advancedRows = useQuery({
    queryKey: ["demo", "sites", serverFilter],
    queryFn: () =>
      api.get<{ data: SiteRow[] }>("/api/demo/sites", {
        q: serverFilter!.q,
        status: serverFilter!.status,
        region: serverFilter!.region,
        meter_type: serverFilter!.meterType,
      }),
    enabled: serverFilter !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const local = useMemo(() => filterSites(rows, { q: search, status }), [rows, search, status]);
  const shown = serverFilter ? (advancedRows.data?.data ?? local) : local;

  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(pageIndex, pages - 1);
  const visible = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allOn = visible.length > 0 && visible.every((r) => selected.has(r.id));

  return (
    <>
      <div className="@container">
        <div className="mb-4 flex flex-wrap items-center gap-2">
          <Input
            aria-label="Search sites"
            placeholder="Search by name, id or city"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPageIndex(0);
            }}
            className="h-9 min-w-40 flex-1 @3xl:w-64 @3xl:flex-none"
          />
          <Select
            aria-label="Status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setPageIndex(0);
            }}
            className="h-9 w-36"
          >
            <option value="">All statuses</option>
            {["online", "alert", "offline", "maintenance"].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
          <PermissionGate code="sites.list.filter_advanced" mode="disable">
            <Button
              variant={advanced ? "primary" : "secondary"}
              size="sm"
              aria-pressed={advanced}
              onClick={() => setAdvanced((a) => !a)}
            >
              <Filter className="size-4" aria-hidden /> Advanced filters
            </Button>
          </PermissionGate>
          <div className="ml-auto flex items-center gap-2">
            <GatedAction
              code="sites.list.export_button"
              label="Export"
              icon={Download}
              run={() => api.post("/api/demo/sites/export", {})}
            />
            <GatedFormAction
              code="sites.list.add_button"
              label="Add site"
              icon={Plus}
              variant="primary"
              title="Add a site"
              submitLabel="Add site"
              description="Demo: the site is validated by the server, not stored."
              fields={[
                { name: "name", label: "Site name", placeholder: "Harbour Substation" },
                { name: "city", label: "City", placeholder: "Leeds" },
              ]}
              send={(v) => api.post("/api/demo/sites", v)}
            />
          </div>
        </div>

        {useAdvanced && (
          <div
            className="mb-4 flex flex-wrap items-center gap-2 rounded-lg bg-brand-50/50 p-3 ring-1 ring-brand-100"
            data-testid="advanced-filters"
          >
            <Select
              aria-label="Region"
              value={region}
              onChange={(e) => {
                setRegion(e.target.value);
                setPageIndex(0);
              }}
              className="h-9 w-40"
            >
              <option value="">All regions</option>
              {regions.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </Select>
            <Select
              aria-label="Meter type"
              value={meterType}
              onChange={(e) => {
                setMeterType(e.target.value);
                setPageIndex(0);
              }}
              className="h-9 w-48"
            >
              <option value="">All meter types</option>
              {meterTypes.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </Select>
            {advancedRows.isFetching && (
              <Loader2 className="size-4 animate-spin text-brand-600" aria-label="Filtering on the server" />
            )}
            {advancedRows.error && (
              <span role="alert" className="text-sm text-red-700">
                {advancedRows.error instanceof ApiProblem && advancedRows.error.status === 403
                  ? "The server refused the advanced filters: "
                  : "Filtering failed: "}
                {problemDetail(advancedRows.error)}
              </span>
            )}
          </div>
        )}

        <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
          <PermissionGate code="sites.list.bulk_actions" mode="disable">
            <span className="inline-flex items-center gap-2">
              <Select
                aria-label="Bulk action"
                value={bulk}
                onChange={(e) => setBulk(e.target.value)}
                className="h-8 w-52"
                disabled={!canBulk}
              >
                {BULK.map((b) => (
                  <option key={b.value} value={b.value}>
                    {b.label}
                  </option>
                ))}
              </Select>
            </span>
          </PermissionGate>
          <GatedAction
            code="sites.list.bulk_actions"
            label={selected.size ? `Apply to ${selected.size} selected` : "Apply to selected"}
            icon={Layers}
            disabled={selected.size === 0}
            run={() => api.post("/api/demo/sites/bulk", { ids: [...selected], action: bulk })}
            onDone={() => setSelected(new Set())}
          />
          <span className="ml-auto text-slate-500">
            {shown.length} of {rows.length} sites
          </span>
        </div>

        <Card>
          {shown.length === 0 ? (
            <EmptyState icon={SearchX} title="No site matches" description="Change the search or the filters." />
          ) : (
            <Table>
              <thead>
                <tr>
                  {canBulk && (
                    <Th className="w-10">
                      <Checkbox
                        aria-label="Select all sites on this page"
                        checked={allOn}
                        onCheckedChange={(v) => setSelected(v === true ? new Set(visible.map((r) => r.id)) : new Set())}
                      />
                    </Th>
                  )}
                  <Th>Site</Th>
                  <Th className="hidden @xl:table-cell">City</Th>
                  <Th className="hidden @4xl:table-cell">Region</Th>
                  <Th>Status</Th>
                  <Th className="hidden @3xl:table-cell">Meter</Th>
                  <Th className="text-right">Last reading</Th>
                  {canDelete && (
                    <Th className="w-24">
                      <span className="sr-only">Actions</span>
                    </Th>
                  )}
                </tr>
              </thead>
              <tbody>
                {visible.map((r) => (
                  <Tr key={r.id}>
                    {canBulk && (
                      <Td>
                        <Checkbox
                          aria-label={`Select ${r.id}`}
                          checked={selected.has(r.id)}
                          onCheckedChange={(v) => toggle(r.id, v === true)}
                        />
                      </Td>
                    )}
                    <Td>
                      <div className="flex items-center gap-2">
                        <MapPin className="size-4 shrink-0 text-slate-400" aria-hidden />
                        {canOpen ? (
                          <Link
                            href={href(`/sites/${r.id}`)}
                            className="whitespace-nowrap font-medium text-brand-700 underline decoration-brand-200 underline-offset-2 hover:text-brand-800 hover:decoration-brand-500"
                          >
                            {r.name}
                          </Link>
                        ) : (
                          <Tooltip content="Opening a site requires sites.detail.view">
                            <span
                              tabIndex={0}
                              className="inline-flex items-center gap-1 whitespace-nowrap font-medium text-slate-700"
                            >
                              {r.name}
                              <Lock className="size-3 text-slate-400" aria-hidden />
                            </span>
                          </Tooltip>
                        )}
                      </div>
                      <p className="pl-6 font-mono text-xs text-slate-500">
                        {r.id}
                        <span className="@xl:hidden"> · {r.city}</span>
                      </p>
                    </Td>
                    <Td className="hidden @xl:table-cell">{r.city}</Td>
                    <Td className="hidden @4xl:table-cell">{r.region}</Td>
                    <Td>
                      <StatusBadge value={r.status} />
                    </Td>
                    <Td className="hidden whitespace-nowrap text-xs @3xl:table-cell">{r.meterType}</Td>
                    <Td className="whitespace-nowrap text-right tabular-nums">
                      {number(r.lastReadingKwh)} kWh<p className="text-xs text-slate-500">{r.lastReadAt}</p>
                    </Td>
                    {canDelete && (
                      <Td className="text-right">
                        <GatedAction
                          code="sites.list.delete_action"
                          label="Delete"
                          icon={Trash2}
                          variant="ghost"
                          hide
                          confirm={{
                            title: `Delete ${r.name}?`,
                            description: `${r.id} and its history will be removed. (Demo: nothing is deleted.)`,
                            confirmLabel: "Delete site",
                          }}
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
              {/* The buttons point here: "Page 1 of 5" is why Previous is disabled. */}
              <span id="sites-page-position">
                Page {current + 1} of {pages}
              </span>
              <span className="flex gap-2">
                <Button
                  size="sm"
                  variant="secondary"
                  className="disabled:opacity-50"
                  disabled={current === 0}
                  aria-describedby="sites-page-position"
                  onClick={() => setPageIndex(current - 1)}
                >
                  Previous
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  className="disabled:opacity-50"
                  disabled={current >= pages - 1}
                  aria-describedby="sites-page-position"
                  onClick={() => setPageIndex(current + 1)}
                >
                  Next
                </Button>
              </span>
            </div>
          )}
        </Card>
      </div>
      <PagePermissions items={SITES_LIST_PERMISSIONS} />
    </>
  );
}
