import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { ALL, MENU_ITEMS_PATH, MODULES_PATH, PLANS_PATH, TENANTS_PATH } from "@/components/admin/plans/model";
import { PlansConsole } from "@/components/admin/plans/plans-console";
import { PageHeader } from "@/components/ui/page-header";
import { superAdminPage } from "@/lib/admin/page";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { listNavigationMenuItems, listNavigationModules } from "@/lib/services/navigation-catalog";
import { listPlans } from "@/lib/services/plans";
import { listTenants } from "@/lib/services/tenants";

export const metadata: Metadata = { title: "Plans" };

export default async function PlansPage() {
  const page = await superAdminPage();
  const { ctx } = page;
  await Promise.all([
    page.seed(PLANS_PATH, undefined, () => listPlans(ctx)),
    page.seed(MENU_ITEMS_PATH, ALL, () => listNavigationMenuItems(ctx, { ...ALL, active_only: false })),
    page.seed(MODULES_PATH, ALL, () => listNavigationModules(ctx, { ...ALL, active_only: false })),
    page.seed(TENANTS_PATH, ALL, () => listTenants(ctx, { ...ALL })),
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
