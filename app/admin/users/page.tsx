import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { UsersTable } from "@/components/admin/users/users-table";
import { PageHeader } from "@/components/ui/page-header";
import { sectionPage } from "@/lib/admin/section-page";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { invitationQueries } from "@/lib/query/invitations";
import { ROLES_PARAMS, roleQueries } from "@/lib/query/roles";
import { USERS_PAGE_SIZE, userQueries } from "@/lib/query/users";
import { grantableRoleIds, listInvitations } from "@/lib/services/invitation-links";
import { listTenantRoles } from "@/lib/services/roles";
import { listUsers } from "@/lib/services/users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const page = await sectionPage("/admin/users");
  const [canManage, canViewRoles] = await Promise.all([
    page.can("gatehouse.users.manage"),
    page.can("gatehouse.roles.view"),
  ]);
  const params = { limit: USERS_PAGE_SIZE };
  const [grantable] = await Promise.all([
    canManage ? grantableRoleIds(page.ctx) : [],
    page.seed(userQueries.list(params), () => listUsers(page.ctx, params)),
    // Role names for the column and the filter; without roles.view the list shows counts only.
    canViewRoles ? page.seed(roleQueries.list(), () => listTenantRoles(page.ctx, { ...ROLES_PARAMS })) : null,
    page.seed(invitationQueries.list(), () => listInvitations(page.ctx, { limit: 200 })),
  ]);
  return (
    <>
      <PageHeader
        title="Users"
        crumbs={CONSOLE_CRUMBS}
        current="Users"
        description="Members of this tenant. Open one to see every permission they have, where it comes from, and to grant or deny exceptions."
      />
      <HydrationBoundary state={page.state()}>
        <UsersTable canManage={canManage} canViewRoles={canViewRoles} grantableRoleIds={grantable} />
      </HydrationBoundary>
    </>
  );
}
