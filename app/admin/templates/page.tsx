import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { TemplatesTable } from "@/components/admin/templates/templates-table";
import { PageHeader } from "@/components/ui/page-header";
import { sectionPage } from "@/lib/admin/section-page";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { ROLES_PARAMS, roleQueries } from "@/lib/query/roles";
import { TEMPLATES_PARAMS, templateQueries } from "@/lib/query/templates";
import { listTenantRoles } from "@/lib/services/roles";
import { listTenantTemplates } from "@/lib/services/templates";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const page = await sectionPage("/admin/templates");
  const [manage, manageRoles, viewRoles, viewCatalog] = await Promise.all(
    (
      [
        "gatehouse.templates.manage",
        "gatehouse.roles.manage",
        "gatehouse.roles.view",
        "gatehouse.permissions.view",
      ] as const
    ).map((c) => page.can(c)),
  );
  await Promise.all([
    page.seed(templateQueries.list(), () => listTenantTemplates(page.ctx, { ...TEMPLATES_PARAMS })),
    viewRoles ? page.seed(roleQueries.list(), () => listTenantRoles(page.ctx, { ...ROLES_PARAMS })) : null,
  ]);
  return (
    <>
      <PageHeader
        title="Templates"
        crumbs={CONSOLE_CRUMBS}
        current="Templates"
        description="Named permission sets to set up roles in one step. Applying a template grants its allowed codes to a role and removes its denied ones."
      />
      <HydrationBoundary state={page.state()}>
        <TemplatesTable
          can={{
            manage: manage!,
            apply: manage! && manageRoles!,
            viewRoles: viewRoles!,
            viewCatalog: viewCatalog!,
            isSuperAdmin: page.viewer.user.isSuperAdmin,
          }}
        />
      </HydrationBoundary>
    </>
  );
}
