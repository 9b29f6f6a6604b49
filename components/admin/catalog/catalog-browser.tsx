"use client";
import { Plus, SearchX } from "lucide-react";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { Label, Select } from "@/components/ui/form";
import { SearchInput } from "@/components/ui/search-input";
import { Skeleton } from "@/components/ui/skeleton";
import { CATEGORIES } from "@/lib/permissions/types";
import { usePermissionGroups } from "@/lib/query/catalog";
import { cn } from "@/lib/utils";
import {
  allPermissions,
  type CatalogFilters,
  candidateCodes,
  editability,
  filterPermissions,
  flattenModules,
  matchesFilters,
  moduleCounts,
  NO_FILTERS,
  type OriginFilter,
  type StatusFilter,
} from "./model";
import { ModuleTree } from "./module-tree";
import { PermissionDrawer } from "./permission-drawer";
import { PermissionFormDialog } from "./permission-form-dialog";
import { PermissionList } from "./permission-list";

export function CatalogBrowser({
  canManage,
  isSuperAdmin,
  tenantName,
  initialCode,
  canViewUsers,
}: {
  canViewUsers: boolean;
  canManage: boolean;
  isSuperAdmin: boolean;
  tenantName: string;
  initialCode?: string;
}) {
  const groups = usePermissionGroups();
  const [filters, setFilters] = useState<CatalogFilters>(NO_FILTERS);
  // Selected by code (unique in what a tenant sees), so a code named elsewhere opens even before this page's copy has it.
  const [selectedCode, setSelectedCode] = useState<string | null>(initialCode ?? null);
  const [creating, setCreating] = useState(false);
  const set = <K extends keyof CatalogFilters>(k: K, v: CatalogFilters[K]) => setFilters((f) => ({ ...f, [k]: v }));

  const all = useMemo(() => (groups.data ? allPermissions(groups.data) : []), [groups.data]);
  const visible = useMemo(() => (groups.data ? filterPermissions(groups.data, filters) : []), [groups.data, filters]);
  const counts = useMemo(
    () => (groups.data ? moduleCounts(groups.data, filters) : new Map<string, number>()),
    [groups.data, filters],
  );
  const categoryCounts = useMemo(() => {
    const out = new Map<string, number>();
    const { categories: _ignored, ...rest } = filters;
    const inModule = groups.data ? filterPermissions(groups.data, { ...rest, categories: [] }) : [];
    for (const p of inModule) out.set(p.category, (out.get(p.category) ?? 0) + 1);
    return out;
  }, [groups.data, filters]);
  const modules = useMemo(() => (groups.data ? flattenModules(groups.data.modules) : []), [groups.data]);

  if (groups.isPending) return <CatalogSkeleton />;
  if (groups.isError)
    return (
      <Card>
        <ErrorState title="Could not load the catalog" detail={groups.error.message} onRetry={() => groups.refetch()} />
      </Card>
    );

  const selected = selectedCode ? (all.find((p) => p.code === selectedCode) ?? null) : null;
  const rights = selected ? editability(selected, { canManage, isSuperAdmin }) : { editable: false, reason: null };
  const openCode = (code: string) => {
    setSelectedCode(code);
    if (!all.some((p) => p.code === code)) void groups.refetch();
  };
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  const target = isSuperAdmin ? "the global catalog (every tenant sees it)" : `${tenantName}’s own catalog`;
  const createCandidates = candidateCodes(all, null, isSuperAdmin).map((p) => ({ code: p.code, name: p.name }));
  const toggleCategory = (c: string) =>
    set(
      "categories",
      filters.categories.includes(c) ? filters.categories.filter((x) => x !== c) : [...filters.categories, c],
    );
  const { module: _module, ...nonModule } = filters;
  const totalMatching = all.filter((p) => matchesFilters(p, nonModule)).length;

  return (
    <div className="space-y-4">
      <Card className="space-y-3 p-4">
        <div className="flex flex-wrap items-end gap-3">
          <SearchInput
            className="relative min-w-64 flex-1"
            label="Search permissions"
            placeholder="Search by code, name or description…"
            value={filters.search}
            onValueChange={(v) => set("search", v)}
          />
          <div>
            <Label htmlFor="catalog-status" className="sr-only">
              Status
            </Label>
            <Select
              id="catalog-status"
              value={filters.status}
              onChange={(e) => set("status", e.target.value as StatusFilter)}
              className="w-40"
            >
              <option value="all">Any status</option>
              <option value="active">Active</option>
              <option value="deprecated">Deprecated</option>
              <option value="inactive">Inactive</option>
            </Select>
          </div>
          <div>
            <Label htmlFor="catalog-origin" className="sr-only">
              Source
            </Label>
            <Select
              id="catalog-origin"
              value={filters.origin}
              onChange={(e) => set("origin", e.target.value as OriginFilter)}
              className="w-44"
            >
              <option value="all">Any source</option>
              <option value="custom">Custom ({tenantName})</option>
              <option value="global">Global</option>
              <option value="system">System</option>
            </Select>
          </div>
          {canManage && (
            <Button onClick={() => setCreating(true)}>
              <Plus className="size-4" aria-hidden />
              New permission
            </Button>
          )}
        </div>
        <div role="group" aria-label="Categories" className="flex flex-wrap items-center gap-1.5">
          <Chip active={filters.categories.length === 0} onClick={() => set("categories", [])} label="All categories" />
          {CATEGORIES.map((c) => (
            <Chip
              key={c}
              active={filters.categories.includes(c)}
              onClick={() => toggleCategory(c)}
              label={c[0]!.toUpperCase() + c.slice(1)}
              count={categoryCounts.get(c) ?? 0}
            />
          ))}
          {filtered && (
            <button
              type="button"
              onClick={() => setFilters(NO_FILTERS)}
              className="ml-auto text-sm font-medium text-brand-700 hover:underline"
            >
              Clear filters
            </button>
          )}
        </div>
      </Card>

      <div className="grid gap-4 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <Card className="h-fit p-2 lg:sticky lg:top-20 lg:max-h-[calc(100dvh-6rem)] lg:overflow-y-auto">
          <ModuleTree
            modules={groups.data.modules}
            counts={counts}
            total={totalMatching}
            ungrouped={counts.get("ungrouped") ?? 0}
            selected={filters.module}
            onSelect={(m) => set("module", m)}
          />
        </Card>
        <Card className="overflow-hidden">
          <div className="flex items-center justify-between border-b border-slate-100 bg-slate-50 px-4 py-2.5 text-xs font-semibold uppercase tracking-wide text-slate-500">
            <span aria-live="polite">
              {visible.length} of {all.length} permissions
            </span>
            <span className="hidden gap-4 pr-8 sm:flex">
              <span className="w-24">Category</span>
              <span className="w-20">Risk</span>
              <span className="hidden w-20 md:block">Source</span>
            </span>
          </div>
          {visible.length === 0 ? (
            <EmptyState
              icon={SearchX}
              title="No permission matches"
              description="Try another module, category or search, or clear the filters."
              action={
                filtered ? (
                  <Button variant="secondary" size="sm" onClick={() => setFilters(NO_FILTERS)}>
                    Clear filters
                  </Button>
                ) : undefined
              }
            />
          ) : (
            <PermissionList
              permissions={visible}
              selectedId={selected?.id ?? null}
              onOpen={(p) => setSelectedCode(p.code)}
            />
          )}
        </Card>
      </div>

      <PermissionDrawer
        permission={selected}
        onClose={() => setSelectedCode(null)}
        editable={rights.editable}
        readOnlyReason={rights.reason}
        all={all}
        modules={modules}
        onOpenCode={openCode}
        tenantName={tenantName}
        canViewUsers={canViewUsers}
      />
      <PermissionFormDialog
        open={creating}
        onOpenChange={setCreating}
        permission={null}
        modules={modules}
        candidates={createCandidates}
        target={target}
        onSaved={(p) => {
          setCreating(false);
          setFilters(NO_FILTERS);
          setSelectedCode(p.code);
        }}
      />
    </div>
  );
}

function Chip({
  active,
  onClick,
  label,
  count,
}: {
  active: boolean;
  onClick: () => void;
  label: string;
  count?: number;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-pressed={active}
      className={cn(
        "inline-flex h-7 items-center gap-1.5 rounded-full px-3 text-xs font-medium ring-1 ring-inset transition-colors",
        active ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-600 ring-slate-200 hover:bg-slate-50",
      )}
    >
      {label}
      {count !== undefined && (
        <span className={cn("tabular-nums", active ? "text-brand-100" : "text-slate-400")}>{count}</span>
      )}
    </button>
  );
}

function CatalogSkeleton() {
  return (
    <div role="status" aria-label="Loading the catalog" className="space-y-4">
      <Skeleton className="h-24 w-full rounded-xl" />
      <div className="grid gap-4 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <Skeleton className="h-96 rounded-xl" />
        <div className="space-y-2">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-14 w-full" />
          ))}
        </div>
      </div>
    </div>
  );
}
