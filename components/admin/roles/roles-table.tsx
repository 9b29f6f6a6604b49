"use client";
import { Plus, Search, Shield, Trash2 } from "lucide-react";
import Link from "next/link";
import { useDeferredValue, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { SearchInput } from "@/components/ui/search-input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Tooltip } from "@/components/ui/tooltip";
import { problemDetail } from "@/lib/query/hooks";
import { useMatrix } from "@/lib/query/matrix";
import { ROLES_PARAMS, type RoleListItem, useRoles } from "@/lib/query/roles";
import { cn } from "@/lib/utils";
import { RISK_STYLE } from "../matrix/badges";
import { CreateRoleDialog } from "./create-role-dialog";
import { DeleteRoleDialog } from "./delete-role-dialog";
import { ACTIONS, type MenuItemRef } from "./editor/layout";
import { type RoleSummaryView, summarizeRoles } from "./role-summary";

/** The tenant's roles with their counts and parents; search filters as you type. */
export function RolesTable({
  canManage,
  canUseTemplates,
  menuItems,
}: {
  canManage: boolean;
  canUseTemplates: boolean;
  menuItems: MenuItemRef[];
}) {
  const [search, setSearch] = useState("");
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<RoleListItem | null>(null);
  const all = useRoles();
  const term = useDeferredValue(search.trim().toLowerCase());
  // The seeded page holds every role unless the tenant has more than fit in one: then ask the server.
  const serverSearch = !!all.data?.next_cursor && term.length > 0;
  const searched = useRoles({ ...ROLES_PARAMS, search: term }, { enabled: serverSearch });
  const roles = all.data?.data ?? [];
  const byId = useMemo(() => new Map(roles.map((r) => [r.id, r])), [roles]);
  const matrix = useMatrix();
  const summaries = useMemo(
    () =>
      matrix.data
        ? summarizeRoles(matrix.data, new Map(roles.map((r) => [r.id, r.parent_ids])), menuItems)
        : new Map<string, RoleSummaryView>(),
    [matrix.data, roles, menuItems],
  );
  const rows = serverSearch
    ? (searched.data?.data ?? [])
    : roles.filter(
        (r) => !term || r.name.toLowerCase().includes(term) || (r.description ?? "").toLowerCase().includes(term),
      );

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <SearchInput
          className="relative w-full max-w-xs"
          label="Search roles"
          placeholder="Search by name or description"
          value={search}
          onValueChange={setSearch}
        />
        <div className="flex items-center gap-3">
          <span className="text-sm text-slate-500">
            {all.data ? `${rows.length} of ${roles.length}${all.data.next_cursor ? "+" : ""} roles` : ""}
          </span>
          {canManage && (
            <Button onClick={() => setCreating(true)}>
              <Plus className="size-4" aria-hidden />
              Create role
            </Button>
          )}
        </div>
      </div>

      {all.isError ? (
        <ErrorState title="Could not load the roles" detail={problemDetail(all.error)} onRetry={() => all.refetch()} />
      ) : all.isLoading || (serverSearch && searched.isLoading) ? (
        <div className="space-y-2 p-4" role="status" aria-label="Loading roles">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-12 w-full" />
          ))}
        </div>
      ) : rows.length === 0 ? (
        term ? (
          <EmptyState
            icon={Search}
            title={`No role matches “${search.trim()}”`}
            description="Try part of the name or the description."
            action={
              <Button variant="secondary" size="sm" onClick={() => setSearch("")}>
                Clear search
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={Shield}
            title="No roles yet"
            description="Create a role for each job in your organization."
            action={
              canManage ? (
                <Button size="sm" onClick={() => setCreating(true)}>
                  Create role
                </Button>
              ) : undefined
            }
          />
        )
      ) : (
        <Table aria-label="Roles">
          <thead>
            <tr>
              <Th>Role</Th>
              <Th className="text-right">Users</Th>
              <Th className="text-right">Permissions</Th>
              <Th className="hidden md:table-cell">Access</Th>
              <Th className="text-right">Menu items</Th>
              <Th>Inherits from</Th>
              {canManage && (
                <Th className="w-16">
                  <span className="sr-only">Actions</span>
                </Th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Tr key={r.id}>
                <Td className="max-w-md">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link
                      href={`/admin/roles/${r.id}`}
                      className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                    >
                      {r.name}
                    </Link>
                    {r.is_system && <Badge tone="brand">System</Badge>}
                    {r.is_default && <Badge tone="green">Default</Badge>}
                  </div>
                  {r.description && <p className="mt-0.5 truncate text-xs text-slate-500">{r.description}</p>}
                  {/* On a phone the Access column is hidden: the summary sits under the name. */}
                  <div className="mt-1.5 md:hidden">
                    <RoleAccess summary={summaries.get(r.id)} />
                  </div>
                </Td>
                <Td className="text-right tabular-nums">{r.user_count}</Td>
                <Td className="text-right tabular-nums">
                  {r.grants_all ? (
                    <Tooltip content="Holds every permission of the catalog, present and future">
                      <span tabIndex={0}>All ({r.permission_count})</span>
                    </Tooltip>
                  ) : (
                    r.permission_count
                  )}
                </Td>
                <Td className="hidden min-w-64 md:table-cell">
                  <RoleAccess summary={summaries.get(r.id)} testId="role-access" />
                </Td>
                <Td className="text-right tabular-nums">{summaries.get(r.id)?.opens ?? "—"}</Td>
                <Td>
                  {r.parent_ids.length === 0 ? (
                    <span className="text-slate-400">—</span>
                  ) : (
                    <div className="flex flex-wrap gap-1">
                      {r.parent_ids.map((p) => {
                        const parent = byId.get(p);
                        return parent ? (
                          <Link key={p} href={`/admin/roles/${p}`}>
                            <Badge className="hover:bg-slate-200">{parent.name}</Badge>
                          </Link>
                        ) : (
                          <Badge key={p}>another role</Badge>
                        );
                      })}
                    </div>
                  )}
                </Td>
                {canManage && (
                  <Td className="text-right">
                    {r.is_system ? (
                      <Tooltip content="System roles cannot be deleted">
                        <span
                          role="group"
                          tabIndex={0}
                          className="inline-flex"
                          aria-label={`${r.name} is a system role and cannot be deleted`}
                        >
                          <Button variant="ghost" size="sm" disabled aria-hidden tabIndex={-1}>
                            <Trash2 className="size-4 text-slate-300" aria-hidden />
                          </Button>
                        </span>
                      </Tooltip>
                    ) : (
                      <Button variant="ghost" size="sm" aria-label={`Delete ${r.name}`} onClick={() => setDeleting(r)}>
                        <Trash2 className="size-4 text-slate-500" aria-hidden />
                      </Button>
                    )}
                  </Td>
                )}
              </Tr>
            ))}
          </tbody>
        </Table>
      )}

      {canManage && (
        <CreateRoleDialog open={creating} onOpenChange={setCreating} roles={roles} canUseTemplates={canUseTemplates} />
      )}
      {deleting && <DeleteRoleDialog role={deleting} open onOpenChange={(o) => !o && setDeleting(null)} />}
    </Card>
  );
}

/** Per action how many menu items the role may act on, and its riskiest own grants as chips. */
function RoleAccess({ summary, testId }: { summary: RoleSummaryView | undefined; testId?: string }) {
  if (!summary) return <span className="text-slate-400">—</span>;
  return (
    <div className="space-y-1" data-testid={testId}>
      <p className="flex flex-wrap gap-x-2 text-xs text-slate-600">
        {ACTIONS.map((a) => (
          <span key={a} className={cn(summary.actions[a] === 0 && "text-slate-400")}>
            {a} <span className="font-medium tabular-nums text-slate-900">{summary.actions[a]}</span>
          </span>
        ))}
      </p>
      {summary.everything ? (
        <p className="text-xs text-slate-500">Every permission, present and future</p>
      ) : summary.key.length ? (
        <p className="flex flex-wrap items-center gap-1">
          {summary.key.map((k) => (
            <span
              key={k.code}
              title={`${k.name} (${k.risk} risk)`}
              className={cn(
                "inline-flex h-5 items-center rounded px-1.5 font-mono text-[11px] ring-1 ring-inset",
                (RISK_STYLE[k.risk as keyof typeof RISK_STYLE] ?? RISK_STYLE.low).chip,
              )}
            >
              {k.code}
            </span>
          ))}
          {summary.more > 0 && <span className="text-xs text-slate-500">+{summary.more} more</span>}
        </p>
      ) : (
        <p className="text-xs text-slate-400">No grants of its own</p>
      )}
    </div>
  );
}
