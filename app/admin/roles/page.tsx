import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PolicyImport } from "@/components/admin/roles/policy-import";
import { RolesTable } from "@/components/admin/roles/roles-table";
import { PageHeader } from "@/components/ui/page-header";
import { editorCatalog } from "@/lib/admin/editor-catalog";
import { sectionPage } from "@/lib/admin/section-page";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { tenantOf } from "@/lib/auth/principal";
import { matrixQueries } from "@/lib/query/matrix";
import { ROLES_PARAMS, roleQueries } from "@/lib/query/roles";
import { getMatrix } from "@/lib/services/matrix";
import { listTenantRoles } from "@/lib/services/roles";

export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage() {
  const page = await sectionPage("/admin/roles");
  // The matrix's data gives each role's effective grants for its summary; menu items lay it out.
  const [, , layout] = await Promise.all([
    page.seed(roleQueries.list(), () => listTenantRoles(page.ctx, { ...ROLES_PARAMS })),
    page.seed(matrixQueries.matrix(), () => getMatrix(page.ctx, {})),
    editorCatalog(page.db, tenantOf(page.principal)),
  ]);
  const [canManage, canUseTemplates, canReadCatalog, canReadTemplates] = await Promise.all([
    page.can("gatehouse.roles.manage"),
    page.can("gatehouse.templates.manage"),
    page.can("gatehouse.permissions.view"),
    page.can("gatehouse.templates.view"),
  ]);
  // The policy document carries the catalog and the templates too: exporting it needs their view.
  const canExport = canReadCatalog && canReadTemplates;
  return (
    <>
      <PageHeader
        title="Roles"
        crumbs={CONSOLE_CRUMBS}
        current="Roles"
        description="A role is a named set of permissions. Members get the permissions of every role they hold, and of the roles those inherit from."
        actions={canExport && <PolicyImport canManage={canManage} />}
      />
      <HydrationBoundary state={page.state()}>
        <RolesTable canManage={canManage} canUseTemplates={canUseTemplates} menuItems={layout.menuItems} />
      </HydrationBoundary>
    </>
  );
}
