import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { CatalogBrowser } from "@/components/admin/catalog/catalog-browser";
import { PageHeader } from "@/components/ui/page-header";
import { sectionPage } from "@/lib/admin/section-page";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { catalogQueries } from "@/lib/query/catalog";
import { permissionGroups } from "@/lib/services/catalog";

export const metadata: Metadata = { title: "Permissions catalog" };

export default async function PermissionsCatalogPage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const page = await sectionPage("/admin/permissions");
  await page.seed(catalogQueries.groups(), () => permissionGroups(page.ctx, false));
  const [canManage, canViewUsers] = await Promise.all([
    page.can("gatehouse.permissions.manage"),
    page.can("gatehouse.users.view"),
  ]);
  const { code } = await searchParams;
  const isSuperAdmin = page.viewer.user.isSuperAdmin;
  const tenantName = page.viewer.tenant?.name ?? "this tenant";
  return (
    <>
      <PageHeader
        title="Permissions catalog"
        crumbs={CONSOLE_CRUMBS}
        current="Permissions catalog"
        description={
          isSuperAdmin
            ? "Every permission tenants can grant: the global catalog you maintain, the system permissions Gatehouse relies on, and this tenant’s custom ones."
            : `Every permission ${tenantName} can grant: the global catalog and system permissions (read-only here), and your own custom permissions.`
        }
      />
      <HydrationBoundary state={page.state()}>
        <CatalogBrowser
          canManage={canManage}
          canViewUsers={canViewUsers}
          isSuperAdmin={isSuperAdmin}
          tenantName={tenantName}
          initialCode={code}
        />
      </HydrationBoundary>
    </>
  );
}
