import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PlansConsole } from "@/components/admin/plans/plans-console";
import { PageHeader } from "@/components/ui/page-header";
import { sectionPage } from "@/lib/admin/section-page";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { NAVIGATION_PARAMS as ALL, catalogQueries } from "@/lib/query/catalog";
import { planQueries } from "@/lib/query/plans";
import { TENANTS_PARAMS, tenantQueries } from "@/lib/query/tenants";
import { listNavigationMenuItems, listNavigationModules } from "@/lib/services/navigation-catalog";
import { listPlans } from "@/lib/services/plans";
import { listTenants } from "@/lib/services/tenants";

export const metadata: Metadata = { title: "Plans" };

export default async function PlansPage() {
  const page = await sectionPage("/admin/plans");
  const { ctx } = page;
  await Promise.all([
    page.seed(planQueries.list(), () => listPlans(ctx)),
    page.seed(catalogQueries.menuItems(), () => listNavigationMenuItems(ctx, { ...ALL, active_only: false })),
    page.seed(catalogQueries.modules(), () => listNavigationModules(ctx, { ...ALL, active_only: false })),
    page.seed(tenantQueries.list(), () => listTenants(ctx, { ...TENANTS_PARAMS })),
  ]);
  return (
    <>
      <PageHeader
        title="Plans"
        crumbs={CONSOLE_CRUMBS}
        current="Plans"
        description="Subscription plans, the menu items each includes, and which plan each tenant is on. Platform super-admins only: a change here re-decides every tenant on the plan."
      />
      <HydrationBoundary state={page.state()}>
        <PlansConsole />
      </HydrationBoundary>
    </>
  );
}
