import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { Organisation } from "@/components/admin/organisation/organisation";
import { PageHeader } from "@/components/ui/page-header";
import { sectionPage } from "@/lib/admin/section-page";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { ORGANISATION_PARAMS, organisationQueries } from "@/lib/query/organisation";
import { listTenantDepartments, listTenantTeams } from "@/lib/services/organisation";

export const metadata: Metadata = { title: "Organisation" };

export default async function OrganisationPage() {
  const page = await sectionPage("/admin/organisation");
  const manage = await page.can("gatehouse.users.manage");
  await Promise.all([
    page.seed(organisationQueries.departments(), () => listTenantDepartments(page.ctx, { ...ORGANISATION_PARAMS })),
    page.seed(organisationQueries.teams(), () => listTenantTeams(page.ctx, { ...ORGANISATION_PARAMS })),
  ]);
  return (
    <>
      <PageHeader
        title="Organisation"
        crumbs={CONSOLE_CRUMBS}
        current="Organisation"
        description="Departments and teams decide how far department- and team-scoped grants reach. Every change takes effect at once and is audited."
      />
      <HydrationBoundary state={page.state()}>
        <Organisation canManage={manage} />
      </HydrationBoundary>
    </>
  );
}
