"use client";
import { UserMinus, Users } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { Label, Select } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { SearchInput } from "@/components/ui/search-input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { useDebounced } from "@/components/ui/use-debounced";
import { formatDate } from "@/lib/format/dates";
import { problemDetail } from "@/lib/query/hooks";
import { useAddRoleMember, useRemoveRoleMember, useRoleUsers } from "@/lib/query/roles";
import { useUsers } from "@/lib/query/users";

/** Members listed before anything is typed, and matches listed per search. */
const BROWSE_LIMIT = 200;
const SEARCH_LIMIT = 50;

/**
 * The members holding a role directly, each linking to their page. With `gatehouse.users.manage`
 * (and an editable role), members are added here — found by name or email on the server, choosing
 * one adds them, with the expiry typed beside it if any — and removed, through the users' role routes.
 */
export function RoleUsers({
  roleId,
  roleName,
  canView,
  canAssign,
}: {
  roleId: string;
  roleName: string;
  canView: boolean;
  canAssign: boolean;
}) {
  const users = useRoleUsers(roleId, { enabled: canView });
  const id = useId();
  const [expires, setExpires] = useState("");
  const [removing, setRemoving] = useState<{ userId: string; name: string } | null>(null);
  // The picker searches the server (name or email), so anyone of a large tenant can be found.
  const [search, setSearch] = useState("");
  const term = useDebounced(search.trim(), 250);
  const members = useUsers(term ? { limit: SEARCH_LIMIT, search: term } : { limit: BROWSE_LIMIT }, {
    enabled: canView && canAssign,
  });
  const add = useAddRoleMember(roleId, {
    success: (_, v) =>
      `${roleName} given to ${members.data?.data.find((m) => m.id === v.userId)?.name ?? "the member"}`,
  });
  const remove = useRemoveRoleMember(roleId, {
    success: (_, v) => `${roleName} taken from ${v.name}`,
    onSuccess: () => setRemoving(null),
  });
  if (!canView)
    return (
      <Card>
        <EmptyState
          icon={Users}
          title="You cannot see members"
          description="Listing who holds this role needs the View users permission."
        />
      </Card>
    );
  if (users.isError)
    return (
      <Card>
        <ErrorState
          title="Could not load the members"
          detail={problemDetail(users.error)}
          onRetry={() => users.refetch()}
        />
      </Card>
    );
  if (users.isLoading)
    return (
      <Card className="space-y-2 p-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-10 w-full" />
        ))}
      </Card>
    );
  const rows = users.data?.data ?? [];
  const now = Date.now();
  const holding = new Set(rows.map((u) => u.id));
  const shown = members.data?.data ?? [];
  const candidates = shown.filter((m) => !holding.has(m.id) && !m.role_ids.includes(roleId) && m.status === "active");
  const more = !!members.data?.next_cursor;
  const searching = search.trim() !== term || members.isFetching;
  const emptyText = term
    ? searching
      ? "Searching…"
      : shown.length
        ? `Every active member matching “${term}” holds it`
        : `No member matches “${term}”`
    : "Every active member shown holds it";
  return (
    <Card>
      {canAssign && (
        <div className="flex flex-wrap items-end gap-3 border-b border-slate-100 px-4 py-3">
          <div className="w-44">
            <Label htmlFor={`${id}-expires`}>Expires (optional)</Label>
            <Input
              id={`${id}-expires`}
              type="date"
              value={expires}
              min={new Date().toISOString().slice(0, 10)}
              onChange={(e) => setExpires(e.target.value)}
            />
          </div>
          <div className="min-w-56 flex-1">
            <Label htmlFor={`${id}-find`}>Find a member</Label>
            <SearchInput
              id={`${id}-find`}
              label="Find a member by name or email"
              placeholder="Name or email"
              value={search}
              onValueChange={setSearch}
            />
          </div>
          <div className="min-w-56 flex-1">
            <Label htmlFor={`${id}-add`}>Add a member</Label>
            <Select
              id={`${id}-add`}
              value=""
              aria-describedby={`${id}-more`}
              disabled={add.isPending || members.isLoading}
              onChange={(e) => {
                const userId = e.target.value;
                if (!userId) return;
                const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : null;
                add.mutate({ userId, expiresAt });
              }}
            >
              <option value="">
                {candidates.length
                  ? `Choose one of ${candidates.length}${more ? "+" : ""} member${candidates.length === 1 ? "" : "s"}…`
                  : emptyText}
              </option>
              {candidates.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} ({m.email})
                </option>
              ))}
            </Select>
          </div>
          <p id={`${id}-more`} className="basis-full text-xs text-slate-500" data-testid="member-picker-hint">
            {more
              ? term
                ? `More members match “${term}” than the ${shown.length} shown: type more of the name or email.`
                : `Showing the first ${shown.length} members by name: type a name or email above to find anyone else.`
              : term
                ? `${shown.length === 1 ? "1 member matches" : `${shown.length} members match`} “${term}”.`
                : "Type a name or email above to narrow the list."}{" "}
            Choosing a member gives them {roleName} at once{expires ? `, until the end of ${expires}` : ""}.
          </p>
        </div>
      )}
      {rows.length === 0 ? (
        <EmptyState
          icon={Users}
          title="Nobody holds this role"
          description={
            canAssign
              ? "Add a member above. Members of roles that inherit from it get its permissions too."
              : "Assign it to members from their page in Users. Members of roles that inherit from it get its permissions too."
          }
        />
      ) : (
        <Table aria-label="Members with this role">
          <thead>
            <tr>
              <Th>Member</Th>
              <Th>Status</Th>
              <Th>Assigned</Th>
              <Th>Expires</Th>
              {canAssign && (
                <Th className="w-16">
                  <span className="sr-only">Remove</span>
                </Th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => {
              const expired = u.expires_at !== null && new Date(u.expires_at).getTime() <= now;
              return (
                <Tr key={u.id}>
                  <Td>
                    <Link
                      href={`/admin/users/${u.id}`}
                      className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                    >
                      {u.name}
                    </Link>
                    <p className="text-xs text-slate-500">{u.email}</p>
                  </Td>
                  <Td>
                    {u.status === "active" ? (
                      <Badge tone="green">Active</Badge>
                    ) : (
                      <Badge className="capitalize">{u.status}</Badge>
                    )}
                  </Td>
                  <Td suppressHydrationWarning className="whitespace-nowrap text-slate-500">
                    {formatDate(u.assigned_at)}
                  </Td>
                  <Td suppressHydrationWarning className="whitespace-nowrap">
                    {u.expires_at ? (
                      <Badge tone={expired ? "red" : "amber"}>
                        {expired ? "expired " : ""}
                        {formatDate(u.expires_at)}
                      </Badge>
                    ) : (
                      <span className="text-slate-400">never</span>
                    )}
                  </Td>
                  {canAssign && (
                    <Td className="text-right">
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Remove ${u.name} from ${roleName}`}
                        onClick={() => setRemoving({ userId: u.id, name: u.name })}
                      >
                        <UserMinus className="size-4 text-slate-500" aria-hidden />
                      </Button>
                    </Td>
                  )}
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title={`Remove ${removing?.name ?? ""} from ${roleName}?`}
        description="They lose the permissions this role gives them at once, on every instance."
        confirmLabel="Remove from role"
        onConfirm={() => removing && remove.mutate(removing)}
      />
    </Card>
  );
}
