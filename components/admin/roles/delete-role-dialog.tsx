"use client";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ApiProblem } from "@/lib/query/api";
import { useDeleteRole } from "@/lib/query/roles";

/**
 * Deletes a role. The API refuses (409, with `user_count`) while users hold it; the dialog then
 * says so and offers to move them off and delete (`?force=true`), which the server does in one
 * transaction and audits per user.
 */
export function DeleteRoleDialog({
  role,
  open,
  onOpenChange,
  onDeleted,
}: {
  role: { id: string; name: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDeleted?: () => void;
}) {
  const [holders, setHolders] = useState<number | null>(null);
  const remove = useDeleteRole(role.id, {
    success: (_d, { force }) => (force ? `Deleted ${role.name} and moved its users off it` : `Deleted ${role.name}`),
    onSuccess: () => {
      setHolders(null);
      onOpenChange(false);
      onDeleted?.();
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.status === 409 && typeof error.body.user_count === "number") {
        setHolders(error.body.user_count);
        return true;
      }
    },
  });
  const close = (next: boolean) => {
    if (!next) setHolders(null);
    onOpenChange(next);
  };
  const forcing = holders !== null;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={close}
      title={forcing ? `${role.name} is still in use` : `Delete ${role.name}?`}
      description={
        forcing ? (
          <p>
            <strong className="font-semibold text-slate-900">
              {holders} {holders === 1 ? "user holds" : "users hold"} this role
            </strong>
            : move {holders === 1 ? "them" : "them all"} off and delete? They lose every permission that came only from
            this role. Each removal is recorded in the audit log.
          </p>
        ) : (
          <p>
            The role and its grants are removed. Roles inheriting from it stop receiving its permissions. This cannot be
            undone.
          </p>
        )
      }
      confirmLabel={forcing ? "Move them off and delete" : "Delete role"}
      busy={remove.isPending}
      onConfirm={() => remove.mutate({ force: forcing })}
    />
  );
}
