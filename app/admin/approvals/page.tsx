import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { ApprovalsPanel } from "@/components/admin/approvals/approvals-panel";
import { approvalParams, parseStatus } from "@/components/admin/approvals/types";
import { PageHeader } from "@/components/ui/page-header";
import { adminPage } from "@/lib/admin/page";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { listApprovals } from "@/lib/services/approvals";
import { approvalListQuery } from "@/lib/validation/approvals";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const page = await adminPage("gatehouse.approvals.view");
  const status = parseStatus((await searchParams).status);
  const params = approvalParams(status);
  await page.seed("/api/v1/approvals", params, () => listApprovals(page.ctx, approvalListQuery.parse(params)));
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
