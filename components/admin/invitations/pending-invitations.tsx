"use client";
import { MailPlus } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/empty-state";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import { problemDetail } from "@/lib/query/hooks";
import { type InvitationItem, useInvitations, useRevokeInvitation } from "@/lib/query/invitations";

/** The tenant's invitation links not yet accepted: who, with which roles, until when; revoke one. */
export function PendingInvitations({ canManage, onInvite }: { canManage: boolean; onInvite?: () => void }) {
  const list = useInvitations();
  const [revoking, setRevoking] = useState<InvitationItem | null>(null);
  const revoke = useRevokeInvitation({
    success: (_, i) => `Revoked the invitation of ${i.email}`,
    onSuccess: () => setRevoking(null),
  });
  const rows = list.data?.data ?? [];
  if (list.isLoading || (!list.isError && rows.length === 0)) return null;
  return (
    <Card className="mt-6" aria-labelledby="pending-invitations">
      <CardHeader
        title="Pending invitations"
        description="Links sent but not used yet. A link works once; revoking one makes it useless at once."
        action={
          canManage && onInvite ? (
            <Button size="sm" variant="secondary" onClick={onInvite}>
              <MailPlus className="size-4" aria-hidden />
              Invite
            </Button>
          ) : undefined
        }
      />
      {list.isError ? (
        <ErrorState
          title="Could not load the invitations"
          detail={problemDetail(list.error)}
          onRetry={() => list.refetch()}
        />
      ) : (
        <div className="overflow-x-auto">
          <Table aria-label="Pending invitations">
            <thead>
              <tr>
                <Th>Email</Th>
                <Th>Roles</Th>
                <Th className="hidden md:table-cell">Invited by</Th>
                <Th>Expires</Th>
                {canManage && (
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <Tr key={i.id}>
                  <Td className="font-medium text-slate-900">{i.email}</Td>
                  <Td>
                    {i.roles.length ? (
                      <span className="flex flex-wrap gap-1">
                        {i.roles.map((r) => (
                          <Badge key={r.id}>{r.name}</Badge>
                        ))}
                      </span>
                    ) : (
                      <span className="text-slate-400">No roles</span>
                    )}
                  </Td>
                  <Td className="hidden text-slate-600 md:table-cell">{i.invited_by?.email ?? "—"}</Td>
                  <Td>
                    {i.status === "expired" ? (
                      <Badge tone="red">
                        Expired <TimeAgo iso={i.expires_at} />
                      </Badge>
                    ) : (
                      <TimeAgo iso={i.expires_at} className="text-slate-700" />
                    )}
                  </Td>
                  {canManage && (
                    <Td className="text-right">
                      <Button size="sm" variant="ghost" onClick={() => setRevoking(i)} aria-label={`Revoke ${i.email}`}>
                        Revoke
                      </Button>
                    </Td>
                  )}
                </Tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(o) => !o && setRevoking(null)}
        title="Revoke this invitation?"
        description={`The link sent to ${revoking?.email ?? ""} stops working at once. You can invite them again later.`}
        confirmLabel="Revoke"
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking)}
      />
    </Card>
  );
}
