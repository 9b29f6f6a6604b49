import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { flattenCatalog, moduleIndex } from "@/components/admin/roles/catalog-index";
import { RoleDetailView } from "@/components/admin/roles/role-detail";
import { editorCatalog } from "@/lib/admin/editor-catalog";
import { sectionPage } from "@/lib/admin/section-page";
import { tenantOf } from "@/lib/auth/principal";
import { approvalQueries, PENDING_PARAMS } from "@/lib/query/approvals";
import { matrixQueries } from "@/lib/query/matrix";
import { ROLES_PARAMS, roleQueries } from "@/lib/query/roles";
import { listApprovals } from "@/lib/services/approvals";
import { permissionGroups } from "@/lib/services/catalog";
import { getMatrix } from "@/lib/services/matrix";
import { getTenantRole, getTenantRoleUsers, listTenantRoles } from "@/lib/services/roles";
import { PermissionGroups } from "@/lib/validation/responses";
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
  const page = await sectionPage("/admin/roles");
  // Not a UUID: no role can have it (the same 404 as an unknown id or another tenant's).
  if (!roleParams.safeParse({ id }).success) notFound();
  const [manage, manageTemplates, viewUsers, viewAudit, viewCatalog, viewApprovals, manageUsers] = await Promise.all(
    (
      [
        "gatehouse.roles.manage",
        "gatehouse.templates.manage",
        "gatehouse.users.view",
        "gatehouse.audit.view",
        "gatehouse.permissions.view",
        "gatehouse.approvals.view",
        "gatehouse.users.manage",
      ] as const
    ).map((c) => page.can(c)),
  );
  const role = await page.seed(roleQueries.detail(id), () => getTenantRole(page.ctx, id));
  // The editor: the matrix's data (every role's grants, plan marks), and how to lay it out.
  const [, catalog, , , , layout] = await Promise.all([
    page.seed(roleQueries.list(), () => listTenantRoles(page.ctx, { ...ROLES_PARAMS })),
    viewCatalog ? permissionGroups(page.ctx, false).then((g) => PermissionGroups.parse(g)) : null,
    viewUsers ? page.seed(roleQueries.users(id), () => getTenantRoleUsers(page.ctx, id)) : null,
    page.seed(matrixQueries.matrix(), () => getMatrix(page.ctx, {})),
    viewApprovals
      ? page.seed(approvalQueries.list(PENDING_PARAMS), () => listApprovals(page.ctx, { ...PENDING_PARAMS }))
      : null,
    editorCatalog(page.db, tenantOf(page.principal)),
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
        layout={layout}
        can={{
          manage: manage!,
          manageTemplates: manageTemplates!,
          viewUsers: viewUsers!,
          viewAudit: viewAudit!,
          viewCatalog: viewCatalog!,
          viewApprovals: viewApprovals!,
          manageUsers: manageUsers!,
        }}
      />
    </HydrationBoundary>
  );
}
