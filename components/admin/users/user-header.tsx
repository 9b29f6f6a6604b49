"use client";
import { Eye, HelpCircle, LogOut, UserMinus, UserRoundCheck, UserRoundX } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { CONSOLE_CRUMB } from "@/lib/admin/sections";
import { useDepartments, useMemberDepartment } from "@/lib/query/organisation";
import { useEndUserSessions } from "@/lib/query/sessions";
import { type UserDetail, useRemoveMember, useSetMemberStatus } from "@/lib/query/users";
import { initials } from "@/lib/utils";

/** Name, email, status and department; "Preview as this user"; disable/enable and removal for managers. */
export function UserHeader({
  user,
  canManage,
  isSelf,
  onWhy,
}: {
  user: UserDetail;
  canManage: boolean;
  isSelf: boolean;
  /** Opens the "Why?" panel on its search: explain any permission, found by name. */
  onWhy?: () => void;
}) {
  const router = useRouter();
  const [confirm, setConfirm] = useState<"disable" | "remove" | "sessions" | "department" | null>(null);
  const active = user.status === "active" && user.membership_status === "active";

  const setStatus = useSetMemberStatus(user.id, {
    success: (_, status) =>
      status === "disabled" ? `${user.name} is disabled in this tenant` : `${user.name} is active again`,
    onSuccess: () => {
      setConfirm(null);
    },
  });
  const remove = useRemoveMember(user.id, {
    success: `${user.name} was removed from this tenant`,
    onSuccess: () => {
      setConfirm(null);
      router.push("/admin/users");
    },
  });
  const endSessions = useEndUserSessions({
    success: (d) => `${d.ended} session${d.ended === 1 ? "" : "s"} of ${user.name} ended`,
    onSuccess: () => setConfirm(null),
  });
  // Nobody disables or removes themselves (the server refuses it too).
  const canChange = canManage && !isSelf;

  return (
    <>
      <PageHeader
        crumbs={[CONSOLE_CRUMB, { href: "/admin/users", label: "Users" }]}
        current={user.name}
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span
              aria-hidden
              className="grid size-10 place-items-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700"
            >
              {initials(user.name)}
            </span>
            {user.name}
            {active ? (
              <Badge tone="green">Active</Badge>
            ) : (
              <Badge tone="red">{user.membership_status === "active" ? "Account disabled" : "Disabled here"}</Badge>
            )}
            {user.is_super_admin && <Badge tone="brand">Platform super-admin</Badge>}
            {isSelf && <Badge>You</Badge>}
          </span>
        }
        description={
          <>
            {user.email} · {user.department ?? "No department"}
            {canChange && (
              <>
                {" "}
                <button
                  type="button"
                  onClick={() => setConfirm("department")}
                  className="font-medium text-brand-700 hover:underline"
                >
                  Change department
                </button>
              </>
            )}
          </>
        }
        actions={
          <>
            {onWhy && (
              <Button variant="secondary" onClick={onWhy}>
                <HelpCircle className="size-4" aria-hidden />
                Why?…
              </Button>
            )}
            <Button asChild variant="secondary">
              <Link href={`/admin/users/${user.id}/preview`}>
                <Eye className="size-4" aria-hidden />
                Preview as this user
              </Link>
            </Button>
            {canChange &&
              (user.membership_status === "active" ? (
                <Button variant="secondary" onClick={() => setConfirm("disable")}>
                  <UserRoundX className="size-4" aria-hidden />
                  Disable
                </Button>
              ) : (
                <Button variant="secondary" disabled={setStatus.isPending} onClick={() => setStatus.mutate("active")}>
                  <UserRoundCheck className="size-4" aria-hidden />
                  Enable
                </Button>
              ))}
            {canChange && (
              <Button variant="secondary" onClick={() => setConfirm("sessions")}>
                <LogOut className="size-4" aria-hidden />
                Sign out everywhere
              </Button>
            )}
            {canChange && (
              <Button variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => setConfirm("remove")}>
                <UserMinus className="size-4" aria-hidden />
                Remove
              </Button>
            )}
          </>
        }
      />
      <ConfirmDialog
        open={confirm === "disable"}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={`Disable ${user.name}?`}
        confirmLabel="Disable"
        busy={setStatus.isPending}
        description="They are denied everything in this tenant from their next request on. Their roles and overrides are kept, so enabling them again restores their access."
        onConfirm={() => setStatus.mutate("disabled")}
      />
      {confirm === "department" && <DepartmentDialog user={user} onClose={() => setConfirm(null)} />}
      <ConfirmDialog
        open={confirm === "sessions"}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={`Sign ${user.name} out everywhere?`}
        confirmLabel="Sign out everywhere"
        busy={endSessions.isPending}
        description="Every browser they are signed in from is signed out at once; they can sign in again. This is recorded in the audit log."
        onConfirm={() => endSessions.mutate(user.id)}
      />
      <ConfirmDialog
        open={confirm === "remove"}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={`Remove ${user.name} from this tenant?`}
        confirmLabel="Remove"
        busy={remove.isPending}
        description={
          <>
            Their {user.roles.length} role{user.roles.length === 1 ? "" : "s"} and {user.overrides.length} override
            {user.overrides.length === 1 ? "" : "s"} here go with the membership. Their account stays, as other tenants
            may share it.
          </>
        }
        onConfirm={() => remove.mutate()}
      />
    </>
  );
}

/** Moves the member to a department (or none): it decides how far their department-scoped grants reach. */
function DepartmentDialog({ user, onClose }: { user: UserDetail; onClose: () => void }) {
  const departments = useDepartments();
  const [departmentId, setDepartmentId] = useState(user.department_id ?? "");
  const move = useMemberDepartment({
    success: (d) => (d.department_id ? `${user.name} moved` : `${user.name} has no department now`),
    onSuccess: onClose,
  });
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title={`Department of ${user.name}`}
        description="Department-scoped grants reach the records of this department for them, from their next request on."
        footer={
          <>
            <Button variant="secondary" onClick={onClose} disabled={move.isPending}>
              Cancel
            </Button>
            <Button
              disabled={move.isPending || departmentId === (user.department_id ?? "")}
              onClick={() => move.mutate({ userId: user.id, department_id: departmentId || null })}
            >
              {move.isPending ? "Saving…" : "Save department"}
            </Button>
          </>
        }
      >
        <Field id="member-department" label="Department">
          <Select id="member-department" value={departmentId} onChange={(e) => setDepartmentId(e.target.value)}>
            <option value="">None</option>
            {(departments.data?.data ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        </Field>
      </DialogContent>
    </Dialog>
  );
}
