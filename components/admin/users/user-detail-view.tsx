"use client";
import { useCallback, useState } from "react";
import { ErrorState } from "@/components/ui/empty-state";
import { PageSkeleton } from "@/components/ui/skeleton";
import { problemDetail } from "@/lib/query/hooks";
import { type UserPermission, useUser } from "@/lib/query/users";
import { ExplainSheet } from "./explain-sheet";
import { OverrideEditor } from "./override-editor";
import { UserHeader } from "./user-header";
import { UserHistory } from "./user-history";
import { UserRolesCard } from "./user-roles-card";
import { UserStatsCards } from "./user-stats";

export interface UserPageAbilities {
  manage: boolean;
  viewRoles: boolean;
  viewAudit: boolean;
  viewCatalog: boolean;
}

/** The user page: header, stats, roles and history side by side, then the override editor; "Why?" opens the explain panel. */
export function UserDetailView({
  userId,
  viewerId,
  can,
}: {
  userId: string;
  viewerId: string;
  can: UserPageAbilities;
}) {
  const user = useUser(userId);
  const [explaining, setExplaining] = useState<{ code: string; name: string } | null>(null);
  const onExplain = useCallback((p: UserPermission) => setExplaining({ code: p.code, name: p.name }), []);

  if (user.isError)
    return (
      <ErrorState title="Could not load this user" detail={problemDetail(user.error)} onRetry={() => user.refetch()} />
    );
  if (!user.data) return <PageSkeleton />;
  const u = user.data;
  return (
    <>
      <UserHeader
        user={u}
        canManage={can.manage}
        isSelf={u.id === viewerId}
        onWhy={() => setExplaining({ code: "", name: "" })}
      />
      <div className="space-y-6">
        <UserStatsCards userId={userId} />
        <div className="grid gap-6 lg:grid-cols-2">
          <UserRolesCard user={u} canManage={can.manage} canViewRoles={can.viewRoles} />
          <UserHistory userId={userId} canViewAudit={can.viewAudit} canViewRoles={can.viewRoles} />
        </div>
        <OverrideEditor
          user={u}
          canManage={can.manage}
          canViewCatalog={can.viewCatalog}
          selectedCode={explaining?.code ?? null}
          onExplain={onExplain}
        />
      </div>
      <ExplainSheet
        userId={userId}
        userName={u.name}
        code={explaining?.code ?? null}
        name={explaining?.name}
        onClose={() => setExplaining(null)}
        onPick={setExplaining}
      />
    </>
  );
}
