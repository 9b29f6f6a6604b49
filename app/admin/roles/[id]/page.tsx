import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { flattenCatalog, moduleIndex } from "@/components/admin/roles/catalog-index";
import { RoleDetailView } from "@/components/admin/roles/role-detail";
import { ROLES_PARAMS, ROLES_PATH, rolePath } from "@/components/admin/roles/types";
import { adminPage } from "@/lib/admin/page";
import { permissionGroups } from "@/lib/services/catalog";
import { getTenantRole, getTenantRoleUsers, listTenantRoles } from "@/lib/services/roles";
import { roleParams } from "@/lib/validation/roles";

export const metadata: Metadata = { title: "Role" };

export default async function RolePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tab?: string }>;
}) {
  const [{ id }, { tab }] = await Promise.all([params, searchParams]);
  const page = await adminPage("gatehouse.roles.view");
  // Not a UUID: no role can have it (the same 404 as an unknown id or another tenant's).
  if (!roleParams.safeParse({ id }).success) notFound();
  const [manage, manageTemplates, viewUsers, viewAudit, viewCatalog, viewApprovals] = await Promise.all(
    [
      "gatehouse.roles.manage",
      "gatehouse.templates.manage",
      "gatehouse.users.view",
      "gatehouse.audit.view",
      "gatehouse.permissions.view",
      "gatehouse.approvals.view",
    ].map((c) => page.can(c)),
  );
  const role = await page.seed(rolePath(id), undefined, () => getTenantRole(page.ctx, id));
  const [, catalog] = await Promise.all([
    page.seed(ROLES_PATH, ROLES_PARAMS, () => listTenantRoles(page.ctx, { ...ROLES_PARAMS })),
    viewCatalog ? permissionGroups(page.ctx, false) : null,
    viewUsers ? page.seed(`${rolePath(id)}/users`, undefined, () => getTenantRoleUsers(page.ctx, id)) : null,
  ]);
  // Module headings for this role's codes only (the catalog itself stays on the server).
  const modules = catalog
    ? moduleIndex(
        flattenCatalog(catalog),
        role.permissions.map((p) => p.code),
      )
    : {};
  return (
    <HydrationBoundary state={page.state()}>
      <RoleDetailView
        id={id}
        initialTab={tab}
        modules={modules}
        can={{
          manage: manage!,
          manageTemplates: manageTemplates!,
          viewUsers: viewUsers!,
          viewAudit: viewAudit!,
          viewCatalog: viewCatalog!,
          viewApprovals: viewApprovals!,
        }}
      />
    </HydrationBoundary>
  );
}
