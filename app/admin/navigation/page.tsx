import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { NavigationConsole } from "@/components/admin/navigation/navigation-console";
import { PageHeader } from "@/components/ui/page-header";
import { sectionPage } from "@/lib/admin/section-page";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { NAVIGATION_PARAMS as ALL, catalogQueries } from "@/lib/query/catalog";
import { permissionGroups } from "@/lib/services/catalog";
import { listNavigationMenuItems, listNavigationModules } from "@/lib/services/navigation-catalog";

export const metadata: Metadata = { title: "Navigation catalog" };

export default async function NavigationPage() {
  const page = await sectionPage("/admin/navigation");
  const { ctx } = page;
  await Promise.all([
    page.seed(catalogQueries.modules(), () => listNavigationModules(ctx, { ...ALL, active_only: false })),
    page.seed(catalogQueries.menuItems(), () => listNavigationMenuItems(ctx, { ...ALL, active_only: false })),
    page.seed(catalogQueries.groups(), () => permissionGroups(ctx, false)),
  ]);
  const canManage = await page.can("gatehouse.permissions.manage");
  const isSuperAdmin = page.viewer.user.isSuperAdmin;
  const tenantName = page.viewer.tenant?.name ?? "this tenant";
  return (
    <>
      <PageHeader
        title="Navigation catalog"
        crumbs={CONSOLE_CRUMBS}
        current="Navigation catalog"
        description={
          isSuperAdmin
            ? "The product's modules and menu items: what every tenant's sidebar is built from, in this order."
            : `The product's modules and menu items, and ${tenantName}’s own modules for its custom permissions.`
        }
      />
      <HydrationBoundary state={page.state()}>
        <NavigationConsole canManage={canManage} isSuperAdmin={isSuperAdmin} tenantName={tenantName} />
      </HydrationBoundary>
    </>
  );
}
