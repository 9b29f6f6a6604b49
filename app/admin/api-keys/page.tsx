import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { ApiKeysPanel } from "@/components/admin/api-keys/api-keys-panel";
import { PageHeader } from "@/components/ui/page-header";
import { sectionPage } from "@/lib/admin/section-page";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { apiKeyQueries } from "@/lib/query/api-keys";
import { listApiKeys } from "@/lib/services/api-keys";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const page = await sectionPage("/admin/api-keys");
  await page.seed(apiKeyQueries.list(), () => listApiKeys(page.ctx));
  const canManage = await page.can("gatehouse.api_keys.manage");
  return (
    <>
      <PageHeader
        title="API keys"
        crumbs={CONSOLE_CRUMBS}
        current="API keys"
        description="Keys let your own back ends call the Gatehouse API for this tenant: check permissions, read, or change access rules. Each key’s secret is shown once."
      />
      <HydrationBoundary state={page.state()}>
        <ApiKeysPanel canManage={canManage} />
      </HydrationBoundary>
    </>
  );
}
