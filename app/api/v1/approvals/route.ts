import { route } from "@/lib/api/route";
import { listApprovals } from "@/lib/services/approvals";
import { approvalListQuery } from "@/lib/validation/approvals";
import { ApprovalPage, ok } from "@/lib/validation/responses";

export const GET = route(
  { responses: [ok(ApprovalPage)], scope: "read", permission: "gatehouse.approvals.view", query: approvalListQuery },
  ({ ctx, query }) => listApprovals(ctx, query),
);
