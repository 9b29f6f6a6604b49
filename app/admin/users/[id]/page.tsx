import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { UserDetailView } from "@/components/admin/users/user-detail-view";
import { sectionPage } from "@/lib/admin/section-page";
import { catalogQueries, NAVIGATION_PARAMS } from "@/lib/query/catalog";
import { ROLES_PARAMS, roleQueries } from "@/lib/query/roles";
import { PERMISSIONS_PARAMS, userQueries } from "@/lib/query/users";
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
  const page = await sectionPage("/admin/users");
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
  await page.seed(userQueries.detail(id), () => getUser(ctx, id));
  await Promise.all([
    page.seed(userQueries.permissions(id), () =>
      getUserPermissions(ctx, id, { ...PERMISSIONS_PARAMS, active_only: false }),
    ),
    page.seed(userQueries.stats(id), () => getUserPermissionStats(ctx, id)),
    canViewAudit ? page.seed(userQueries.audit(id), () => getUserAudit(ctx, id, { limit: 50 })) : null,
    canViewRoles ? page.seed(roleQueries.list(), () => listTenantRoles(ctx, { ...ROLES_PARAMS })) : null,
    canViewCatalog
      ? page.seed(catalogQueries.modules(), () =>
          listNavigationModules(ctx, { ...NAVIGATION_PARAMS, active_only: false }),
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
