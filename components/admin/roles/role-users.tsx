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
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { formatDate } from "@/lib/format/dates";
import { problemDetail } from "@/lib/query/hooks";
import { useAddRoleMember, useRemoveRoleMember, useRoleUsers } from "@/lib/query/roles";
import { useUsers } from "@/lib/query/users";

/**
 * The members holding a role directly, each linking to their page. With `gatehouse.users.manage`
 * (and an editable role), members are added here — choosing one adds them, with the expiry typed
 * beside it if any — and removed, through the users' role routes.
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
  const members = useUsers({ limit: 200 }, { enabled: canView && canAssign });
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
  const candidates = (members.data?.data ?? []).filter((m) => !holding.has(m.id) && m.status === "active");
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
            <Label htmlFor={`${id}-add`}>Add a member</Label>
            <Select
              id={`${id}-add`}
              value=""
              disabled={add.isPending || members.isLoading}
              onChange={(e) => {
                const userId = e.target.value;
                if (!userId) return;
                const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : null;
                add.mutate({ userId, expiresAt });
              }}
            >
              <option value="">{candidates.length ? "Choose a member to add…" : "Every active member holds it"}</option>
              {candidates.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} ({m.email})
                </option>
              ))}
            </Select>
          </div>
          <p className="basis-full text-xs text-slate-500">
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
