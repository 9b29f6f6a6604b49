"use client";
import { ChevronLeft, ChevronRight, MailPlus, Plus, Search, UserRound, Users } from "lucide-react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { InviteDialog } from "@/components/admin/invitations/invite-dialog";
import { PendingInvitations } from "@/components/admin/invitations/pending-invitations";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/form";
import { SearchInput } from "@/components/ui/search-input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { useDebounced } from "@/components/ui/use-debounced";
import { problemDetail } from "@/lib/query/hooks";
import { useRoles } from "@/lib/query/roles";
import { USERS_PAGE_SIZE, useUsers } from "@/lib/query/users";
import { initials } from "@/lib/utils";
import { CreateUserDialog } from "./create-user-dialog";

/** The tenant's members: server-side search and role filter, cursor paging (a stack of cursors for "Previous"). */
export function UsersTable({
  canManage,
  canViewRoles,
  grantableRoleIds = [],
}: {
  canManage: boolean;
  canViewRoles: boolean;
  /** The roles the viewer may give (the server computed them): the invite dialog offers only these. */
  grantableRoleIds?: string[];
}) {
  const [search, setSearch] = useState("");
  const [roleId, setRoleId] = useState("");
  const [paging, setPaging] = useState<{ filter: string; cursors: string[] }>({ filter: "", cursors: [] });
  const [creating, setCreating] = useState(false);
  const [inviting, setInviting] = useState(false);
  const term = useDebounced(search.trim(), 250);
  // The cursors belong to one filter: a new search or role starts again at the first page.
  const filter = `${term}\u0000${roleId}`;
  const cursors = paging.filter === filter ? paging.cursors : [];
  const setCursors = (next: (c: string[]) => string[]) => setPaging({ filter, cursors: next(cursors) });

  const params = {
    limit: USERS_PAGE_SIZE,
    search: term || undefined,
    role_id: roleId || undefined,
    cursor: cursors.at(-1),
  };
  const list = useUsers(params);
  const roles = useRoles(undefined, { enabled: canViewRoles });
  const roleById = useMemo(() => new Map((roles.data?.data ?? []).map((r) => [r.id, r])), [roles.data]);
  const rows = list.data?.data ?? [];
  const filtered = !!term || !!roleId;
  const pageNo = cursors.length + 1;

  return (
    <>
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
          <div className="flex w-full flex-wrap items-center gap-2 sm:w-auto">
            <SearchInput
              className="relative w-full sm:w-72"
              label="Search users"
              placeholder="Search by name or email"
              value={search}
              onValueChange={setSearch}
            />
            {canViewRoles && (
              <Select
                aria-label="Filter by role"
                value={roleId}
                onChange={(e) => setRoleId(e.target.value)}
                className="w-full sm:w-52"
              >
                <option value="">All roles</option>
                {roles.data?.data.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name} ({r.user_count})
                  </option>
                ))}
              </Select>
            )}
          </div>
          {canManage && (
            <div className="flex gap-2">
              <Button variant="secondary" onClick={() => setCreating(true)}>
                <Plus className="size-4" aria-hidden />
                Add user
              </Button>
              <Button onClick={() => setInviting(true)}>
                <MailPlus className="size-4" aria-hidden />
                Invite
              </Button>
            </div>
          )}
        </div>

        {list.isError ? (
          <ErrorState
            title="Could not load the users"
            detail={problemDetail(list.error)}
            onRetry={() => list.refetch()}
          />
        ) : list.isLoading ? (
          <div className="space-y-2 p-4" role="status" aria-label="Loading users">
            {Array.from({ length: 8 }, (_, i) => (
              <Skeleton key={i} className="h-12 w-full" />
            ))}
          </div>
        ) : rows.length === 0 ? (
          filtered ? (
            <EmptyState
              icon={Search}
              title="No user matches these filters"
              description="Try part of a name or an email address, or another role."
              action={
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => {
                    setSearch("");
                    setRoleId("");
                  }}
                >
                  Clear filters
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={Users}
              title="No members yet"
              description="Add the people of your organization, then give them roles."
              action={
                canManage ? (
                  <Button size="sm" onClick={() => setCreating(true)}>
                    Add user
                  </Button>
                ) : undefined
              }
            />
          )
        ) : (
          <div
            className={list.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}
            aria-busy={list.isFetching}
          >
            <Table aria-label="Users">
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Email</Th>
                  <Th>Status</Th>
                  <Th>Roles</Th>
                  <Th>Department</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((u) => (
                  <Tr key={u.id}>
                    <Td>
                      <Link href={`/admin/users/${u.id}`} className="group flex items-center gap-3">
                        <span
                          aria-hidden
                          className="grid size-8 shrink-0 place-items-center rounded-full bg-brand-50 text-xs font-semibold text-brand-700"
                        >
                          {initials(u.name) || <UserRound className="size-4" />}
                        </span>
                        <span className="font-medium text-slate-900 group-hover:text-brand-700 group-hover:underline">
                          {u.name}
                        </span>
                      </Link>
                    </Td>
                    <Td className="text-slate-600">{u.email}</Td>
                    <Td>
                      {u.status === "active" ? <Badge tone="green">Active</Badge> : <Badge tone="red">Disabled</Badge>}
                    </Td>
                    <Td>
                      {u.role_ids.length === 0 ? (
                        <span className="text-slate-400">No roles</span>
                      ) : canViewRoles ? (
                        <div className="flex flex-wrap gap-1">
                          {u.role_ids.map((id) => {
                            const r = roleById.get(id);
                            return (
                              <Badge key={id} tone={r?.is_system ? "brand" : "slate"}>
                                {r?.name ?? "…"}
                              </Badge>
                            );
                          })}
                        </div>
                      ) : (
                        <span>
                          {u.role_ids.length} role{u.role_ids.length === 1 ? "" : "s"}
                        </span>
                      )}
                    </Td>
                    <Td>{u.department ?? <span className="text-slate-400">—</span>}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          </div>
        )}

        {(cursors.length > 0 || list.data?.next_cursor) && (
          <nav
            aria-label="Pages"
            className="flex items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm text-slate-500"
          >
            <span>Page {pageNo}</span>
            <div className="flex gap-2">
              <Button
                variant="secondary"
                size="sm"
                disabled={cursors.length === 0 || list.isFetching}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                <ChevronLeft className="size-4" aria-hidden />
                Previous
              </Button>
              <Button
                variant="secondary"
                size="sm"
                disabled={!list.data?.next_cursor || list.isFetching}
                onClick={() => list.data?.next_cursor && setCursors((c) => [...c, list.data!.next_cursor!])}
              >
                Next
                <ChevronRight className="size-4" aria-hidden />
              </Button>
            </div>
          </nav>
        )}

        {canManage && <CreateUserDialog open={creating} onOpenChange={setCreating} roles={roles.data?.data ?? []} />}
        {canManage && (
          <InviteDialog
            open={inviting}
            onOpenChange={setInviting}
            roles={(roles.data?.data ?? []).filter((r) => grantableRoleIds.includes(r.id))}
          />
        )}
      </Card>
      <PendingInvitations canManage={canManage} />
    </>
  );
}
