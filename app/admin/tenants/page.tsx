import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { TenantsConsole } from "@/components/admin/tenants/tenants-console";
import { PageHeader } from "@/components/ui/page-header";
import { sectionPage } from "@/lib/admin/section-page";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { planQueries } from "@/lib/query/plans";
import { TENANTS_PARAMS, tenantQueries } from "@/lib/query/tenants";
import { listPlans } from "@/lib/services/plans";
import { listTenants } from "@/lib/services/tenants";

export const metadata: Metadata = { title: "Tenants" };

export default async function TenantsPage() {
  const page = await sectionPage("/admin/tenants");
  const { ctx } = page;
  await Promise.all([
    page.seed(tenantQueries.list(), () => listTenants(ctx, { ...TENANTS_PARAMS })),
    page.seed(planQueries.list(), () => listPlans(ctx)),
  ]);
  return (
    <>
      <PageHeader
        title="Tenants"
        crumbs={CONSOLE_CRUMBS}
        current="Tenants"
        description="Every organization on the platform, its plan and its members. Create one (it gets the roles Admin, Member and Viewer), change its plan, or switch into it to administer it."
      />
      <HydrationBoundary state={page.state()}>
        <TenantsConsole currentTenantId={page.viewer.tenant?.id ?? null} />
      </HydrationBoundary>
    </>
  );
}
