import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { ApprovalsPanel } from "@/components/admin/approvals/approvals-panel";
import { approvalParams, parseStatus } from "@/components/admin/approvals/types";
import { PageHeader } from "@/components/ui/page-header";
import { sectionPage } from "@/lib/admin/section-page";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { approvalQueries } from "@/lib/query/approvals";
import { listApprovals } from "@/lib/services/approvals";
import { approvalListQuery } from "@/lib/validation/approvals";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const page = await sectionPage("/admin/approvals");
  const status = parseStatus((await searchParams).status);
  const params = approvalParams(status);
  await page.seed(approvalQueries.list(params), () => listApprovals(page.ctx, approvalListQuery.parse(params)));
  const canManage = await page.can("gatehouse.approvals.manage");
  return (
    <>
      <PageHeader
        title="Approvals"
        crumbs={CONSOLE_CRUMBS}
        current="Approvals"
        description="Grants of permissions marked “requires approval” wait here until a second admin decides. Nobody decides their own request."
      />
      <HydrationBoundary state={page.state()}>
        <ApprovalsPanel initialStatus={status} viewerId={page.viewer.user.id} canManage={canManage} />
      </HydrationBoundary>
    </>
  );
}
