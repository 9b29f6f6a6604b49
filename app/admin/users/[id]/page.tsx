import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import {
  MODULES_PARAMS,
  MODULES_PATH,
  PERMISSIONS_PARAMS,
  ROLES_PARAMS,
  ROLES_PATH,
  userAuditPath,
  userPath,
  userPermissionsPath,
  userStatsPath,
} from "@/components/admin/users/types";
import { UserDetailView } from "@/components/admin/users/user-detail-view";
import { adminPage } from "@/lib/admin/page";
import { listNavigationModules } from "@/lib/services/navigation-catalog";
import { listTenantRoles } from "@/lib/services/roles";
import { getUser, getUserAudit, getUserPermissionStats, getUserPermissions } from "@/lib/services/users";
import { userParams } from "@/lib/validation/users";

export const metadata: Metadata = { title: "User" };

/**
 * One member: roles, effective permissions with their sources, overrides, explanations and
 * history. An unknown id and another tenant's user are the same 404 (the service decides).
 */
export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const page = await adminPage("gatehouse.users.view");
  const parsed = userParams.safeParse(await params);
  if (!parsed.success) notFound();
  const { id } = parsed.data;
  const { ctx } = page;
  const [canManage, canViewRoles, canViewAudit, canViewCatalog] = await Promise.all([
    page.can("gatehouse.users.manage"),
    page.can("gatehouse.roles.view"),
    page.can("gatehouse.audit.view"),
    page.can("gatehouse.permissions.view"),
  ]);
  await page.seed(userPath(id), undefined, () => getUser(ctx, id));
  await Promise.all([
    page.seed(userPermissionsPath(id), PERMISSIONS_PARAMS, () =>
      getUserPermissions(ctx, id, { ...PERMISSIONS_PARAMS, active_only: false }),
    ),
    page.seed(userStatsPath(id), undefined, () => getUserPermissionStats(ctx, id)),
    canViewAudit ? page.seed(userAuditPath(id), undefined, () => getUserAudit(ctx, id)) : null,
    canViewRoles ? page.seed(ROLES_PATH, ROLES_PARAMS, () => listTenantRoles(ctx, { ...ROLES_PARAMS })) : null,
    canViewCatalog
      ? page.seed(MODULES_PATH, MODULES_PARAMS, () =>
          listNavigationModules(ctx, { ...MODULES_PARAMS, active_only: false }),
        )
      : null,
  ]);
  return (
    <HydrationBoundary state={page.state()}>
      <UserDetailView
        userId={id}
        viewerId={page.viewer.user.id}
        can={{ manage: canManage, viewRoles: canViewRoles, viewAudit: canViewAudit, viewCatalog: canViewCatalog }}
      />
    </HydrationBoundary>
  );
}
