import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { AuditLog } from "@/components/admin/audit/audit-log";
import { ChainStatus } from "@/components/admin/audit/chain-status";
import { ExportButton } from "@/components/admin/audit/export-button";
import { auditApiParams, parseAuditFilters } from "@/components/admin/audit/filters";
import { PageHeader } from "@/components/ui/page-header";
import { sectionPage } from "@/lib/admin/section-page";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { apiKeyQueries } from "@/lib/query/api-keys";
import { auditQueries } from "@/lib/query/audit";
import { roleQueries } from "@/lib/query/roles";
import { userQueries } from "@/lib/query/users";
import { listApiKeys } from "@/lib/services/api-keys";
import { listAudit } from "@/lib/services/audit-log";
import { listTenantRoles } from "@/lib/services/roles";
import { listUsers } from "@/lib/services/users";
import { auditQuery } from "@/lib/validation/audit";
import { userListQuery } from "@/lib/validation/users";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const page = await sectionPage("/admin/audit");
  const filters = parseAuditFilters(await searchParams);
  const params = auditApiParams(filters);
  const actorSources = {
    users: await page.can("gatehouse.users.view"),
    apiKeys: await page.can("gatehouse.api_keys.view"),
    roles: await page.can("gatehouse.roles.view"),
  };
  await Promise.all([
    page.seed(auditQueries.list(params), () => listAudit(page.ctx, auditQuery.parse(params))),
    actorSources.users &&
      page.seed(userQueries.list({ limit: 200 }), () => listUsers(page.ctx, userListQuery.parse({ limit: 200 }))),
    actorSources.apiKeys && page.seed(apiKeyQueries.list(), () => listApiKeys(page.ctx)),
    actorSources.roles && page.seed(roleQueries.list(), () => listTenantRoles(page.ctx, { limit: 200 })),
  ]);
  return (
    <HydrationBoundary state={page.state()}>
      <PageHeader
        title="Audit log"
        crumbs={CONSOLE_CRUMBS}
        current="Audit log"
        description="Every change in this tenant, who made it, from where, and what it was before. Entries are append-only and hash-chained."
        actions={
          <>
            <ChainStatus />
            <ExportButton filters={filters} />
          </>
        }
      />
      <AuditLog filters={filters} actorSources={actorSources} />
    </HydrationBoundary>
  );
}
