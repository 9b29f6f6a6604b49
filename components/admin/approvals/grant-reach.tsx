"use client";
import { Users } from "lucide-react";
import { Skeleton } from "@/components/ui/skeleton";
import type { Approval } from "@/lib/query/approvals";
import { problemDetail } from "@/lib/query/hooks";
import { ROLES_PARAMS, useRoles, useRoleUsers } from "@/lib/query/roles";

const SHOWN = 8;

/**
 * Whom approving reaches, before the approver confirms: an override reaches its one user; a role
 * grant reaches the role's members and, through inheritance, the members of every role below it.
 */
export function GrantReach({ approval }: { approval: Approval }) {
  if (approval.kind === "user_override" || !approval.role) {
    return (
      <Reach title="Reaches 1 user">
        <li>{approval.user?.email ?? "a former member"}</li>
      </Reach>
    );
  }
  return <RoleReach roleId={approval.role.id} roleName={approval.role.name} />;
}

function RoleReach({ roleId, roleName }: { roleId: string; roleName: string }) {
  const users = useRoleUsers(roleId);
  const roles = useRoles(ROLES_PARAMS);
  if (users.isPending || roles.isPending) return <Skeleton className="h-16 w-full" />;
  if (users.isError)
    return (
      <p className="text-sm text-slate-600" data-testid="grant-reach">
        Could not list who holds {roleName}: {problemDetail(users.error)}
      </p>
    );
  // Roles that inherit from this one, transitively: their members get the grant too.
  const list = roles.data?.data ?? [];
  const below = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of list)
      if (!below.has(r.id) && r.parent_ids.some((p) => p === roleId || below.has(p))) {
        below.add(r.id);
        grew = true;
      }
  }
  const through = list.filter((r) => below.has(r.id) && r.user_count > 0);
  const direct = users.data.data;
  const more = users.data.next_cursor ? "+" : "";
  const total = direct.length + through.reduce((n, r) => n + r.user_count, 0);
  return (
    <Reach title={`Reaches ${total}${more} user${total === 1 && !more ? "" : "s"}`}>
      {direct.length === 0 && through.length === 0 && <li className="text-slate-500">Nobody holds {roleName} yet.</li>}
      {direct.slice(0, SHOWN).map((u) => (
        <li key={u.id}>
          {u.name} <span className="text-slate-500">· {u.email}</span>
        </li>
      ))}
      {direct.length > SHOWN && (
        <li className="text-slate-500">
          and {direct.length - SHOWN}
          {more} more holding {roleName}
        </li>
      )}
      {through.map((r) => (
        <li key={r.id} className="text-slate-600">
          {r.user_count} through {r.name} (inherits {roleName})
        </li>
      ))}
    </Reach>
  );
}

function Reach({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label="Who the grant reaches" data-testid="grant-reach" className="text-sm">
      <h3 className="mb-1 flex items-center gap-1.5 font-medium text-slate-900">
        <Users className="size-4 text-slate-500" aria-hidden />
        {title}
      </h3>
      <ul className="max-h-40 space-y-0.5 overflow-y-auto text-slate-800">{children}</ul>
    </section>
  );
}
