"use client";
import { Clock, Plus, Shield, X } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { problemDetail } from "@/lib/query/hooks";
import { useRoles } from "@/lib/query/roles";
import { type UserDetail, type UserRole, useAssignRole, useRemoveUserRole } from "@/lib/query/users";
import { formatDate, formatDateTime, localToIso, untilText } from "./describe";

/** The roles a user holds, with their expiry; assign (optionally until a date) and remove. */
export function UserRolesCard({
  user,
  canManage,
  canViewRoles,
}: {
  user: UserDetail;
  canManage: boolean;
  canViewRoles: boolean;
}) {
  const [assigning, setAssigning] = useState(false);
  const [removing, setRemoving] = useState<UserRole | null>(null);
  const roles = useRoles(undefined, { enabled: canViewRoles });
  const byId = new Map((roles.data?.data ?? []).map((r) => [r.id, r]));
  const parentsOf = (id: string) =>
    (byId.get(id)?.parent_ids ?? [])
      .map((p) => byId.get(p)?.name)
      .filter(Boolean)
      .join(", ");
  const remove = useRemoveUserRole<UserRole>(user.id, {
    success: (_, r) => `Removed ${r.name} from ${user.name}`,
    onSuccess: () => {
      setRemoving(null);
    },
  });

  return (
    <Card aria-label="Roles">
      <CardHeader
        title="Roles"
        description={
          user.roles.length
            ? `${user.roles.length} role${user.roles.length === 1 ? "" : "s"}, with the roles they inherit from.`
            : "No roles: only direct overrides apply."
        }
        action={
          canManage && canViewRoles ? (
            <Button size="sm" onClick={() => setAssigning(true)}>
              <Plus className="size-4" aria-hidden />
              Assign role
            </Button>
          ) : undefined
        }
      />
      {user.roles.length === 0 ? (
        <p className="px-5 py-6 text-center text-sm text-slate-500">
          <Shield className="mx-auto mb-2 size-6 text-slate-300" aria-hidden />
          This user holds no role.
        </p>
      ) : (
        <ul aria-label="Assigned roles" className="divide-y divide-slate-100">
          {user.roles.map((r) => {
            const soon = r.expires_at !== null && Date.parse(r.expires_at) - Date.now() < 7 * 86_400_000;
            return (
              <li key={r.id} className="flex items-center gap-3 px-5 py-3">
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-2">
                    {canViewRoles ? (
                      <Link
                        href={`/admin/roles/${r.id}`}
                        className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                      >
                        {r.name}
                      </Link>
                    ) : (
                      <span className="font-medium text-slate-900">{r.name}</span>
                    )}
                    {r.is_system && <Badge tone="brand">System</Badge>}
                    {r.expires_at && (
                      <Badge tone={soon ? "amber" : "slate"} title={formatDateTime(r.expires_at)}>
                        <Clock className="size-3" aria-hidden />
                        Expires {formatDate(r.expires_at)} ({untilText(r.expires_at)})
                      </Badge>
                    )}
                  </div>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {r.assigned_at ? `Assigned ${formatDate(r.assigned_at)}` : "Assigned"}
                    {r.expires_at ? "" : " · no expiry"}
                    {parentsOf(r.id) && <> · inherits from {parentsOf(r.id)}</>}
                  </p>
                </div>
                {canManage && (
                  <Button variant="ghost" size="sm" aria-label={`Remove role ${r.name}`} onClick={() => setRemoving(r)}>
                    <X className="size-4 text-slate-500" aria-hidden />
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {canManage && canViewRoles && <AssignRoleDialog open={assigning} onOpenChange={setAssigning} user={user} />}
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        busy={remove.isPending}
        confirmLabel="Remove role"
        title={`Remove ${removing?.name ?? "role"} from ${user.name}?`}
        description="They lose every permission that only this role (and the roles it inherits from) gave them. Direct overrides stay."
        onConfirm={() => removing && remove.mutate(removing)}
      />
    </Card>
  );
}

function AssignRoleDialog({
  open,
  onOpenChange,
  user,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  user: UserDetail;
}) {
  const roles = useRoles(undefined, { enabled: open });
  const [roleId, setRoleId] = useState("");
  const [expires, setExpires] = useState("");
  const held = new Set(user.roles.map((r) => r.id));
  const reset = () => {
    setRoleId("");
    setExpires("");
    assign.reset();
  };
  const assign = useAssignRole(user.id, {
    success: (r) => `Assigned ${r.role} to ${user.name}${r.expires_at ? ` until ${formatDateTime(r.expires_at)}` : ""}`,
    onSuccess: () => {
      onOpenChange(false);
      reset();
    },
    onError: (e) => e.status === 400,
  });
  const err = assign.error;
  const expiresError = err?.fieldError("expires_at");
  const chosen = roles.data?.data.find((r) => r.id === roleId);

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        onOpenChange(o);
        if (!o) reset();
      }}
    >
      <DialogContent
        title={`Assign a role to ${user.name}`}
        description="They receive every permission of the role and of the roles it inherits from."
        footer={
          <>
            <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={assign.isPending}>
              Cancel
            </Button>
            <Button type="submit" form="assign-role" disabled={assign.isPending || !roleId}>
              {assign.isPending ? "Assigning…" : "Assign role"}
            </Button>
          </>
        }
      >
        <form
          noValidate
          id="assign-role"
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            assign.mutate({ role_id: roleId, expires_at: localToIso(expires) });
          }}
        >
          {err?.status === 400 && !expiresError && (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
              {problemDetail(err)}
            </p>
          )}
          <Field id="assign-role-id" label="Role" hint={chosen?.description ?? undefined}>
            <Select id="assign-role-id" value={roleId} onChange={(e) => setRoleId(e.target.value)} required>
              <option value="">{roles.isLoading ? "Loading roles…" : "Choose a role"}</option>
              {roles.data?.data.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                  {held.has(r.id) ? " (held — update expiry)" : ""} · {r.grants_all ? "all" : r.permission_count}{" "}
                  permissions
                </option>
              ))}
            </Select>
          </Field>
          <Field
            id="assign-role-expires"
            label="Expires (optional)"
            hint="Leave empty to keep the role until it is removed. Times are in your time zone."
            error={expiresError}
          >
            <Input
              id="assign-role-expires"
              type="datetime-local"
              value={expires}
              onChange={(e) => setExpires(e.target.value)}
              aria-invalid={!!expiresError}
              aria-describedby={expiresError ? "assign-role-expires-error" : undefined}
            />
          </Field>
        </form>
      </DialogContent>
    </Dialog>
  );
}
