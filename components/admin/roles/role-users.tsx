"use client";
import { Users } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { formatDate } from "@/lib/format/dates";
import { problemDetail } from "@/lib/query/hooks";
import { useRoleUsers } from "@/lib/query/roles";

/** The members holding a role directly, each linking to their page (where roles are assigned). */
export function RoleUsers({ roleId, canView }: { roleId: string; canView: boolean }) {
  const users = useRoleUsers(roleId, { enabled: canView });
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
  return (
    <Card>
      {rows.length === 0 ? (
        <EmptyState
          icon={Users}
          title="Nobody holds this role"
          description="Assign it to members from their page in Users. Members of roles that inherit from it get its permissions too."
        />
      ) : (
        <Table aria-label="Members with this role">
          <thead>
            <tr>
              <Th>Member</Th>
              <Th>Status</Th>
              <Th>Assigned</Th>
              <Th>Expires</Th>
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
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
